package io.keyuan.exchange;

import java.util.List;
import java.util.Locale;

/**
 * One column of a sheet: its key, header in each language Keyuan speaks (import accepts any of them), type,
 * whether it is required, its maximum length and, for enumerated columns, the enum whose constants (by name or by
 * their label in any language) the cells may hold. DECIMAL columns take at most two decimals; DATE columns take
 * no date before 1900, and none after today when {@code pastOnly}.
 */
public record SheetColumn(
        String key,
        String headerZhCn,
        String headerZhTw,
        String headerEn,
        ColumnType type,
        boolean required,
        int maxLength,
        List<String> allowedValues,
        Class<? extends Enum<?>> enumType,
        boolean pastOnly,
        List<String> aliases) {

    public SheetColumn {
        allowedValues = List.copyOf(allowedValues);
        aliases = List.copyOf(aliases);
    }

    public SheetColumn(
            String key,
            String headerZhCn,
            String headerZhTw,
            String headerEn,
            ColumnType type,
            boolean required,
            int maxLength,
            List<String> allowedValues) {
        this(key, headerZhCn, headerZhTw, headerEn, type, required, maxLength, allowedValues, null, false, List.of());
    }

    public static SheetColumn of(
            String key, String zhCn, String zhTw, String en, ColumnType type, boolean required, int maxLength) {
        return new SheetColumn(key, zhCn, zhTw, en, type, required, maxLength, List.of());
    }

    public static SheetColumn ofEnum(
            String key, String zhCn, String zhTw, String en, boolean required, Class<? extends Enum<?>> type) {
        return new SheetColumn(key, zhCn, zhTw, en, ColumnType.ENUM, required, 32, List.of(), type, false, List.of());
    }

    /** A date column that refuses dates after today (birth dates, purchase dates). */
    public SheetColumn notAfterToday() {
        return new SheetColumn(
                key,
                headerZhCn,
                headerZhTw,
                headerEn,
                type,
                required,
                maxLength,
                allowedValues,
                enumType,
                true,
                aliases);
    }

    /** Other headers that name this column in sheets people actually send (e.g. 姓名 for 名称, 手机 for 电话). */
    public SheetColumn alsoCalled(String... more) {
        List<String> all = new java.util.ArrayList<>(aliases);
        all.addAll(List.of(more));
        return new SheetColumn(
                key,
                headerZhCn,
                headerZhTw,
                headerEn,
                type,
                required,
                maxLength,
                allowedValues,
                enumType,
                pastOnly,
                all);
    }

    public String header(Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage())) {
            return headerEn;
        }
        if (locale != null && ("TW".equals(locale.getCountry()) || "Hant".equals(locale.getScript()))) {
            return headerZhTw;
        }
        return headerZhCn;
    }

    public List<String> headers() {
        List<String> all = new java.util.ArrayList<>(List.of(headerZhCn, headerZhTw, headerEn, key));
        all.addAll(aliases);
        return all;
    }
}
