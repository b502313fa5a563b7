package io.keyuan.exchange;

import java.util.List;
import java.util.Locale;

/**
 * One column of a sheet: its key, header in each language Keyuan speaks (import accepts any of them), type,
 * whether it is required, its maximum length and, for enumerated columns, the allowed values.
 */
public record SheetColumn(
        String key,
        String headerZhCn,
        String headerZhTw,
        String headerEn,
        ColumnType type,
        boolean required,
        int maxLength,
        List<String> allowedValues) {

    public static SheetColumn of(
            String key, String zhCn, String zhTw, String en, ColumnType type, boolean required, int maxLength) {
        return new SheetColumn(key, zhCn, zhTw, en, type, required, maxLength, List.of());
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
}
