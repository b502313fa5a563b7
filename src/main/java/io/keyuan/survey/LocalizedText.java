package io.keyuan.survey;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * A question's or option's text in up to three languages, as the author gave them. Shown in the reader's language
 * when given, else in the first one given (Simplified Chinese, then Traditional Chinese, then English).
 */
public record LocalizedText(String zhCn, String zhTw, String en) {
    public LocalizedText {
        zhCn = clean(zhCn);
        zhTw = clean(zhTw);
        en = clean(en);
    }

    public static LocalizedText of(String zhCn) {
        return new LocalizedText(zhCn, null, null);
    }

    public boolean isEmpty() {
        return zhCn == null && zhTw == null && en == null;
    }

    public int longest() {
        return Stream.of(zhCn, zhTw, en)
                .mapToInt(t -> t == null ? 0 : t.length())
                .max()
                .orElse(0);
    }

    public String in(Locale locale) {
        String wanted = null;
        if (locale != null) {
            if ("en".equals(locale.getLanguage())) {
                wanted = en;
            } else if ("zh".equals(locale.getLanguage())) {
                boolean traditional = "TW".equals(locale.getCountry())
                        || "HK".equals(locale.getCountry())
                        || "Hant".equals(locale.getScript());
                wanted = traditional ? zhTw : zhCn;
            }
        }
        if (wanted != null) {
            return wanted;
        }
        return Stream.of(zhCn, zhTw, en).filter(t -> t != null).findFirst().orElse("");
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.isEmpty() ? null : t;
    }
}
