package io.keyuan.segmentation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Compiles a rule into one WHERE clause over {@link #FROM}. Only the catalogue's constant SQL and operator
 * keywords are written into the text; every user value is a named parameter. Each condition is wrapped in
 * {@code COALESCE(..., FALSE)} so that it is never NULL: NOT, AND and OR then behave as in
 * {@link PredicateCompiler}, where a condition on an empty value is false.
 */
public final class SqlRuleCompiler {
    public static final String FROM = "customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id"
            + " LEFT JOIN source_channel sc ON sc.id = c.source_channel_id";

    /** Text compares exactly (case, trailing spaces) as Java's String does. */
    private static final String EXACT = " COLLATE utf8mb4_nopad_bin";

    public record CompiledRule(String where, MapSqlParameterSource params) {}

    private final MapSqlParameterSource params = new MapSqlParameterSource();
    private int next;

    private SqlRuleCompiler(LocalDate today) {
        params.addValue("today", java.sql.Date.valueOf(today));
    }

    /** The rule must have passed {@link RuleValidator}. {@code today} is the business date. */
    public static CompiledRule compile(RuleNode rule, LocalDate today) {
        SqlRuleCompiler c = new SqlRuleCompiler(today);
        String where = c.node(rule, today);
        return new CompiledRule(where, c.params);
    }

    private String node(RuleNode node, LocalDate today) {
        return switch (node) {
            case RuleNode.Group g -> {
                if (g.children().isEmpty()) {
                    yield g.op() == RuleNode.GroupOp.AND ? "TRUE" : "FALSE";
                }
                List<String> parts = new ArrayList<>();
                for (RuleNode child : g.children()) {
                    parts.add(node(child, today));
                }
                yield "(" + String.join(g.op() == RuleNode.GroupOp.AND ? " AND " : " OR ", parts) + ")";
            }
            case RuleNode.Not n -> "(NOT " + node(n.child(), today) + ")";
            case RuleNode.Condition c -> "COALESCE((" + condition(c, today) + "), FALSE)";
        };
    }

    private String condition(RuleNode.Condition c, LocalDate today) {
        SegmentField field = c.field();
        String expr = field.sql();
        boolean text = field.type() == FieldType.TEXT;
        String cmp = text ? expr + EXACT : expr;
        return switch (c.operator()) {
            case EQ -> cmp + " = " + param(c, 0);
            case NE -> cmp + " <> " + param(c, 0);
            case LT -> cmp + " < " + param(c, 0);
            case LE -> cmp + " <= " + param(c, 0);
            case GT -> cmp + " > " + param(c, 0);
            case GE -> cmp + " >= " + param(c, 0);
            case BETWEEN -> cmp + " BETWEEN " + param(c, 0) + " AND " + param(c, 1);
            case IN -> cmp + " IN (" + listParam(c) + ")";
            case NOT_IN -> cmp + " NOT IN (" + listParam(c) + ")";
            case IS_EMPTY -> empty(expr, text);
            case IS_NOT_EMPTY -> "NOT " + empty(expr, text);
            case CONTAINS -> "LOCATE(" + param(c, 0) + ", " + cmp + ") > 0";
            case WITHIN_LAST_DAYS -> {
                int days = (Integer) field.parse(c.operator(), c.values().getFirst());
                yield expr + " BETWEEN " + bind(java.sql.Date.valueOf(today.minusDays(days))) + " AND :today";
            }
        };
    }

    private static String empty(String expr, boolean text) {
        return text ? "(" + expr + " IS NULL OR CHAR_LENGTH(" + expr + ") = 0)" : "(" + expr + " IS NULL)";
    }

    private String param(RuleNode.Condition c, int index) {
        return bind(jdbcValue(c.field().parse(c.operator(), c.values().get(index))));
    }

    private String listParam(RuleNode.Condition c) {
        List<Object> values = new ArrayList<>();
        for (String v : c.values()) {
            values.add(jdbcValue(c.field().parse(c.operator(), v)));
        }
        return bind(values);
    }

    private String bind(Object value) {
        String name = "p" + next++;
        params.addValue(name, value);
        return ":" + name;
    }

    private static Object jdbcValue(Object typed) {
        return typed instanceof LocalDate d ? java.sql.Date.valueOf(d) : typed;
    }
}
