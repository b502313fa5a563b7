package io.keyuan.shared;

import java.time.ZoneId;

/**
 * The company's time zone: what "today" means for purchases, lifecycle day counts and the dates the UI shows.
 * Asia/Shanghai unless {@code KEYUAN_ZONE} names another; the JVM's own zone never decides it.
 */
public final class BusinessTime {
    public static final ZoneId ZONE =
            ZoneId.of(firstNonBlank(System.getenv("KEYUAN_ZONE"), System.getProperty("keyuan.zone"), "Asia/Shanghai"));

    private BusinessTime() {}

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
