package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles a rule into an in-memory predicate with the same meaning as {@link SqlRuleCompiler}'s SQL: a
 * condition on an empty value is false (IS_EMPTY aside), NOT is plain negation, text compares exactly.
 */
public final class PredicateCompiler {
    private PredicateCompiler() {}

    /** The rule must have passed {@link RuleValidator}. {@code today} is the business date. */
    public static Predicate<CustomerFacts> compile(RuleNode rule, LocalDate today) {
        return switch (rule) {
            case RuleNode.Group g -> {
                List<Predicate<CustomerFacts>> parts = new ArrayList<>();
                for (RuleNode child : g.children()) {
                    parts.add(compile(child, today));
                }
                yield g.op() == RuleNode.GroupOp.AND
                        ? f -> parts.stream().allMatch(p -> p.test(f))
                        : f -> parts.stream().anyMatch(p -> p.test(f));
            }
            case RuleNode.Not n -> compile(n.child(), today).negate();
            case RuleNode.Condition c -> condition(c, today);
        };
    }

    private static Predicate<CustomerFacts> condition(RuleNode.Condition c, LocalDate today) {
        CatalogueField field = c.field();
        List<Object> values = new ArrayList<>();
        for (String v : c.values()) {
            values.add(field.parse(c.operator(), v));
        }
        if (field.type() == FieldType.STAGE) {
            return stage(c, values, today);
        }
        return f -> {
            Object actual = field.valueOf(f, today, c.windowDays());
            boolean empty = actual == null || (actual instanceof String s && s.isEmpty());
            if (c.operator() == Operator.IS_EMPTY) {
                return empty;
            }
            if (c.operator() == Operator.IS_NOT_EMPTY) {
                return !empty;
            }
            if (actual == null) {
                return false;
            }
            return switch (c.operator()) {
                case EQ -> same(actual, values.getFirst());
                case NE -> !same(actual, values.getFirst());
                case IN -> values.stream().anyMatch(v -> same(actual, v));
                case NOT_IN -> values.stream().noneMatch(v -> same(actual, v));
                case LT -> compare(actual, values.getFirst()) < 0;
                case LE -> compare(actual, values.getFirst()) <= 0;
                case GT -> compare(actual, values.getFirst()) > 0;
                case GE -> compare(actual, values.getFirst()) >= 0;
                case BETWEEN -> compare(actual, values.get(0)) >= 0 && compare(actual, values.get(1)) <= 0;
                case CONTAINS -> ((String) actual).contains((String) values.getFirst());
                case WITHIN_LAST_DAYS -> {
                    LocalDate d = (LocalDate) actual;
                    yield !d.isBefore(today.minusDays((Integer) values.getFirst())) && !d.isAfter(today);
                }
                case IS_EMPTY, IS_NOT_EMPTY -> throw new IllegalStateException();
            };
        };
    }

    /** Set semantics over the ids the customer has (the stages of their open deals), as the SQL's EXISTS. */
    private static Predicate<CustomerFacts> stage(RuleNode.Condition c, List<Object> values, LocalDate today) {
        Function<CustomerFacts, Collection<?>> ids = f -> {
            Object v = c.field().valueOf(f, today, c.windowDays());
            return v == null ? List.of() : (Collection<?>) v;
        };
        return switch (c.operator()) {
            case IN ->
                f -> {
                    Collection<?> has = ids.apply(f);
                    return values.stream().anyMatch(has::contains);
                };
            case NOT_IN ->
                f -> {
                    Collection<?> has = ids.apply(f);
                    return values.stream().noneMatch(has::contains);
                };
            case IS_EMPTY -> f -> ids.apply(f).isEmpty();
            case IS_NOT_EMPTY -> f -> !ids.apply(f).isEmpty();
            default -> throw new IllegalStateException("No " + c.operator() + " for stages");
        };
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof BigDecimal a && expected instanceof BigDecimal e) {
            return a.compareTo(e) == 0;
        }
        return Objects.equals(actual, expected);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object actual, Object expected) {
        return ((Comparable) actual).compareTo(expected);
    }
}
