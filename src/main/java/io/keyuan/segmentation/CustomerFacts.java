package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the catalogue knows about one customer, as loaded by {@link CustomerFactsLoader}; enums are their names,
 * and every field is null when the customer (or their metrics row) has no value. {@code purchases} are every
 * purchase (for the windowed fields) and {@code openDealStages} the stages of the customer's open deals.
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
        BigDecimal totalSpend,
        int referredCount,
        Integer rScore,
        Integer fScore,
        Integer mScore,
        List<Purchase> purchases,
        Set<Long> openDealStages) {

    public CustomerFacts {
        purchases = purchases == null ? List.of() : List.copyOf(purchases);
        openDealStages = openDealStages == null ? Set.of() : Set.copyOf(openDealStages);
    }

    /** One purchase, as far as the catalogue cares. */
    public record Purchase(LocalDate date, BigDecimal amount) {}
}
