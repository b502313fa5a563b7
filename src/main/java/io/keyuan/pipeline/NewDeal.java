package io.keyuan.pipeline;

import io.keyuan.channel.AcquisitionMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A deal with its whole stage history, for bulk loading (demo data, benchmarks, imports). */
public record NewDeal(
        long id,
        long pipelineId,
        long stageId,
        String title,
        long customerId,
        BigDecimal value,
        Long ownerId,
        Long channelId,
        AcquisitionMethod method,
        Instant createdAt,
        LocalDate expectedClose,
        String lostReason,
        List<Step> history) {

    /** One stage change; the first has no {@code from}. The deal entered its current stage with the last. */
    public record Step(Long from, long to, Instant at) {}
}
