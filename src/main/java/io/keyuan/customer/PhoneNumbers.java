package io.keyuan.customer;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mainland China phone numbers as people type them, in one canonical form: a mobile as its 11 digits
 * ({@code 13800138000}), a landline as area code, number and extension joined by dashes ({@code 010-12345678},
 * {@code 0571-8765432-802}), a 400/800 service number as {@code 400-123-4567}. Full-width digits, spaces, dashes,
 * dots, parentheses and a +86 / 0086 prefix are understood. The one rule of the form and the sheet.
 */
public final class PhoneNumbers {
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** 010 and 02X have two-digit area codes; every other area code has three. */
    private static final Pattern LANDLINE = Pattern.compile("0(?:([12]\\d)|([3-9]\\d{2}))(\\d{7,8})");

    private static final Pattern SERVICE = Pattern.compile("([48]00)(\\d{3})(\\d{4})");
    private static final Pattern EXTENSION_MARK =
            Pattern.compile("^(.*?)\\s*(?:转|轉|分机|分機|ext\\.?|x|#|,)\\s*(\\d{1,6})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()（）]+");
    private static final Pattern GROUPS = Pattern.compile("[\\s\\-.()]+");

    private PhoneNumbers() {}

    /** Why a number was not understood. */
    public enum Problem {
        /** Starts like a mobile (1…) but does not have 11 digits or a real network prefix. */
        MOBILE,
        /** Anything else: letters, too short, no area code. */
        FORMAT
    }

    /** A number as typed: its canonical form, or why it has none. */
    public record Parsed(String canonical, Problem problem, int digits) {
        public boolean ok() {
            return canonical != null;
        }
    }

    /** The canonical form of {@code typed}, or empty when it is not a mainland phone number. */
    public static Optional<String> canonical(String typed) {
        return Optional.ofNullable(parse(typed).canonical());
    }

    public static Parsed parse(String typed) {
        if (typed == null) {
            return new Parsed(null, Problem.FORMAT, 0);
        }
        String s = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        String extension = null;
        Matcher marked = EXTENSION_MARK.matcher(s);
        if (marked.matches()) {
            s = marked.group(1);
            extension = marked.group(2);
        }
        String number = withoutPrefix(SEPARATORS.matcher(s).replaceAll(""));
        String found = extension == null ? match(number, null) : match(number, extension);
        if (found == null && extension == null) {
            // 010-12345678-802: a last dash group after a complete landline is its extension
            String[] groups = GROUPS.split(s.replace('（', '(').replace('）', ')'));
            if (groups.length >= 3 && groups[groups.length - 1].matches("\\d{1,6}")) {
                String head = withoutPrefix(SEPARATORS
                        .matcher(s.substring(0, s.lastIndexOf(groups[groups.length - 1])))
                        .replaceAll(""));
                if (LANDLINE.matcher(head).matches()) {
                    found = match(head, groups[groups.length - 1]);
                }
            }
        }
        if (found != null) {
            return new Parsed(found, null, number.length());
        }
        boolean digitsOnly = number.chars().allMatch(Character::isDigit);
        Problem problem = digitsOnly && number.startsWith("1") ? Problem.MOBILE : Problem.FORMAT;
        return new Parsed(null, problem, number.length());
    }

    private static String withoutPrefix(String n) {
        String rest;
        if (n.startsWith("+86")) {
            rest = n.substring(3);
        } else if (n.startsWith("0086")) {
            rest = n.substring(4);
        } else {
            return n;
        }
        if (rest.startsWith("0")) {
            return rest;
        }
        // +86 10 12345678: the international form drops the trunk 0 of a landline
        return MOBILE.matcher(rest).matches() ? rest : "0" + rest;
    }

    private static String match(String n, String extension) {
        if (extension == null && MOBILE.matcher(n).matches()) {
            return n;
        }
        Matcher landline = LANDLINE.matcher(n);
        if (landline.matches()) {
            String area = landline.group(1) != null ? landline.group(1) : landline.group(2);
            return "0" + area + "-" + landline.group(3) + (extension == null ? "" : "-" + extension);
        }
        Matcher service = SERVICE.matcher(n);
        if (extension == null && service.matches()) {
            return service.group(1) + "-" + service.group(2) + "-" + service.group(3);
        }
        return null;
    }
}
