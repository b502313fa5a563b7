package io.keyuan.survey;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's code, the stable name sheets give it: {@code SC} and its number ({@code SC000042}). Campaign names
 * may repeat and change; the number never does, so the code needs no column of its own and a campaign made by any
 * path (the dialog, a seeder) has one. Read back forgivingly: any case, a dash, fewer or more leading zeros
 * ({@code sc-42}).
 */
public final class CampaignCodes {
    private static final Pattern CODE = Pattern.compile("(?i)\\s*SC\\s*-?\\s*0*(\\d{1,18})\\s*");

    private CampaignCodes() {}

    public static String of(long campaignId) {
        return String.format("SC%06d", campaignId);
    }

    /** The campaign number a code names; empty when the text is not shaped like a code. */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = CODE.matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(m.group(1));
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
