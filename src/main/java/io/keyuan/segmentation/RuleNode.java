package io.keyuan.segmentation;

import java.util.List;

/** A segmentation rule: AND / OR groups, NOT, and conditions over the {@link SegmentField} catalogue. */
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

    /** Values are kept as the user typed them (trimmed); {@link SegmentField#parse} gives their typed form. */
    record Condition(SegmentField field, Operator operator, List<String> values) implements RuleNode {
        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
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

    static Condition when(SegmentField field, Operator operator, String... values) {
        return new Condition(field, operator, List.of(values));
    }
}
