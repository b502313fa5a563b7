package io.keyuan.segmentation;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.customer.Gender;
import io.keyuan.customer.Lifecycle;
import io.keyuan.customer.Loyalty;
import io.keyuan.customer.NeedType;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.PurchaseStyle;
import io.keyuan.customer.ReturnRate;
import io.keyuan.customer.ValueLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;

/**
 * Segmentation's own part of the whitelisted field catalogue. Each field's SQL is a constant over
 * {@link SqlRuleCompiler#FROM}; user values only ever reach the database as bound parameters. {@code :today} is the
 * business date and {@code :since} the first day of a windowed field's window, both bound by the compiler. A window
 * of N days runs from today minus N days to today, both included, like {@link Operator#WITHIN_LAST_DAYS}; purchases
 * dated after today are outside.
 *
 * <p>These are the fields over segmentation's own inputs (customer, metrics, purchases, channels). Fields over
 * other modules' tables (pipeline stages, satisfaction) are {@link ProvidedField}s that those modules contribute
 * through {@link SegmentFieldProvider}; {@link SegmentFieldCatalogue} holds both.
 */
public enum SegmentField implements CatalogueField {
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
    // A subquery rather than a join in FROM: the join made MariaDB read each customer row even when an index
    // covered every other column of the rule.
    CHANNEL_CATEGORY(
            FieldType.ENUM,
            ChannelCategory.class,
            "(SELECT sc.category FROM source_channel sc WHERE sc.id = c.source_channel_id)",
            (f, t) -> f.channelCategory()),
    ACQUISITION_METHOD(
            FieldType.ENUM, AcquisitionMethod.class, "c.acquisition_method", (f, t) -> f.acquisitionMethod()),
    REFERRED(FieldType.BOOLEAN, null, "(c.referred_by_id IS NOT NULL)", (f, t) -> f.referred()),
    REFERRED_COUNT(
            FieldType.NUMBER,
            null,
            "(SELECT COUNT(*) FROM customer r WHERE r.referred_by_id = c.id)",
            (f, t) -> BigDecimal.valueOf(f.referredCount())),
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
    /**
     * 退货率: the amount returned as a percentage of the amount bought, two decimals, as {@link ReturnRate} defines
     * it; empty for a customer who bought nothing (or only for 0), so "return rate > 0" and "< 10" both leave them
     * out.
     */
    RETURN_RATE(
            FieldType.NUMBER,
            null,
            ReturnRate.percentSql("m.monetary", "m.returned_amount"),
            (f, t) -> ReturnRate.percent(f.totalSpend(), f.returnedAmount())),
    FIRST_PURCHASE(FieldType.DATE, null, "m.first_purchase", (f, t) -> f.firstPurchase()),
    LAST_PURCHASE(FieldType.DATE, null, "m.last_purchase", (f, t) -> f.lastPurchase()),
    /** Zero, never empty, for a customer without purchases in the window. */
    PURCHASES_IN_WINDOW(
            FieldType.NUMBER,
            "(SELECT COUNT(*) FROM purchase pw WHERE pw.customer_id = c.id"
                    + " AND pw.purchase_date BETWEEN :since AND :today)",
            (f, t, since) -> BigDecimal.valueOf(f.purchases().stream()
                    .filter(p -> inWindow(p.date(), since, t))
                    .count())),
    SPEND_IN_WINDOW(
            FieldType.NUMBER,
            "(SELECT COALESCE(SUM(pw.amount), 0) FROM purchase pw WHERE pw.customer_id = c.id"
                    + " AND pw.purchase_date BETWEEN :since AND :today)",
            (f, t, since) -> f.purchases().stream()
                    .filter(p -> inWindow(p.date(), since, t))
                    .map(CustomerFacts.Purchase::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)),
    /** RFM quintile scores 1–5 (5 best), empty for customers without purchases. */
    R_SCORE(FieldType.NUMBER, null, "m.r_score", (f, t) -> score(f.rScore())),
    F_SCORE(FieldType.NUMBER, null, "m.f_score", (f, t) -> score(f.fScore())),
    M_SCORE(FieldType.NUMBER, null, "m.m_score", (f, t) -> score(f.mScore()));

    public static final int MIN_WINDOW_DAYS = 1;
    public static final int MAX_WINDOW_DAYS = 3650;

    public static final int MAX_TEXT = 200;
    public static final BigDecimal MAX_NUMBER = new BigDecimal("999999999999.99");

    private final FieldType type;
    private final Class<? extends Enum<?>> enumType;
    private final String sql;
    private final boolean windowed;
    private final WindowAccessor accessor;

    /** A field's value for one customer, given the business date and the first day of the window (or null). */
    private interface WindowAccessor {
        Object get(CustomerFacts facts, LocalDate today, LocalDate since);
    }

    SegmentField(
            FieldType type,
            Class<? extends Enum<?>> enumType,
            String sql,
            BiFunction<CustomerFacts, LocalDate, Object> accessor) {
        this.type = type;
        this.enumType = enumType;
        this.sql = sql;
        this.windowed = false;
        this.accessor = (f, t, since) -> accessor.apply(f, t);
    }

    SegmentField(FieldType type, String sql, WindowAccessor accessor) {
        this.type = type;
        this.enumType = null;
        this.sql = sql;
        this.windowed = true;
        this.accessor = accessor;
    }

    private static boolean inWindow(LocalDate date, LocalDate since, LocalDate today) {
        return !date.isBefore(since) && !date.isAfter(today);
    }

    private static BigDecimal score(Integer score) {
        return score == null ? null : BigDecimal.valueOf(score);
    }

    /** Whether a condition on this field needs {@link RuleNode.Condition#windowDays()}. */
    @Override
    public boolean windowed() {
        return windowed;
    }

    /** The first day of an N-day window ending today. */
    static LocalDate since(LocalDate today, int windowDays) {
        return today.minusDays(windowDays);
    }

    @Override
    public FieldType type() {
        return type;
    }

    /** The enum whose names an ENUM field holds; null for other types. */
    @Override
    public Class<? extends Enum<?>> enumType() {
        return enumType;
    }

    String sql() {
        return sql;
    }

    @Override
    public Object valueOf(CustomerFacts facts, LocalDate today, Integer windowDays) {
        if (windowed && windowDays == null) {
            throw new IllegalArgumentException("window");
        }
        return accessor.get(facts, today, windowed ? since(today, windowDays) : null);
    }

    @Override
    public FieldGroup group() {
        return switch (this) {
            case NAME, GENDER, AGE, OCCUPATION, INCOME, PROVINCE, CITY, TAGS -> FieldGroup.PROFILE;
            case SOURCE_CHANNEL, CHANNEL_CATEGORY, ACQUISITION_METHOD, REFERRED, REFERRED_COUNT ->
                FieldGroup.ACQUISITION;
            case NEED_TYPE, PURCHASE_STYLE, LOYALTY -> FieldGroup.PREFERENCES;
            case LIFECYCLE, VALUE_LEVEL -> FieldGroup.LIFECYCLE;
            default -> FieldGroup.PURCHASES;
        };
    }

    /** Declaration order: the order the rule builder has always shown. */
    @Override
    public int order() {
        return ordinal();
    }
}
