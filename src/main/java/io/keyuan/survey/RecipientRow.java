package io.keyuan.survey;

import java.time.Instant;

/** One recipient of a sent campaign, with the customer's name and phone as the customer module has them now. */
public record RecipientRow(
        long id,
        long customerId,
        String code,
        String name,
        String phone,
        RecipientStatus status,
        Instant answeredAt,
        Long responseId,
        boolean linked) {}
