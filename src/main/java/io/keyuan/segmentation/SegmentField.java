package io.keyuan.segmentation;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.customer.Gender;
import io.keyuan.customer.Lifecycle;
import io.keyuan.customer.Loyalty;
import io.keyuan.customer.NeedType;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.PurchaseStyle;
import io.keyuan.customer.ValueLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;

/**
 * The whitelisted field catalogue. Each field's SQL is a constant over {@link SqlRuleCompiler#FROM}; user values
 * only ever reach the database as bound parameters. {@code :today} is the business date, bound by the compiler.
 */
public enum SegmentField {
    NAME(FieldType.TEXT, null, "c.name", (f, t) -> f.name()),
    GENDER(FieldType.ENUM, Gender.class, "c.gender", (f, t) -> f.gender()),
    AGE(
            FieldType.NUMBER,
            null,
            "TIMESTAMPDIFF(YEAR, c.birth_date, :today)",
            (f, t) -> f.birthDate() == null
                    ? null
                    : BigDecimal.valueOf(Period.between(f.birthDate(), t).getYears())),
    OCCUPATION(FieldType.ENUM, Occupation.class, "c.occupation", (f, t) -> f.occupation()),
    INCOME(FieldType.NUMBER, null, "c.income", (f, t) -> f.income()),
    PROVINCE(FieldType.TEXT, null, "c.province", (f, t) -> f.province()),
    CITY(FieldType.TEXT, null, "c.city", (f, t) -> f.city()),
    TAGS(FieldType.TEXT, null, "c.tags", (f, t) -> f.tags()),
    SOURCE_CHANNEL(FieldType.CHANNEL, null, "c.source_channel_id", (f, t) -> f.channelId()),
    CHANNEL_CATEGORY(FieldType.ENUM, ChannelCategory.class, "sc.category", (f, t) -> f.channelCategory()),
    ACQUISITION_METHOD(
            FieldType.ENUM, AcquisitionMethod.class, "c.acquisition_method", (f, t) -> f.acquisitionMethod()),
    REFERRED(FieldType.BOOLEAN, null, "(c.referred_by_id IS NOT NULL)", (f, t) -> f.referred()),
    NEED_TYPE(FieldType.ENUM, NeedType.class, "c.need_type", (f, t) -> f.needType()),
    PURCHASE_STYLE(FieldType.ENUM, PurchaseStyle.class, "c.purchase_style", (f, t) -> f.purchaseStyle()),
    LOYALTY(FieldType.ENUM, Loyalty.class, "c.loyalty", (f, t) -> f.loyalty()),
    LIFECYCLE(FieldType.ENUM, Lifecycle.class, "m.lifecycle", (f, t) -> f.lifecycle()),
    VALUE_LEVEL(FieldType.ENUM, ValueLevel.class, "m.value_level", (f, t) -> f.valueLevel()),
    DAYS_SINCE_LAST_PURCHASE(
            FieldType.NUMBER,
            null,
            "DATEDIFF(:today, m.last_purchase)",
            (f, t) ->
                    f.lastPurchase() == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(f.lastPurchase(), t))),
    PURCHASE_COUNT(
            FieldType.NUMBER,
            null,
            "m.frequency",
            (f, t) -> f.purchaseCount() == null ? null : BigDecimal.valueOf(f.purchaseCount())),
    TOTAL_SPEND(FieldType.NUMBER, null, "m.monetary", (f, t) -> f.totalSpend()),
    // Values have at most 2 decimals and counts stay far below 10,000, so the database's 6-decimal quotient and
    // this one order the same against any value.
    AVERAGE_ORDER_VALUE(
            FieldType.NUMBER,
            null,
            "(m.monetary / NULLIF(m.frequency, 0))",
            (f, t) -> f.totalSpend() == null || f.purchaseCount() == null || f.purchaseCount() == 0
                    ? null
                    : f.totalSpend().divide(BigDecimal.valueOf(f.purchaseCount()), 6, RoundingMode.HALF_UP)),
    FIRST_PURCHASE(FieldType.DATE, null, "m.first_purchase", (f, t) -> f.firstPurchase()),
    LAST_PURCHASE(FieldType.DATE, null, "m.last_purchase", (f, t) -> f.lastPurchase());

    public static final int MAX_TEXT = 200;
    public static final BigDecimal MAX_NUMBER = new BigDecimal("999999999999.99");

    private final FieldType type;
    private final Class<? extends Enum<?>> enumType;
    private final String sql;
    private final BiFunction<CustomerFacts, LocalDate, Object> accessor;

    SegmentField(
            FieldType type,
            Class<? extends Enum<?>> enumType,
            String sql,
            BiFunction<CustomerFacts, LocalDate, Object> accessor) {
        this.type = type;
        this.enumType = enumType;
        this.sql = sql;
        this.accessor = accessor;
    }

    public FieldType type() {
        return type;
    }

    /** The enum whose names an ENUM field holds; null for other types. */
    public Class<? extends Enum<?>> enumType() {
        return enumType;
    }

    String sql() {
        return sql;
    }

    /** The field's value for one customer on the business date {@code today}, in its typed form. */
    public Object valueOf(CustomerFacts facts, LocalDate today) {
        return accessor.apply(facts, today);
    }

    /**
     * A value as typed by the user, in its typed form: String (TEXT, ENUM names), BigDecimal, LocalDate,
     * Boolean, Long (channel ids); for WITHIN_LAST_DAYS an Integer day count.
     *
     * @throws IllegalArgumentException when the text is no such value
     */
    public Object parse(Operator operator, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        String v = text.strip();
        if (operator == Operator.WITHIN_LAST_DAYS) {
            int days = Integer.parseInt(v);
            if (days < 0 || days > 36_500) {
                throw new IllegalArgumentException("days");
            }
            return days;
        }
        return switch (type) {
            case TEXT -> {
                if (v.length() > MAX_TEXT) {
                    throw new IllegalArgumentException("long");
                }
                yield v;
            }
            case NUMBER -> {
                BigDecimal n = new BigDecimal(v);
                if (n.scale() > 2 || n.abs().compareTo(MAX_NUMBER) > 0) {
                    throw new IllegalArgumentException("number");
                }
                yield n;
            }
            case DATE -> LocalDate.parse(v);
            case ENUM -> {
                for (Enum<?> e : enumType.getEnumConstants()) {
                    if (e.name().equals(v)) {
                        yield v;
                    }
                }
                throw new IllegalArgumentException("enum");
            }
            case BOOLEAN -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("boolean");
                }
                yield Boolean.valueOf(v);
            }
            case CHANNEL -> Long.valueOf(v);
        };
    }
}
