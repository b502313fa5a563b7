package io.keyuan.shared.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MomentsInMessagesTests {
    private final KeyuanI18NProvider i18n = new KeyuanI18NProvider();
    private final Instant at = Instant.parse("2026-12-02T08:05:00Z");

    @Test
    void a_stale_edit_names_who_and_when_in_business_time_in_each_language() {
        assertThat(i18n.getTranslation("error.stale-by", KeyuanI18NProvider.ZH_CN, "li.lei", at))
                .contains("li.lei")
                .contains("2026年12月2日 16:05")
                .doesNotContain("08:05Z");
        assertThat(i18n.getTranslation("error.stale-by", KeyuanI18NProvider.ZH_TW, "li.lei", at))
                .contains("2026年12月2日")
                .contains("4:05");
        assertThat(i18n.getTranslation("error.stale-by", KeyuanI18NProvider.EN, "li.lei", at))
                .startsWith("li.lei saved this record at Dec 2, 2026, 4:05 PM");
    }

    @Test
    void a_stale_edit_of_a_deleted_record_says_it_is_gone() {
        var e = io.keyuan.shared.StaleEditException.deleted();
        assertThat(e.messageKey()).isEqualTo("error.stale-gone");
        assertThat(i18n.getTranslation(e.messageKey(), KeyuanI18NProvider.EN, e.args()))
                .doesNotContain("?")
                .contains("deleted");
    }
}
