package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the catalogue knows about one customer, as loaded by {@link CustomerFactsLoader}; enums are their names,
 * and every field is null when the customer (or their metrics row) has no value; {@code returnedAmount} is what
 * their returns gave back (the metrics row's, beside {@code totalSpend}). {@code purchases} are every
 * purchase (for the windowed fields); {@code provided} holds what each {@link FactSource} of the catalogue's provided
 * fields loaded for this customer, by source key (absent when it had nothing).
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
        BigDecimal returnedAmount,
        int referredCount,
        Integer rScore,
        Integer fScore,
        Integer mScore,
        List<Purchase> purchases,
        Map<String, Object> provided) {

    public CustomerFacts {
        purchases = purchases == null ? List.of() : List.copyOf(purchases);
        Map<String, Object> present = new HashMap<>();
        if (provided != null) {
            provided.forEach((k, v) -> {
                if (v != null) {
                    present.put(k, v);
                }
            });
        }
        provided = Map.copyOf(present);
    }

    /** What {@code source} loaded for this customer; null when it had nothing. */
    @SuppressWarnings("unchecked")
    public <D> D provided(FactSource<D> source) {
        return (D) provided.get(Objects.requireNonNull(source).key());
    }

    /** These facts with {@code data} as {@code source}'s part: for tests that draw customers in memory. */
    public <D> CustomerFacts with(FactSource<D> source, D data) {
        Map<String, Object> next = new HashMap<>(provided);
        next.put(source.key(), data);
        return new CustomerFacts(
                id,
                name,
                gender,
                birthDate,
                occupation,
                income,
                province,
                city,
                channelId,
                channelCategory,
                acquisitionMethod,
                referred,
                needType,
                purchaseStyle,
                loyalty,
                tags,
                lifecycle,
                valueLevel,
                firstPurchase,
                lastPurchase,
                purchaseCount,
                totalSpend,
                returnedAmount,
                referredCount,
                rScore,
                fScore,
                mScore,
                purchases,
                next);
    }

    /** One purchase, as far as the catalogue cares. */
    public record Purchase(LocalDate date, BigDecimal amount) {}
}
