package io.keyuan.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One column of a sheet: its key, header in each language Keyuan speaks (import accepts any of them), type,
 * whether a new record needs it, its maximum length and, for enumerated columns, the enum whose constants (by name
 * or by their label in any language) the cells may hold. DECIMAL columns take at most two decimals; DATE columns
 * take no date before 1900, and none after today when {@code pastOnly}.
 *
 * <p>{@code required} means a new record cannot be created without a value; a file that only updates records
 * needs only a key column, and a blank cell never clears a required field. {@code defaultValue} (in the column's
 * value form, e.g. an enum constant's name) is what a new record gets when the column is absent or blank, and is
 * named in the template's note. {@code rule}, when set, checks and normalises each value as the form does.
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
        List<String> aliases,
        Object defaultValue,
        CellRule rule) {

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
        this(
                key,
                headerZhCn,
                headerZhTw,
                headerEn,
                type,
                required,
                maxLength,
                allowedValues,
                null,
                false,
                List.of(),
                null,
                null);
    }

    public static SheetColumn of(
            String key, String zhCn, String zhTw, String en, ColumnType type, boolean required, int maxLength) {
        return new SheetColumn(key, zhCn, zhTw, en, type, required, maxLength, List.of());
    }

    public static SheetColumn ofEnum(
            String key, String zhCn, String zhTw, String en, boolean required, Class<? extends Enum<?>> type) {
        return new SheetColumn(
                key, zhCn, zhTw, en, ColumnType.ENUM, required, 32, List.of(), type, false, List.of(), null, null);
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
                aliases,
                defaultValue,
                rule);
    }

    /** Other headers that name this column in sheets people actually send (e.g. 姓名 for 名称, 手机 for 电话). */
    public SheetColumn alsoCalled(String... more) {
        List<String> all = new ArrayList<>(aliases);
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
                all,
                defaultValue,
                rule);
    }

    /** What a new record gets when the column is absent or its cell blank. */
    public SheetColumn byDefault(Object value) {
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
                aliases,
                value,
                rule);
    }

    /** Checks and normalises each value with the rule the module's form uses too. */
    public SheetColumn checkedBy(CellRule check) {
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
                aliases,
                defaultValue,
                check);
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
        List<String> all = new ArrayList<>(List.of(headerZhCn, headerZhTw, headerEn, key));
        all.addAll(aliases);
        return all;
    }
}
