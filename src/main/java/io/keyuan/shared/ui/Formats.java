package io.keyuan.shared.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates, times and amounts in one consistent style across the portal. */
public final class Formats {
    public static final ZoneId ZONE = io.keyuan.shared.BusinessTime.ZONE;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {}

    public static String date(LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    public static String dateTime(Instant i) {
        return i == null ? "" : DATE_TIME.format(i.atZone(ZONE));
    }

    public static String money(BigDecimal v, Locale locale) {
        if (v == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale == null ? Locale.SIMPLIFIED_CHINESE : locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return "¥" + f.format(v);
    }

    public static String number(long v, Locale locale) {
        return NumberFormat.getIntegerInstance(locale == null ? Locale.SIMPLIFIED_CHINESE : locale)
                .format(v);
    }
}
