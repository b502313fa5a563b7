package io.keyuan.customer;

import io.keyuan.exchange.CellRule;

/**
 * The customer's field rules, declared once: the form's binder and the sheet's columns both apply them, so the
 * same value is accepted (and stored in the same form) or refused with the same message either way. Lengths come
 * from the entity's column constants.
 */
public final class CustomerRules {
    /** A mainland phone number in its canonical form ({@link PhoneNumbers}). */
    public static final CellRule PHONE = value -> phone(value.toString());

    /** An e-mail address, trimmed and narrowed, domain in lower case ({@link EmailAddresses}). */
    public static final CellRule EMAIL = value -> email(value.toString());

    private CustomerRules() {}

    /** The canonical form of a phone number; refuses what is not a mainland number and says why. */
    public static String phone(String typed) {
        PhoneNumbers.Parsed p = PhoneNumbers.parse(typed);
        if (p.ok()) {
            return p.canonical();
        }
        String shown = typed.strip();
        throw p.problem() == PhoneNumbers.Problem.MOBILE
                ? new CellRule.Refused("customer.rule.phone-mobile", shown, p.digits())
                : new CellRule.Refused("customer.rule.phone", shown);
    }

    /** The normal form of an e-mail address; refuses a malformed one and says what is wrong with it. */
    public static String email(String typed) {
        EmailAddresses.Parsed p = EmailAddresses.parse(typed);
        if (p.ok()) {
            return p.normal();
        }
        String shown = typed.strip();
        throw switch (p.problem()) {
            case NO_AT -> new CellRule.Refused("customer.rule.email-no-at", shown);
            case NAME -> new CellRule.Refused("customer.rule.email-name", shown);
            case DOMAIN -> new CellRule.Refused("customer.rule.email-domain", shown);
            case TOO_LONG -> new CellRule.Refused("customer.rule.email-too-long", shown, EmailAddresses.MAX_LENGTH);
        };
    }
}
