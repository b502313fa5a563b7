package io.keyuan.segmentation;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of catalogue fields, each with the operators that make sense for it. */
public enum FieldType {
    TEXT(EnumSet.of(
            Operator.EQ,
            Operator.NE,
            Operator.IN,
            Operator.NOT_IN,
            Operator.CONTAINS,
            Operator.IS_EMPTY,
            Operator.IS_NOT_EMPTY)),
    NUMBER(EnumSet.of(
            Operator.EQ,
            Operator.NE,
            Operator.LT,
            Operator.LE,
            Operator.GT,
            Operator.GE,
            Operator.BETWEEN,
            Operator.IS_EMPTY,
            Operator.IS_NOT_EMPTY)),
    DATE(EnumSet.of(
            Operator.EQ,
            Operator.NE,
            Operator.LT,
            Operator.LE,
            Operator.GT,
            Operator.GE,
            Operator.BETWEEN,
            Operator.WITHIN_LAST_DAYS,
            Operator.IS_EMPTY,
            Operator.IS_NOT_EMPTY)),
    ENUM(EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY)),
    BOOLEAN(EnumSet.of(Operator.EQ)),
    /** The id of a source channel. */
    CHANNEL(EnumSet.of(
            Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY)),
    /**
     * A set of ids a customer has, as a providing module defines it (the pipeline's: the stages of the customer's
     * open deals): IN means any listed id is in the set, NOT_IN none of them is (true for an empty set), IS_EMPTY
     * an empty set. The name stays for the message keys ({@code segment.rule.error.value.stage}) it has always had.
     */
    STAGE(EnumSet.of(Operator.IN, Operator.NOT_IN, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY));

    private final Set<Operator> operators;

    FieldType(Set<Operator> operators) {
        this.operators = operators;
    }

    public Set<Operator> operators() {
        return EnumSet.copyOf(operators);
    }

    public boolean accepts(Operator operator) {
        return operators.contains(operator);
    }
}
