package io.keyuan.segmentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains what keeps a rule from being saved: incomplete parts, operators that do not fit the field, values of
 * the wrong type, and contradictions a manager would not mean (an empty BETWEEN, two different "=" on one field
 * or bounds that exclude each other in one AND group).
 */
public final class RuleValidator {
    public static final int MAX_DEPTH = 8;
    public static final int MAX_CONDITIONS = 200;

    private final List<RuleProblem> problems = new ArrayList<>();
    private int conditions;

    private RuleValidator() {}

    /** Every problem, in tree order; empty when the rule may be saved and compiled. */
    public static List<RuleProblem> problems(RuleNode rule) {
        RuleValidator v = new RuleValidator();
        if (rule == null) {
            v.problems.add(new RuleProblem("", "segment.rule.error.empty"));
        } else {
            v.node(rule, "", 1);
            if (v.conditions > MAX_CONDITIONS) {
                v.problems.add(new RuleProblem("", "segment.rule.error.too-many", MAX_CONDITIONS));
            }
        }
        return List.copyOf(v.problems);
    }

    /** @throws RuleException naming every problem */
    public static void validate(RuleNode rule) {
        List<RuleProblem> found = problems(rule);
        if (!found.isEmpty()) {
            throw new RuleException(found);
        }
    }

    private static String child(String path, int index) {
        return path.isEmpty() ? String.valueOf(index) : path + "." + index;
    }

    private void node(RuleNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            problems.add(new RuleProblem(path, "segment.rule.error.too-deep", MAX_DEPTH));
            return;
        }
        switch (node) {
            case null -> problems.add(new RuleProblem(path, "segment.rule.error.incomplete"));
            case RuleNode.Group g -> {
                if (g.op() == null) {
                    problems.add(new RuleProblem(path, "segment.rule.error.incomplete"));
                }
                if (g.children().isEmpty()) {
                    problems.add(new RuleProblem(path, "segment.rule.error.empty-group"));
                }
                for (int i = 0; i < g.children().size(); i++) {
                    node(g.children().get(i), child(path, i + 1), depth + 1);
                }
                if (g.op() == RuleNode.GroupOp.AND) {
                    contradictions(g, path);
                }
            }
            case RuleNode.Not n -> node(n.child(), child(path, 1), depth + 1);
            case RuleNode.Condition c -> condition(c, path);
        }
    }

    private void condition(RuleNode.Condition c, String path) {
        conditions++;
        if (c.field() == null) {
            problems.add(new RuleProblem(path, "segment.rule.error.no-field"));
            return;
        }
        if (c.operator() == null) {
            problems.add(new RuleProblem(path, "segment.rule.error.no-operator"));
            return;
        }
        if (!c.field().type().accepts(c.operator())) {
            problems.add(new RuleProblem(
                    path,
                    "segment.rule.error.operator",
                    c.field().name(),
                    c.operator().name()));
            return;
        }
        if (c.field().windowed()) {
            if (c.windowDays() == null) {
                problems.add(new RuleProblem(path, "segment.rule.error.window-required"));
                return;
            }
            if (c.windowDays() < SegmentField.MIN_WINDOW_DAYS || c.windowDays() > SegmentField.MAX_WINDOW_DAYS) {
                problems.add(new RuleProblem(
                        path,
                        "segment.rule.error.window-range",
                        SegmentField.MIN_WINDOW_DAYS,
                        SegmentField.MAX_WINDOW_DAYS));
                return;
            }
        } else if (c.windowDays() != null) {
            problems.add(new RuleProblem(
                    path, "segment.rule.error.window-unexpected", c.field().name()));
            return;
        }
        int n = c.values().size();
        if (n < c.operator().minValues() || n > c.operator().maxValues()) {
            problems.add(new RuleProblem(
                    path,
                    "segment.rule.error.value-count",
                    c.operator().minValues(),
                    c.operator().maxValues()));
            return;
        }
        List<Object> typed = new ArrayList<>();
        for (String v : c.values()) {
            try {
                typed.add(c.field().parse(c.operator(), v));
            } catch (RuntimeException e) {
                problems.add(new RuleProblem(
                        path,
                        "segment.rule.error.value." + c.field().type().name().toLowerCase(),
                        v == null ? "" : v));
                return;
            }
        }
        if (c.operator() == Operator.BETWEEN && compare(typed.get(0), typed.get(1)) > 0) {
            problems.add(new RuleProblem(
                    path,
                    "segment.rule.error.between",
                    c.values().get(0),
                    c.values().get(1)));
        }
    }

    /** Conditions of one AND group on the same field that no customer can meet together. */
    private void contradictions(RuleNode.Group g, String path) {
        // Windowed fields over different windows are different measures.
        Map<FieldKey, Object> equal = new HashMap<>();
        Map<FieldKey, Bound> lower = new HashMap<>();
        Map<FieldKey, Bound> upper = new HashMap<>();
        for (int i = 0; i < g.children().size(); i++) {
            if (!(g.children().get(i) instanceof RuleNode.Condition c)
                    || c.field() == null
                    || c.operator() == null
                    || !RuleValidator.problems(c).isEmpty()) {
                continue;
            }
            String at = child(path, i + 1);
            FieldKey key = new FieldKey(c.field(), c.windowDays());
            List<Object> v = c.values().stream()
                    .map(s -> c.field().parse(c.operator(), s))
                    .toList();
            if (c.operator() == Operator.EQ) {
                Object before = equal.putIfAbsent(key, v.getFirst());
                if (before != null && compare(before, v.getFirst()) != 0) {
                    problems.add(new RuleProblem(
                            at, "segment.rule.error.contradiction", c.field().name()));
                    continue;
                }
            }
            FieldType type = c.field().type();
            if (type != FieldType.NUMBER && type != FieldType.DATE) {
                continue;
            }
            Bound lo = switch (c.operator()) {
                case GT -> new Bound(v.getFirst(), true);
                case GE, EQ, BETWEEN -> new Bound(v.getFirst(), false);
                default -> null;
            };
            Bound hi = switch (c.operator()) {
                case LT -> new Bound(v.getFirst(), true);
                case LE, EQ -> new Bound(v.getFirst(), false);
                case BETWEEN -> new Bound(v.get(1), false);
                default -> null;
            };
            if (lo != null) {
                lower.merge(key, lo, (a, b) -> tighterLower(a, b));
            }
            if (hi != null) {
                upper.merge(key, hi, (a, b) -> tighterUpper(a, b));
            }
            Bound l = lower.get(key);
            Bound u = upper.get(key);
            if (l != null && u != null) {
                int cmp = compare(l.value, u.value);
                if (cmp > 0 || (cmp == 0 && (l.strict || u.strict))) {
                    problems.add(new RuleProblem(
                            at, "segment.rule.error.contradiction", c.field().name()));
                }
            }
        }
    }

    private record FieldKey(CatalogueField field, Integer windowDays) {}

    private record Bound(Object value, boolean strict) {}

    private static Bound tighterLower(Bound a, Bound b) {
        int cmp = compare(a.value, b.value);
        return cmp > 0 || (cmp == 0 && a.strict) ? a : b;
    }

    private static Bound tighterUpper(Bound a, Bound b) {
        int cmp = compare(a.value, b.value);
        return cmp < 0 || (cmp == 0 && a.strict) ? a : b;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
