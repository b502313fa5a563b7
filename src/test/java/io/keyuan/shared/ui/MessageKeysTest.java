package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three message bundles hold the same keys, and every key the code asks for exists: the literal keys in
 * src/main/java and {@code enum.<Type>.<VALUE>} for every value of the enums the UI shows. A missing key would
 * show as {@code !key} on screen. No Spring here: plain files and reflection.
 */
class MessageKeysTest {
    private static final String[] LANGUAGES = {"zh_CN", "zh_TW", "en"};
    private static final String[] ENUMS = {
        "io.keyuan.channel.ChannelCategory",
        "io.keyuan.channel.AcquisitionMethod",
        "io.keyuan.customer.CustomerKind",
        "io.keyuan.customer.Gender",
        "io.keyuan.customer.NeedType",
        "io.keyuan.customer.PurchaseStyle",
        "io.keyuan.customer.Loyalty",
        "io.keyuan.customer.Lifecycle",
        "io.keyuan.customer.ValueLevel",
        "io.keyuan.customer.SalesChannel",
        "io.keyuan.customer.Occupation",
        "io.keyuan.security.domain.Role",
        "io.keyuan.pipeline.StageKind",
        "io.keyuan.pipeline.ContactRole",
        "io.keyuan.segmentation.RuleSetMode",
        "io.keyuan.segmentation.RefreshStatus",
        "io.keyuan.segmentation.RefreshTrigger",
        "io.keyuan.shared.jobs.JobStatus",
        "io.keyuan.pricing.RuleScope",
        "io.keyuan.pricing.RuleKind",
        "io.keyuan.pricing.Rounding",
        "io.keyuan.survey.FeedbackKind",
        "io.keyuan.survey.FeedbackCategory",
        "io.keyuan.survey.FeedbackSeverity",
        "io.keyuan.survey.FeedbackStatus",
        "io.keyuan.survey.FeedbackChange",
        "io.keyuan.survey.SurveyStatus",
        "io.keyuan.survey.QuestionKind",
        "io.keyuan.survey.CampaignChannel",
        "io.keyuan.survey.CampaignStatus",
        "io.keyuan.survey.RecipientStatus",
        "io.keyuan.insight.ChannelReportGrouping"
    };
    /** A string literal shaped like a key ("customer.list.new"), unless it names a system property. */
    private static final Pattern KEY_LITERAL =
            Pattern.compile("(?<!getProperty\\()\"([a-z][a-zA-Z0-9-]*(?:\\.[a-zA-Z0-9-]+)+)\"");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static final Map<String, Properties> bundles = new TreeMap<>();

    @BeforeAll
    static void loadBundles() throws IOException {
        for (String language : LANGUAGES) {
            Properties p = new Properties();
            String resource = "/i18n/messages_" + language + ".properties";
            try (InputStream in = MessageKeysTest.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            bundles.put(language, p);
        }
    }

    private static Set<String> keys(String language) {
        return bundles.get(language).stringPropertyNames();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh_TW", "en"})
    void every_bundle_has_exactly_the_keys_of_simplified_chinese(String language) {
        Set<String> missing = new TreeSet<>(keys("zh_CN"));
        missing.removeAll(keys(language));
        Set<String> extra = new TreeSet<>(keys(language));
        extra.removeAll(keys("zh_CN"));

        assertThat(missing).as("keys in zh_CN missing from " + language).isEmpty();
        assertThat(extra).as("keys in " + language + " missing from zh_CN").isEmpty();
    }

    @Test
    void no_text_is_blank() {
        for (String language : LANGUAGES) {
            Properties p = bundles.get(language);
            assertThat(p.stringPropertyNames().stream()
                            .filter(k -> p.getProperty(k).isBlank()))
                    .as("blank texts in " + language)
                    .isEmpty();
        }
    }

    @Test
    void translations_use_the_same_placeholders_and_parse_as_message_formats() {
        for (String key : keys("zh_CN")) {
            Set<String> expected = placeholders(bundles.get("zh_CN").getProperty(key));
            for (String language : LANGUAGES) {
                String text = bundles.get(language).getProperty(key);
                if (text == null) {
                    continue; // reported by the key comparison
                }
                assertThat(placeholders(text)).as(language + " " + key).isEqualTo(expected);
                if (!expected.isEmpty()) {
                    new MessageFormat(text); // throws on a malformed pattern
                    assertThat(text)
                            .as(language + " " + key + ": a lone ' would swallow text in MessageFormat")
                            .doesNotContainPattern("(?<!')'(?!')");
                }
            }
        }
    }

    @Test
    void every_literal_key_used_in_the_code_exists() throws IOException {
        Set<String> prefixes =
                keys("zh_CN").stream().map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    if (prefixes.contains(key.substring(0, key.indexOf('.')))) {
                        used.add(key);
                    }
                }
            }
        }
        assertThat(used)
                .as("sanity: the scan finds the keys the views use")
                .contains("customer.list.new", "nav.customers", "error.stale-by", "lifecycle.error.churn-after-active");

        for (String language : LANGUAGES) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(keys(language));
            assertThat(missing)
                    .as("keys used in src/main/java but missing from messages_" + language)
                    .isEmpty();
        }
    }

    @Test
    void every_enum_value_shown_in_the_ui_has_a_label_in_every_language() throws ClassNotFoundException {
        Set<String> expected = new TreeSet<>();
        for (String name : ENUMS) {
            Class<?> type = Class.forName(name);
            assertThat(type.isEnum()).as(name).isTrue();
            for (Object value : type.getEnumConstants()) {
                expected.add("enum." + type.getSimpleName() + "." + ((Enum<?>) value).name());
            }
        }
        for (String language : LANGUAGES) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(keys(language));
            assertThat(missing)
                    .as("enum labels missing from messages_" + language)
                    .isEmpty();
        }
    }

    @Test
    void enum_labels_name_only_existing_enum_values() throws ClassNotFoundException {
        Map<String, Class<?>> bySimpleName = new TreeMap<>();
        for (String name : ENUMS) {
            Class<?> type = Class.forName(name);
            bySimpleName.put(type.getSimpleName(), type);
        }
        Set<String> stale = new TreeSet<>();
        for (String key : keys("zh_CN")) {
            if (!key.startsWith("enum.")) {
                continue;
            }
            String[] parts = key.split("\\.");
            Class<?> type = bySimpleName.get(parts[1]);
            if (type == null
                    || Stream.of(type.getEnumConstants())
                            .map(v -> ((Enum<?>) v).name())
                            .noneMatch(parts[2]::equals)) {
                stale.add(key);
            }
        }
        assertThat(stale)
                .as("enum labels for enums or values that do not exist")
                .isEmpty();
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
