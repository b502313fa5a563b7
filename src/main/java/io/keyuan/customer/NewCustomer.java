package io.keyuan.customer;

import io.keyuan.channel.AcquisitionMethod;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A customer row for bulk loading, with its id chosen by the loader's caller. */
public record NewCustomer(
        long id,
        String code,
        String name,
        CustomerKind kind,
        Gender gender,
        LocalDate birthDate,
        Occupation occupation,
        BigDecimal income,
        String province,
        String city,
        String phone,
        String email,
        Long sourceChannelId,
        AcquisitionMethod acquisitionMethod,
        Long referredById,
        NeedType needType,
        PurchaseStyle purchaseStyle,
        Loyalty loyalty,
        String tags,
        Long ownerId) {}
