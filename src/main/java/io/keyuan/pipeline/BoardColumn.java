package io.keyuan.pipeline;

import java.math.BigDecimal;
import java.util.List;

/**
 * One stage on the board: totals over every matching deal in it (count, value, value weighted by the stage's
 * probability, how many are stale) and the first page of its cards.
 */
public record BoardColumn(
        StageRow stage,
        long count,
        BigDecimal value,
        BigDecimal weightedValue,
        long staleCount,
        List<DealCard> cards) {}
