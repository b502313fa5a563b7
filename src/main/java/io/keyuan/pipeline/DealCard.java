package io.keyuan.pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A deal as the board's cards and the list's rows show it. */
public record DealCard(
        long id,
        long version,
        String title,
        long customerId,
        String customerName,
        BigDecimal value,
        Long ownerId,
        LocalDate expectedClose,
        Long channelId,
        long stageId,
        Instant stageEnteredAt,
        boolean stale,
        Instant updatedAt) {}
