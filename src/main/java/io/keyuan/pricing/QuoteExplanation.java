package io.keyuan.pricing;

import io.keyuan.pricing.engine.BeatenRule;
import io.keyuan.pricing.engine.LineQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a saved line has its price, stored language-neutral so that any UI language can render it later:
 * {@code rule:CODE} ({@code rule:-} for the list price), {@code ;guard} when the margin guard raised the price,
 * then {@code ;beaten:CODE=REASON(detail),...} with the {@link BeatenRule.Reason} names. Codes and details have
 * {@code % ; , = ( )} percent-escaped. When the text would pass {@code maxLength}, the last beaten rules are left
 * out and {@code ,+N} says how many.
 */
public record QuoteExplanation(String ruleCode, boolean guardApplied, List<Beaten> beaten, int more) {
    public QuoteExplanation {
        beaten = List.copyOf(beaten);
    }

    /** One beaten rule: its code, the reason's name and the detail the reason names (may be empty). */
    public record Beaten(String code, String reason, String detail) {}

    public static String encode(LineQuote line, int maxLength) {
        StringBuilder head = new StringBuilder("rule:")
                .append(line.winner() == null ? "-" : escape(line.winner().code()));
        if (line.guardApplied()) {
            head.append(";guard");
        }
        List<BeatenRule> all = line.beaten() == null ? List.of() : line.beaten();
        if (all.isEmpty()) {
            return cut(head.toString(), maxLength);
        }
        List<String> parts = new ArrayList<>();
        for (BeatenRule b : all) {
            parts.add(escape(b.rule().code()) + "=" + b.reason().name() + "("
                    + escape(b.detail() == null ? "" : b.detail()) + ")");
        }
        for (int kept = parts.size(); kept >= 0; kept--) {
            StringBuilder sb = new StringBuilder(head);
            sb.append(";beaten:");
            sb.append(String.join(",", parts.subList(0, kept)));
            if (kept < parts.size()) {
                sb.append(kept > 0 ? "," : "").append("+").append(parts.size() - kept);
            }
            if (sb.length() <= maxLength) {
                return sb.toString();
            }
        }
        return cut(head.toString(), maxLength);
    }

    public static QuoteExplanation parse(String text) {
        if (text == null || text.isBlank()) {
            return new QuoteExplanation(null, false, List.of(), 0);
        }
        String rule = null;
        boolean guard = false;
        List<Beaten> beaten = new ArrayList<>();
        int more = 0;
        for (String section : text.split(";", -1)) {
            if (section.startsWith("rule:")) {
                String code = section.substring(5);
                rule = code.equals("-") ? null : unescape(code);
            } else if (section.equals("guard")) {
                guard = true;
            } else if (section.startsWith("beaten:")) {
                for (String item : section.substring(7).split(",", -1)) {
                    if (item.startsWith("+")) {
                        more = parseInt(item.substring(1));
                        continue;
                    }
                    int eq = item.indexOf('=');
                    int open = item.indexOf('(', Math.max(eq, 0));
                    if (eq < 0 || open < 0 || !item.endsWith(")")) {
                        continue;
                    }
                    beaten.add(new Beaten(
                            unescape(item.substring(0, eq)),
                            item.substring(eq + 1, open),
                            unescape(item.substring(open + 1, item.length() - 1))));
                }
            }
        }
        return new QuoteExplanation(rule, guard, beaten, more);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '%', ';', ',', '=', '(', ')' -> sb.append('%').append(String.format("%02X", (int) c));
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
