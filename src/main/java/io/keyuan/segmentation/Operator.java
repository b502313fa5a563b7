package io.keyuan.segmentation;

/**
 * Condition operators. A condition on an empty (NULL) value is false for every operator but IS_EMPTY, in SQL
 * and in memory alike, so NOT of a condition on an empty value is true.
 */
public enum Operator {
    EQ(1, 1),
    NE(1, 1),
    IN(1, Operator.MAX_LIST),
    NOT_IN(1, Operator.MAX_LIST),
    LT(1, 1),
    LE(1, 1),
    GT(1, 1),
    GE(1, 1),
    BETWEEN(2, 2),
    IS_EMPTY(0, 0),
    IS_NOT_EMPTY(0, 0),
    CONTAINS(1, 1),
    /** The date lies between today minus N days and today, both included; the value is N. */
    WITHIN_LAST_DAYS(1, 1);

    public static final int MAX_LIST = 100;

    private final int minValues;
    private final int maxValues;

    Operator(int minValues, int maxValues) {
        this.minValues = minValues;
        this.maxValues = maxValues;
    }

    public int minValues() {
        return minValues;
    }

    public int maxValues() {
        return maxValues;
    }
}
