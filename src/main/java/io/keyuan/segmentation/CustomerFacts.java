package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the catalogue knows about one customer, as loaded by {@link CustomerFactsLoader}; enums are their names,
 * and every field is null when the customer (or their metrics row) has no value.
 */
public record CustomerFacts(
        long id,
        String name,
        String gender,
        LocalDate birthDate,
        String occupation,
        BigDecimal income,
        String province,
        String city,
        Long channelId,
        String channelCategory,
        String acquisitionMethod,
        boolean referred,
        String needType,
        String purchaseStyle,
        String loyalty,
        String tags,
        String lifecycle,
        String valueLevel,
        LocalDate firstPurchase,
        LocalDate lastPurchase,
        Integer purchaseCount,
        BigDecimal totalSpend) {}
