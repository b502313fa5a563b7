package io.keyuan.exchange;

import io.keyuan.exchange.read.CellConverter;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * For each enumerated column, every text a cell may hold for a constant — its name and its label in each of the
 * three languages — to the constant's name; built once per schema.
 */
@Component
class EnumLookups {
    private final KeyuanI18NProvider i18n;
    private final Map<String, Map<String, Map<String, String>>> bySchema = new ConcurrentHashMap<>();

    EnumLookups(KeyuanI18NProvider i18n) {
        this.i18n = i18n;
    }

    /** Column key → (lookup key of a text → constant name). */
    Map<String, Map<String, String>> of(SheetSchema schema) {
        return bySchema.computeIfAbsent(schema.name(), n -> build(schema));
    }

    private Map<String, Map<String, String>> build(SheetSchema schema) {
        Map<String, Map<String, String>> byColumn = new HashMap<>();
        for (SheetColumn column : schema.columns()) {
            if (column.enumType() == null) {
                continue;
            }
            Map<String, String> lookup = new HashMap<>();
            for (Enum<?> constant : column.enumType().getEnumConstants()) {
                lookup.put(CellConverter.lookupKey(constant.name()), constant.name());
                for (Locale locale : KeyuanI18NProvider.LOCALES) {
                    String key = label(column, constant.name());
                    if (KeyuanI18NProvider.has(key, locale)) {
                        lookup.putIfAbsent(CellConverter.lookupKey(i18n.getTranslation(key, locale)), constant.name());
                    }
                }
            }
            byColumn.put(column.key(), lookup);
        }
        return byColumn;
    }

    /** The i18n key of an enum constant's label. */
    static String label(SheetColumn column, String constant) {
        return "enum." + column.enumType().getSimpleName() + "." + constant;
    }
}
