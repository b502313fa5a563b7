package io.keyuan.customer;

import java.math.BigDecimal;

/**
 * The customer grid's filter; null or blank fields do not filter. {@code quick} matches a code, phone or email
 * exactly, the start of a name, Chinese text anywhere in a name, the start of a name's pinyin or its initials, and
 * four or more digits at the end of a phone (see {@code CustomerService.quickSearch}). Name, code and phone filters
 * match a prefix so that they can use an index.
 */
public record CustomerFilter(
        String quick,
        String code,
        String name,
        CustomerKind kind,
        String province,
        String city,
        Occupation occupation,
        Long sourceChannelId,
        Lifecycle lifecycle,
        ValueLevel valueLevel,
        Long ownerId,
        BigDecimal incomeMin,
        BigDecimal incomeMax,
        String phone) {

    /** Every filter but the phone prefix. */
    public CustomerFilter(
            String quick,
            String code,
            String name,
            CustomerKind kind,
            String province,
            String city,
            Occupation occupation,
            Long sourceChannelId,
            Lifecycle lifecycle,
            ValueLevel valueLevel,
            Long ownerId,
            BigDecimal incomeMin,
            BigDecimal incomeMax) {
        this(
                quick,
                code,
                name,
                kind,
                province,
                city,
                occupation,
                sourceChannelId,
                lifecycle,
                valueLevel,
                ownerId,
                incomeMin,
                incomeMax,
                null);
    }

    public static CustomerFilter none() {
        return new CustomerFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public CustomerFilter withQuick(String value) {
        return new CustomerFilter(
                value,
                code,
                name,
                kind,
                province,
                city,
                occupation,
                sourceChannelId,
                lifecycle,
                valueLevel,
                ownerId,
                incomeMin,
                incomeMax,
                phone);
    }

    public CustomerFilter withCity(String value) {
        return new CustomerFilter(
                quick,
                code,
                name,
                kind,
                province,
                value,
                occupation,
                sourceChannelId,
                lifecycle,
                valueLevel,
                ownerId,
                incomeMin,
                incomeMax,
                phone);
    }

    public CustomerFilter withIncome(BigDecimal min, BigDecimal max) {
        return new CustomerFilter(
                quick,
                code,
                name,
                kind,
                province,
                city,
                occupation,
                sourceChannelId,
                lifecycle,
                valueLevel,
                ownerId,
                min,
                max,
                phone);
    }

    public CustomerFilter withPhone(String value) {
        return new CustomerFilter(
                quick,
                code,
                name,
                kind,
                province,
                city,
                occupation,
                sourceChannelId,
                lifecycle,
                valueLevel,
                ownerId,
                incomeMin,
                incomeMax,
                value);
    }
}
