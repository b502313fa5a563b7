package io.keyuan.exchange.read;

import io.keyuan.exchange.CellError;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.SheetColumn;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Turns a cell's text into the column's type, or says why it cannot. Forgiving where the meaning is certain
 * (stray and full-width spaces, full-width digits, thousands separators, a currency sign, dates as Excel serial
 * numbers or as text in the common Chinese and ISO forms) and strict where it is not (ambiguous day/month order,
 * two-digit years, more decimals than money has, a number with a fraction in an integer column).
 */
public final class CellConverter {
    public static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    private static final Pattern YMD =
            Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DMY_OR_MDY = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})");
    private static final Pattern TIME_SUFFIX = Pattern.compile("[ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private CellConverter() {}

    /** The result of a conversion: a value, or an error. */
    public record Converted(Object value, CellError error) {
        static Converted ok(Object value) {
            return new Converted(value, null);
        }

        static Converted bad(String key, String messageKey, Object... args) {
            return new Converted(null, new CellError(key, messageKey, args));
        }
    }

    /** Trims every kind of space (including ideographic and no-break spaces and zero-width marks); null if empty. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(raw.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : raw.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    /** Full-width digits and letters to ASCII, then trimmed. */
    static String narrow(String s) {
        return clean(Normalizer.normalize(s, Normalizer.Form.NFKC));
    }

    public static Converted convert(SheetColumn column, String raw, LocalDate today, Map<String, String> enumLookup) {
        String key = column.key();
        if (raw != null && raw.startsWith(SheetReaders.ERROR_PREFIX)) {
            return Converted.bad(
                    key, "exchange.error.excel-error", raw.substring(SheetReaders.ERROR_PREFIX.length() - 1));
        }
        if (raw != null && raw.startsWith(SheetReaders.NO_RESULT_PREFIX)) {
            return Converted.bad(key, "exchange.error.formula-no-result", shortFormula(raw));
        }
        String text = clean(raw);
        if (text == null) {
            return Converted.ok(null);
        }
        return switch (column.type()) {
            case TEXT ->
                text.length() > column.maxLength()
                        ? Converted.bad(key, "exchange.error.too-long", text.length(), column.maxLength())
                        : Converted.ok(text);
            case INTEGER -> integer(key, narrow(text));
            case DECIMAL -> decimal(key, narrow(text));
            case DATE -> date(column, narrow(text), today);
            case DATE_TIME -> dateTime(column, narrow(text), today);
            case MONTH -> month(key, narrow(text));
            case BOOLEAN -> bool(key, narrow(text));
            case ENUM -> {
                String code = enumLookup == null ? null : enumLookup.get(lookupKey(text));
                yield code == null ? Converted.bad(key, "exchange.error.not-in-list", text) : Converted.ok(code);
            }
        };
    }

    /** The formula of a no-result marker as the message names it: {@code =A2*2}, cut short when long. */
    private static String shortFormula(String marker) {
        String formula = SheetReaders.displayText(marker);
        if (formula.length() <= 1) {
            return "=…";
        }
        return formula.length() > 40 ? formula.substring(0, 39) + "…" : formula;
    }

    /**
     * How an enum label, a code or a header is looked up: NFKC, trimmed, case-insensitive. A reader's marker (an
     * error value, a formula without a result) gives "", which matches nothing.
     */
    public static String lookupKey(String text) {
        if (SheetReaders.isMarker(text)) {
            return "";
        }
        String n = narrow(text);
        return n == null ? "" : n.toLowerCase(Locale.ROOT);
    }

    private static Converted integer(String key, String s) {
        BigDecimal d = number(s);
        if (d == null) {
            return Converted.bad(key, "exchange.error.not-a-number", s);
        }
        try {
            return Converted.ok(d.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException e) {
            return Converted.bad(key, "exchange.error.not-an-integer", s);
        }
    }

    private static Converted decimal(String key, String s) {
        BigDecimal d = number(s);
        if (d == null) {
            return Converted.bad(key, "exchange.error.not-a-number", s);
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() > 2) {
            return Converted.bad(key, "exchange.error.too-many-decimals", s);
        }
        if (stripped.precision() - stripped.scale() > 12) {
            return Converted.bad(key, "exchange.error.number-too-big", s);
        }
        return Converted.ok(d.setScale(2, java.math.RoundingMode.UNNECESSARY));
    }

    private static BigDecimal number(String s) {
        String t = s;
        if (t.startsWith("¥") || t.startsWith("$") || t.startsWith("￥")) {
            t = clean(t.substring(1));
            if (t == null) {
                return null;
            }
        }
        if (THOUSANDS.matcher(t).matches()) {
            t = t.replace(",", "");
        }
        if (t.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Converted bool(String key, String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "是", "对", "對", "启用", "啟用", "有效" -> Converted.ok(Boolean.TRUE);
            case "false", "no", "n", "0", "否", "不", "停用", "无效", "無效" -> Converted.ok(Boolean.FALSE);
            default -> Converted.bad(key, "exchange.error.not-a-boolean", s);
        };
    }

    private static Converted date(SheetColumn column, String s, LocalDate today) {
        String key = column.key();
        LocalDate date;
        try {
            date = parseDate(s);
        } catch (AmbiguousDate e) {
            return Converted.bad(key, "exchange.error.ambiguous-date", s);
        } catch (DateTimeException e) {
            return Converted.bad(key, "exchange.error.not-a-date", s);
        }
        if (date == null) {
            return Converted.bad(key, "exchange.error.not-a-date", s);
        }
        if (date.isBefore(MIN_DATE)) {
            return Converted.bad(key, "exchange.error.date-before-1900", date.toString());
        }
        if (column.pastOnly() && date.isAfter(today)) {
            return Converted.bad(key, "exchange.error.date-in-future", date.toString());
        }
        if (date.getYear() > 9999) {
            return Converted.bad(key, "exchange.error.not-a-date", s);
        }
        return Converted.ok(date);
    }

    /** A time after a date: 9:30, 09:30:15, 09:30:15.250. */
    private static final Pattern CLOCK_TIME =
            Pattern.compile("(?:\\s+|T|(?<=日))(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?$");

    /** The same in words: 9时30分, 9点30分15秒. */
    private static final Pattern WORD_TIME =
            Pattern.compile("(?:\\s+|(?<=日))(\\d{1,2})\\s*[时時点點]\\s*(\\d{1,2})\\s*分(?:\\s*(\\d{1,2})\\s*秒)?()$");

    private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.\\d+)?");

    /**
     * A date and time: any date form {@link #date} takes (a date alone is its midnight) followed by a time with
     * hours and minutes (seconds optional), or an Excel serial number with its fraction of a day.
     */
    private static Converted dateTime(SheetColumn column, String s, LocalDate today) {
        String key = column.key();
        LocalDateTime at;
        try {
            at = parseDateTime(s);
        } catch (AmbiguousDate e) {
            return Converted.bad(key, "exchange.error.ambiguous-date", s);
        } catch (DateTimeException | NumberFormatException e) {
            return Converted.bad(key, "exchange.error.not-a-date-time", s);
        }
        if (at == null) {
            return Converted.bad(key, "exchange.error.not-a-date-time", s);
        }
        if (at.toLocalDate().isBefore(MIN_DATE)) {
            return Converted.bad(
                    key, "exchange.error.date-before-1900", at.toLocalDate().toString());
        }
        if (column.pastOnly() && at.toLocalDate().isAfter(today)) {
            return Converted.bad(
                    key, "exchange.error.date-in-future", at.toLocalDate().toString());
        }
        if (at.getYear() > 9999) {
            return Converted.bad(key, "exchange.error.not-a-date-time", s);
        }
        return Converted.ok(at);
    }

    static LocalDateTime parseDateTime(String input) {
        if (SERIAL.matcher(input).matches()) {
            double serial = Double.parseDouble(input);
            if (serial >= 1 && DateUtil.isValidExcelDate(serial)) {
                return DateUtil.getLocalDateTime(serial, false, true);
            }
            return null;
        }
        Matcher t = CLOCK_TIME.matcher(input);
        if (!t.find()) {
            t = WORD_TIME.matcher(input);
            if (!t.find()) {
                t = null;
            }
        }
        LocalTime time = LocalTime.MIDNIGHT;
        String date = input;
        if (t != null) {
            int nanos = 0;
            if (t.group(4) != null && !t.group(4).isEmpty()) {
                nanos = Integer.parseInt((t.group(4) + "00000000").substring(0, 9));
            }
            time = LocalTime.of(
                    Integer.parseInt(t.group(1)),
                    Integer.parseInt(t.group(2)),
                    t.group(3) == null ? 0 : Integer.parseInt(t.group(3)),
                    nanos);
            date = input.substring(0, t.start()).strip();
        }
        if (date.matches("\\d{1,6}(\\.\\d+)?")) {
            return null; // a serial number followed by a time means nothing
        }
        LocalDate day = parseDate(date);
        return day == null ? null : day.atTime(time);
    }

    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?");

    private static Converted month(String key, String s) {
        Matcher m = YEAR_MONTH.matcher(s);
        LocalDate date;
        try {
            if (m.matches()) {
                date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            } else {
                date = parseDate(s);
            }
        } catch (AmbiguousDate e) {
            return Converted.bad(key, "exchange.error.ambiguous-date", s);
        } catch (DateTimeException e) {
            return Converted.bad(key, "exchange.error.not-a-month", s);
        }
        if (date == null) {
            return Converted.bad(key, "exchange.error.not-a-month", s);
        }
        if (date.isBefore(MIN_DATE)) {
            return Converted.bad(key, "exchange.error.date-before-1900", date.toString());
        }
        return Converted.ok(date.withDayOfMonth(1));
    }

    private static final class AmbiguousDate extends RuntimeException {
        AmbiguousDate() {
            super(null, null, false, false);
        }
    }

    static LocalDate parseDate(String input) {
        String s = TIME_SUFFIX.matcher(input).replaceFirst("");
        Matcher m = YMD.matcher(s);
        if (m.matches()) {
            return LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = COMPACT.matcher(s);
        if (m.matches()) {
            return LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = DMY_OR_MDY.matcher(s);
        if (m.matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            int year = Integer.parseInt(m.group(3));
            if (a > 12 && b <= 12) {
                return LocalDate.of(year, b, a);
            }
            if (b > 12 && a <= 12) {
                return LocalDate.of(year, a, b);
            }
            if (a == b) {
                return LocalDate.of(year, a, b);
            }
            throw new AmbiguousDate();
        }
        // An Excel serial number in a cell not formatted as a date (or from a CSV written by a program).
        if (s.matches("\\d{1,6}(\\.\\d+)?")) {
            double serial = Double.parseDouble(s);
            if (serial >= 1 && DateUtil.isValidExcelDate(serial)) {
                return DateUtil.getLocalDateTime(serial, false).toLocalDate();
            }
            if (serial < 1) {
                return LocalDate.of(1899, 12, 31);
            }
        }
        return null;
    }

    /** The type name's i18n key, for column notes. */
    public static String typeKey(ColumnType type) {
        return "exchange.type." + type.name();
    }
}
