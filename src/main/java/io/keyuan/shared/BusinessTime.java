package io.keyuan.shared;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The company's time zone: what "today" means for purchases, lifecycle day counts and the dates the UI shows.
 * Asia/Shanghai unless {@code KEYUAN_ZONE} names another; the JVM's own zone never decides it.
 */
public final class BusinessTime {
    public static final ZoneId ZONE =
            ZoneId.of(firstNonBlank(System.getenv("KEYUAN_ZONE"), System.getProperty("keyuan.zone"), "Asia/Shanghai"));

    /**
     * The zone's standard offset, for SQL that groups UTC timestamps by business month. SQL needs one fixed offset
     * (MariaDB's named zones need time zone tables that servers often lack), so in a zone with daylight saving a
     * timestamp within an hour of a month's turn can land in the neighbouring month; Asia/Shanghai has none.
     */
    public static final ZoneOffset SQL_OFFSET = ZONE.getRules().getStandardOffset(Instant.now());

    private BusinessTime() {}

    /** SQL: the business date of a UTC {@code DATETIME} column or expression (a trusted column name only). */
    public static String sqlDate(String utcDateTime) {
        return "DATE(" + utcDateTime + " + INTERVAL " + SQL_OFFSET.getTotalSeconds() / 60 + " MINUTE)";
    }

    /** SQL: the first day of the month of a {@code DATE} expression. */
    public static String sqlMonth(String date) {
        return "CAST(DATE_FORMAT(" + date + ", '%Y-%m-01') AS DATE)";
    }

    /** The instant a business month begins, with {@link #SQL_OFFSET}, so that ranges agree with {@link #sqlDate}. */
    public static Instant monthStart(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(SQL_OFFSET);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
