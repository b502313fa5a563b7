package io.keyuan.shared.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * Texts from {@code i18n/messages_<locale>.properties} (UTF-8) in the three languages Keyuan speaks. Simplified
 * Chinese is the default and the fallback; the JVM's own default locale never leaks in.
 */
@Component
public class KeyuanI18NProvider implements I18NProvider {
    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ZH_TW = Locale.TRADITIONAL_CHINESE;
    public static final Locale EN = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(ZH_CN, ZH_TW, EN);
    private static final String BASE = "i18n.messages";

    /** Each language's own name, as the language switches show it whatever the current language. */
    public static final java.util.Map<Locale, String> NATIVE_NAMES =
            java.util.Map.of(ZH_CN, "简体中文", ZH_TW, "繁體中文", EN, "English");

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        if (key == null) {
            return "";
        }
        String pattern = lookup(key, supported(locale));
        if (pattern == null) {
            pattern = lookup(key, ZH_CN);
        }
        if (pattern == null) {
            return "!" + key;
        }
        if (params == null || params.length == 0) {
            return pattern;
        }
        Locale lang = supported(locale);
        Object[] args = params;
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof java.time.Instant instant) {
                if (args == params) {
                    args = params.clone();
                }
                args[i] = dateTime(instant, lang);
            }
        }
        return new MessageFormat(pattern, lang).format(args);
    }

    /**
     * A moment as people in the company read it: in the business time zone, in the language's own style
     * ({@code 2026年12月2日 16:05}, {@code Dec 2, 2026, 4:05 PM}). MessageFormat alone would print the raw UTC
     * instant.
     */
    public static String dateTime(java.time.Instant instant, Locale locale) {
        return java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                        java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                .withLocale(supported(locale))
                .format(instant.atZone(io.keyuan.shared.BusinessTime.ZONE))
                .replace('\u202f', ' ');
    }

    /** Maps any locale to one Keyuan speaks: zh-TW/zh-HK/zh-Hant to Traditional, other zh to Simplified. */
    public static Locale supported(Locale locale) {
        if (locale == null) {
            return ZH_CN;
        }
        if ("en".equals(locale.getLanguage())) {
            return EN;
        }
        if ("zh".equals(locale.getLanguage())) {
            String country = locale.getCountry();
            if ("Hant".equals(locale.getScript())
                    || "TW".equals(country)
                    || "HK".equals(country)
                    || "MO".equals(country)) {
                return ZH_TW;
            }
        }
        return ZH_CN;
    }

    public static boolean has(String key, Locale locale) {
        return lookup(key, supported(locale)) != null;
    }

    private static String lookup(String key, Locale locale) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(
                    BASE,
                    locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return bundle.containsKey(key) ? bundle.getString(key) : null;
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
