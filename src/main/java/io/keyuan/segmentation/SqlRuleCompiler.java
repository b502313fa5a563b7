package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Compiles a rule into one WHERE clause over {@link #FROM}. Only the catalogue's constant SQL and operator
 * keywords are written into the text; every user value is a named parameter.
 *
 * <p>A condition on an empty value is NULL in SQL and false in {@link PredicateCompiler}. Through AND and OR a
 * NULL leads to the same WHERE outcome as FALSE (three-valued logic is monotone), so only conditions below a NOT
 * are wrapped in {@code COALESCE(..., FALSE)}: the wrapper hides the column from MariaDB's index choice, and live
 * counts need the indexes.
 */
public final class SqlRuleCompiler {
    public static final String FROM = "customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id";

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
        String where = c.node(rule, today, false);
        return new CompiledRule(where, c.params);
    }

    private String node(RuleNode node, LocalDate today, boolean negated) {
        return switch (node) {
            case RuleNode.Group g -> {
                if (g.children().isEmpty()) {
                    yield g.op() == RuleNode.GroupOp.AND ? "TRUE" : "FALSE";
                }
                List<String> parts = new ArrayList<>();
                for (RuleNode child : g.children()) {
                    parts.add(node(child, today, negated));
                }
                yield "(" + String.join(g.op() == RuleNode.GroupOp.AND ? " AND " : " OR ", parts) + ")";
            }
            case RuleNode.Not n -> "(NOT " + node(n.child(), today, true) + ")";
            case RuleNode.Condition c ->
                negated ? "COALESCE((" + condition(c, today) + "), FALSE)" : "(" + condition(c, today) + ")";
        };
    }

    private String condition(RuleNode.Condition c, LocalDate today) {
        CatalogueField field = c.field();
        if (field.type() == FieldType.STAGE) {
            return stage(c);
        }
        String expr = sql(field);
        if (field.windowed()) {
            expr = expr.replace(":since", bind(java.sql.Date.valueOf(SegmentField.since(today, c.windowDays()))));
        }
        boolean text = field.type() == FieldType.TEXT;
        String cmp = text ? expr + EXACT : expr;
        String range = indexRange(c, today);
        String exact = exact(c, expr, cmp, text, today);
        return range == null ? exact : range + " AND " + exact;
    }

    private String exact(RuleNode.Condition c, String expr, String cmp, boolean text, LocalDate today) {
        CatalogueField field = c.field();
        return switch (c.operator()) {
            // The exact comparison alone cannot use the column's index (its collation differs); an equal value
            // is also equal in the column's own collation, so that comparison narrows the rows without
            // changing the result.
            case EQ -> {
                String p = param(c, 0);
                yield text ? expr + " = " + p + " AND " + cmp + " = " + p : cmp + " = " + p;
            }
            case IN -> {
                String p = listParam(c);
                yield text ? expr + " IN (" + p + ") AND " + cmp + " IN (" + p + ")" : cmp + " IN (" + p + ")";
            }
            case NE -> cmp + " <> " + param(c, 0);
            case LT -> cmp + " < " + param(c, 0);
            case LE -> cmp + " <= " + param(c, 0);
            case GT -> cmp + " > " + param(c, 0);
            case GE -> cmp + " >= " + param(c, 0);
            case BETWEEN -> cmp + " BETWEEN " + param(c, 0) + " AND " + param(c, 1);
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

    /**
     * For a bound on age or on days since the last purchase, a looser range on the underlying date column that
     * an index can serve; for a return rate that 0 % does not meet, that something was returned. It only adds rows
     * that the exact comparison then drops, and it is true whenever the exact comparison is, so the condition's
     * result does not change (where it is false and the comparison NULL, the condition is false instead of NULL,
     * which leads to the same WHERE outcome outside NOT and under the COALESCE within it). Null when there is no
     * such range.
     */
    private String indexRange(RuleNode.Condition c, LocalDate today) {
        CatalogueField field = c.field();
        if (field == SegmentField.RETURN_RATE) {
            return returnedRange(c);
        }
        if (field != SegmentField.AGE && field != SegmentField.DAYS_SINCE_LAST_PURCHASE) {
            return null;
        }
        BigDecimal low = null;
        BigDecimal high = null;
        switch (c.operator()) {
            case EQ -> {
                low = number(c, 0);
                high = low;
            }
            case LT, LE -> high = number(c, 0);
            case GT, GE -> low = number(c, 0);
            case BETWEEN -> {
                low = number(c, 0);
                high = number(c, 1);
            }
            default -> {
                return null;
            }
        }
        // Far beyond any real age or purchase history; keeps the date arithmetic in range.
        BigDecimal limit = BigDecimal.valueOf(field == SegmentField.AGE ? 200 : 100_000);
        if ((low != null && low.abs().compareTo(limit) > 0)
                || (high != null && high.abs().compareTo(limit) > 0)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (field == SegmentField.AGE) {
            // Age ≥ n needs a birth date on or before today minus n whole years; a year's slack covers leap
            // days. Age ≤ n needs one after today minus n + 1 years, again with a year's slack.
            if (low != null) {
                long years = low.setScale(0, RoundingMode.CEILING).longValueExact() - 1;
                parts.add("c.birth_date <= " + bind(java.sql.Date.valueOf(today.minusYears(years))));
            }
            if (high != null) {
                long years = high.setScale(0, RoundingMode.FLOOR).longValueExact() + 2;
                parts.add("c.birth_date >= " + bind(java.sql.Date.valueOf(today.minusYears(years))));
            }
        } else {
            // Days since ≤ n means a last purchase on or after today minus ⌈n⌉ days; ≥ n on or before today
            // minus ⌊n⌋ days.
            if (high != null) {
                long days = high.setScale(0, RoundingMode.CEILING).longValueExact();
                parts.add("m.last_purchase >= " + bind(java.sql.Date.valueOf(today.minusDays(days))));
            }
            if (low != null) {
                long days = low.setScale(0, RoundingMode.FLOOR).longValueExact();
                parts.add("m.last_purchase <= " + bind(java.sql.Date.valueOf(today.minusDays(days))));
            }
        }
        return String.join(" AND ", parts);
    }

    /**
     * A return rate above some rate of 0 % or more (or at, or from, one above 0 %) needs an amount returned, which
     * {@code customer_metrics (returned_amount, monetary)} finds without reading the customers who returned nothing —
     * most of them, usually. Null for the bounds a rate of 0 % can meet.
     */
    private static String returnedRange(RuleNode.Condition c) {
        boolean needsReturns = switch (c.operator()) {
            case GT -> number(c, 0).signum() >= 0;
            case GE, EQ, BETWEEN -> number(c, 0).signum() > 0;
            default -> false;
        };
        return needsReturns ? "m.returned_amount > 0" : null;
    }

    private static BigDecimal number(RuleNode.Condition c, int index) {
        return (BigDecimal) c.field().parse(c.operator(), c.values().get(index));
    }

    /**
     * A field's constant SQL. Only the catalogue's two kinds of fields exist (the interface is sealed), and a
     * provided field's text was fixed when its module defined it.
     */
    private static String sql(CatalogueField field) {
        return switch (field) {
            case SegmentField f -> f.sql();
            case ProvidedField<?> f -> f.sql();
        };
    }

    /** Never NULL: EXISTS over the customer's rows (open deals), with the listed ids for IN and NOT_IN. */
    private String stage(RuleNode.Condition c) {
        if (!(c.field() instanceof ProvidedField<?> field)) {
            throw new IllegalStateException(
                    "A STAGE field is a provided one: " + c.field().name());
        }
        String exists = "EXISTS (SELECT 1 FROM " + field.sql();
        String ids = " AND " + field.setColumn() + " IN (";
        return switch (c.operator()) {
            case IN -> exists + ids + listParam(c) + "))";
            case NOT_IN -> "NOT " + exists + ids + listParam(c) + "))";
            case IS_EMPTY -> "NOT " + exists + ")";
            case IS_NOT_EMPTY -> exists + ")";
            default -> throw new IllegalStateException("No " + c.operator() + " for stages");
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
