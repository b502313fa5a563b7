package io.keyuan.segmentation;

import java.util.List;

/** A segmentation rule: AND / OR groups, NOT, and conditions over the {@link SegmentFieldCatalogue}'s fields. */
public sealed interface RuleNode permits RuleNode.Group, RuleNode.Not, RuleNode.Condition {

    enum GroupOp {
        AND,
        OR
    }

    record Group(GroupOp op, List<RuleNode> children) implements RuleNode {
        public Group {
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    record Not(RuleNode child) implements RuleNode {}

    /**
     * Values are kept as the user typed them (trimmed); {@link CatalogueField#parse} gives their typed form.
     * {@code windowDays} is the "in the last N days" of a {@link CatalogueField#windowed() windowed} field and null
     * for every other field.
     */
    record Condition(CatalogueField field, Operator operator, List<String> values, Integer windowDays)
            implements RuleNode {
        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
        }

        public Condition(CatalogueField field, Operator operator, List<String> values) {
            this(field, operator, values, null);
        }
    }

    static Group and(RuleNode... children) {
        return new Group(GroupOp.AND, List.of(children));
    }

    static Group or(RuleNode... children) {
        return new Group(GroupOp.OR, List.of(children));
    }

    static Not not(RuleNode child) {
        return new Not(child);
    }

    static Condition when(CatalogueField field, Operator operator, String... values) {
        return new Condition(field, operator, List.of(values));
    }

    /** A condition on a windowed field over the last {@code windowDays} days. */
    static Condition within(int windowDays, CatalogueField field, Operator operator, String... values) {
        return new Condition(field, operator, List.of(values), windowDays);
    }
}
