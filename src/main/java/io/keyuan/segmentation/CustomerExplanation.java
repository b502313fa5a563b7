package io.keyuan.segmentation;

import java.time.LocalDate;
import java.util.List;

/** Why a customer is or is not in each segment, evaluated on the business date {@code today}. */
public record CustomerExplanation(long customerId, LocalDate today, List<RuleSetExplanation> ruleSets) {
    public CustomerExplanation {
        ruleSets = List.copyOf(ruleSets);
    }
}
