package io.keyuan.customer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * A customer name spelt in pinyin (pinyin4j), for the quick search: 王芳 → {@code wangfang} and {@code wf}; Latin
 * letters and digits stay as they are (lower case), each Latin word giving its first letter to the initials
 * (Apple 中国 → {@code applezhongguo}, {@code azg}). A character with several readings takes its first (pinyin4j's
 * most common one). {@link #crc()} is MariaDB's {@code CRC32(name)} of the spelt name, by which a stale spelling
 * (a name changed by a path that did not spell it, such as SQL) is found again.
 */
public record NamePinyin(String full, String initials, long crc) {
    public static final int FULL_LENGTH = 200;
    public static final int INITIALS_LENGTH = 100;

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    public static NamePinyin of(String name) {
        if (name == null) {
            return new NamePinyin(null, null, 0);
        }
        StringBuilder full = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            String[] readings = null;
            if (Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN) {
                try {
                    readings = PinyinHelper.toHanyuPinyinStringArray(ch, FORMAT);
                } catch (BadHanyuPinyinOutputFormatCombination e) {
                    throw new IllegalStateException(e);
                }
            }
            if (readings != null && readings.length > 0 && !readings[0].isEmpty()) {
                full.append(readings[0]);
                initials.append(readings[0].charAt(0));
                inWord = false;
            } else if (ch < 128 && Character.isLetterOrDigit(ch)) {
                char lower = Character.toLowerCase(ch);
                full.append(lower);
                if (!inWord) {
                    initials.append(lower);
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        return new NamePinyin(
                cut(full.toString().toLowerCase(Locale.ROOT), FULL_LENGTH),
                cut(initials.toString(), INITIALS_LENGTH),
                crc(name));
    }

    /** MariaDB's {@code CRC32()} of the text as the utf8mb4 column holds it. */
    public static long crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String cut(String s, int max) {
        return s.isEmpty() ? null : s.length() <= max ? s : s.substring(0, max);
    }
}
