package io.keyuan.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One group of a breakdown: its key as stored (a month {@code 2026-11}, an id, an enum name; null for respondents
 * without one, say no channel), its label where the database holds one (a channel's, tier's, segment's or
 * campaign's name; null for months and enum names, which the view translates), its scores, and its recipients and
 * how many of them answered where the dimension allows a response rate (else null).
 */
public record ResultRow(String key, String label, Scores scores, Long recipients, Long answered) {
    /** Answered recipients in % of recipients, one decimal; null without recipients. */
    public BigDecimal responseRate() {
        if (recipients == null || recipients == 0 || answered == null) {
            return null;
        }
        return BigDecimal.valueOf(100 * answered).divide(BigDecimal.valueOf(recipients), 1, RoundingMode.HALF_UP);
    }
}
