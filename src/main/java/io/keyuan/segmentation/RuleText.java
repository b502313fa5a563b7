package io.keyuan.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored text of a rule: {@code AND(CITY IN("上海", "北京"), NOT(AGE LT("30")), SPEND_IN_WINDOW[30] GE("100"))}
 * (a windowed field carries its window in days in brackets; texts from before windows read unchanged). Values are always quoted
 * strings (backslash escapes quote and backslash), so the text never needs a JSON library and reads well in a
 * version history.
 */
public final class RuleText {
    private final String text;
    private final SegmentFieldCatalogue catalogue;
    private int pos;

    private RuleText(String text, SegmentFieldCatalogue catalogue) {
        this.text = text;
        this.catalogue = catalogue;
    }

    public static String write(RuleNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    private static void write(RuleNode node, StringBuilder sb) {
        switch (node) {
            case RuleNode.Group g -> {
                sb.append(g.op().name()).append('(');
                for (int i = 0; i < g.children().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(g.children().get(i), sb);
                }
                sb.append(')');
            }
            case RuleNode.Not n -> {
                sb.append("NOT(");
                write(n.child(), sb);
                sb.append(')');
            }
            case RuleNode.Condition c -> {
                sb.append(c.field().name());
                if (c.windowDays() != null) {
                    sb.append('[').append(c.windowDays()).append(']');
                }
                sb.append(' ').append(c.operator().name()).append('(');
                for (int i = 0; i < c.values().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append('"');
                    String v = c.values().get(i);
                    for (int k = 0; k < v.length(); k++) {
                        char ch = v.charAt(k);
                        if (ch == '"' || ch == '\\') {
                            sb.append('\\');
                        }
                        sb.append(ch);
                    }
                    sb.append('"');
                }
                sb.append(')');
            }
        }
    }

    /**
     * The rule, or empty when the stored text is not one (a hand edit of the database, or a field whose providing
     * module is gone): for readers that must go on past one bad row.
     */
    public static Optional<RuleNode> tryRead(String text, SegmentFieldCatalogue catalogue) {
        try {
            return Optional.of(read(text, catalogue));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a rule whose fields are looked up in {@code catalogue}, the whitelist.
     *
     * @throws IllegalArgumentException when the text is not a rule or names a field the catalogue does not know
     */
    public static RuleNode read(String text, SegmentFieldCatalogue catalogue) {
        RuleText r = new RuleText(text, catalogue);
        RuleNode node = r.node();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw new IllegalArgumentException("Trailing text at " + r.pos);
        }
        return node;
    }

    private RuleNode node() {
        String word = word();
        switch (word) {
            case "AND", "OR" -> {
                expect('(');
                List<RuleNode> children = new ArrayList<>();
                if (!peek(')')) {
                    do {
                        children.add(node());
                    } while (accept(','));
                }
                expect(')');
                return new RuleNode.Group(RuleNode.GroupOp.valueOf(word), children);
            }
            case "NOT" -> {
                expect('(');
                RuleNode child = node();
                expect(')');
                return new RuleNode.Not(child);
            }
            default -> {
                int at = pos;
                CatalogueField field = catalogue
                        .find(word)
                        .orElseThrow(() -> new IllegalArgumentException("Unknown field " + word + " at " + at));
                Integer window = accept('[') ? number() : null;
                if (window != null) {
                    expect(']');
                }
                Operator operator = Operator.valueOf(word());
                expect('(');
                List<String> values = new ArrayList<>();
                if (!peek(')')) {
                    do {
                        values.add(string());
                    } while (accept(','));
                }
                expect(')');
                return new RuleNode.Condition(field, operator, values, window);
            }
        }
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("Word expected at " + pos);
        }
        return text.substring(start, pos);
    }

    private int number() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && pos - start < 9 && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("Number expected at " + pos);
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("Unterminated string");
            }
            char ch = text.charAt(pos++);
            if (ch == '"') {
                return sb.toString();
            }
            if (ch == '\\') {
                if (pos >= text.length()) {
                    throw new IllegalArgumentException("Unterminated string");
                }
                ch = text.charAt(pos++);
            }
            sb.append(ch);
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char ch) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == ch;
    }

    private boolean accept(char ch) {
        if (peek(ch)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char ch) {
        if (!accept(ch)) {
            throw new IllegalArgumentException("'" + ch + "' expected at " + pos);
        }
    }
}
