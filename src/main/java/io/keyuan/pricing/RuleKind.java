package io.keyuan.pricing;

/** What a rule's value means: a unit price, a percentage off list, yuan off list, or a percentage on cost. */
public enum RuleKind {
    FIXED_PRICE,
    PERCENT_OFF,
    AMOUNT_OFF,
    MARKUP_ON_COST
}
