package io.keyuan.customer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses as people type them: trimmed, full-width characters narrowed (＠ is @), the domain in lower
 * case. Stricter than Hibernate Validator's {@code @Email} (a domain needs a dot), so whatever passes here also
 * passes the entity's constraint. The one rule of the form and the sheet.
 */
public final class EmailAddresses {
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final Pattern LOCAL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");
    private static final Pattern TOP = Pattern.compile("\\p{L}{2,63}|xn--[a-z0-9-]{1,59}");

    private EmailAddresses() {}

    /** Why an address was refused. */
    public enum Problem {
        NO_AT,
        NAME,
        DOMAIN,
        TOO_LONG
    }

    /** An address as typed: its normal form, or why it has none. */
    public record Parsed(String normal, Problem problem) {
        public boolean ok() {
            return normal != null;
        }
    }

    public static Parsed parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return new Parsed(null, Problem.NO_AT);
        }
        String s = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return new Parsed(null, Problem.NO_AT);
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (s.length() > MAX_LENGTH) {
            return new Parsed(null, Problem.TOO_LONG);
        }
        if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches()) {
            return new Parsed(null, Problem.NAME);
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || !TOP.matcher(labels[labels.length - 1]).matches()) {
            return new Parsed(null, Problem.DOMAIN);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return new Parsed(null, Problem.DOMAIN);
            }
        }
        return new Parsed(local + "@" + domain, null);
    }
}
