package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One line of the customer grid. */
public record CustomerRow(
        long id,
        String code,
        String name,
        CustomerKind kind,
        Gender gender,
        String province,
        String city,
        String phone,
        String email,
        Occupation occupation,
        BigDecimal income,
        Long sourceChannelId,
        Long ownerId,
        Lifecycle lifecycle,
        ValueLevel valueLevel,
        LocalDate lastPurchase,
        int frequency,
        BigDecimal monetary,
        Instant updatedAt) {}
