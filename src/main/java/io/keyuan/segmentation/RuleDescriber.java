package io.keyuan.segmentation;

import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * A rule as readable lines in the user's language ("全部满足：", "  城市 属于 上海、北京", "  非：年龄 < 30"): enum values
 * by their labels, channels by name (a deleted one marked so), dates formatted. Each line carries the path of the
 * node it shows, in {@link RuleProblem}'s form, so that a page explaining why a customer matched can point at it.
 * Used by the editor's history, the rule sheet and the customer page.
 */
@Component
// it reads channel and stage names: views reach it directly, so it checks the caller like a service
@PreAuthorize(Roles.HAS_STAFF)
public class RuleDescriber {
    /** What the service stores as the note of a version it saved itself; shown translated. */
    static final String RESTORED_NOTE = "@restored:";

    static final String IMPORTED_NOTE = "@imported";

    private final KeyuanI18NProvider i18n;
    private final ChannelService channels;
    private final SegmentCatalogueService catalogue;

    RuleDescriber(KeyuanI18NProvider i18n, ChannelService channels, SegmentCatalogueService catalogue) {
        this.i18n = i18n;
        this.channels = channels;
        this.catalogue = catalogue;
    }

    /**
     * One line of a described rule. {@code path} is the node's path ("" for the root; a NOT around a condition is
     * shown on the condition's line and carries the NOT's path), {@code depth} its nesting (0 for the root).
     */
    public record Line(String path, int depth, String text) {
        /** The text indented two spaces per level, as a plain-text rendering shows it. */
        public String indented() {
            return "  ".repeat(depth) + text;
        }
    }

    /** Whether a line of a diff was added, removed or kept. */
    public enum Change {
        ADDED,
        REMOVED,
        UNCHANGED
    }

    public record DiffLine(Change change, Line line) {}

    /** Describes {@code rule} with the channels as they are now (the caller needs to be staff). */
    public List<Line> describe(RuleNode rule, Locale locale) {
        return describe(rule, locale, channelNames());
    }

    /** The current channels' names by id, for describing many rules with one lookup. */
    public Map<Long, String> channelNames() {
        return channels.summaries().stream()
                .collect(Collectors.toMap(ChannelSummary::id, ChannelSummary::name, (a, b) -> a));
    }

    /** Describes {@code rule}; channel ids missing from {@code channelNames} are shown as deleted. */
    public List<Line> describe(RuleNode rule, Locale locale, Map<Long, String> channelNames) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<Line> lines = new ArrayList<>();
        new Writer(lang, channelNames::get, lines).node(rule, "", 0);
        return lines;
    }

    /** What a STAGE field offers (open pipeline stages as "pipeline › stage") in {@code locale}, by id. */
    public Map<Long, String> stageNames(CatalogueField field, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<Long, String> names = new java.util.HashMap<>();
        for (StageChoice s : catalogue.choices(field)) {
            names.put(s.stageId(), s.label(key -> i18n.getTranslation(key, lang)));
        }
        return names;
    }

    /** A stored change note as users read it: the notes the service writes itself are translated. */
    public String note(String stored, Locale locale) {
        if (stored == null) {
            return "";
        }
        if (stored.startsWith(RESTORED_NOTE)) {
            return i18n.getTranslation("segment.note.restored", locale, stored.substring(RESTORED_NOTE.length()));
        }
        if (stored.equals(IMPORTED_NOTE)) {
            return i18n.getTranslation("segment.note.imported", locale);
        }
        return stored;
    }

    /**
     * A line diff of two descriptions (longest common subsequence over indentation and text, not paths, since a
     * path shifts when a sibling is inserted before it): removed lines come before the added ones that replace
     * them. Rules hold at most a few hundred conditions, so the quadratic table stays small.
     */
    public static List<DiffLine> diff(List<Line> older, List<Line> newer) {
        int n = older.size();
        int m = newer.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = same(older.get(i), newer.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && same(older.get(i), newer.get(j))) {
                out.add(new DiffLine(Change.UNCHANGED, newer.get(j)));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                out.add(new DiffLine(Change.REMOVED, older.get(i++)));
            } else {
                out.add(new DiffLine(Change.ADDED, newer.get(j++)));
            }
        }
        return out;
    }

    private static boolean same(Line a, Line b) {
        return a.depth() == b.depth() && a.text().equals(b.text());
    }

    private final class Writer {
        private final Locale lang;
        private final Function<Long, String> channelName;
        private final List<Line> lines;
        private final Map<CatalogueField, Map<Long, String>> stageNames = new java.util.HashMap<>();

        Writer(Locale lang, Function<Long, String> channelName, List<Line> lines) {
            this.lang = lang;
            this.channelName = channelName;
            this.lines = lines;
        }

        void node(RuleNode node, String path, int depth) {
            switch (node) {
                case null -> lines.add(new Line(path, depth, t("segment.describe.incomplete")));
                case RuleNode.Group g -> {
                    lines.add(new Line(
                            path,
                            depth,
                            t(g.op() == RuleNode.GroupOp.OR ? "segment.describe.any" : "segment.describe.all")));
                    children(g, path, depth);
                }
                case RuleNode.Not n
                when n.child() instanceof RuleNode.Condition c ->
                    lines.add(new Line(path, depth, t("segment.describe.not", condition(c))));
                case RuleNode.Not n
                when n.child() instanceof RuleNode.Group g -> {
                    // NOT(AND) and NOT(OR) read naturally as "not all of" and "none of"; the group has no line
                    lines.add(new Line(
                            path,
                            depth,
                            t(g.op() == RuleNode.GroupOp.OR ? "segment.describe.none" : "segment.describe.not-all")));
                    children(g, child(path, 1), depth);
                }
                case RuleNode.Not n -> {
                    lines.add(new Line(path, depth, t("segment.describe.not-below")));
                    node(n.child(), child(path, 1), depth + 1);
                }
                case RuleNode.Condition c -> lines.add(new Line(path, depth, condition(c)));
            }
        }

        private void children(RuleNode.Group g, String groupPath, int depth) {
            for (int i = 0; i < g.children().size(); i++) {
                node(g.children().get(i), child(groupPath, i + 1), depth + 1);
            }
        }

        private String condition(RuleNode.Condition c) {
            String field = c.field() == null ? "?" : t(c.field().labelKey());
            if (c.windowDays() != null) {
                field = t("segment.describe.window", field, c.windowDays());
            }
            if (c.operator() == null) {
                return field + " ?";
            }
            List<String> values = c.values().stream().map(v -> value(c, v)).toList();
            String key = "segment.describe.op." + c.operator().name();
            if (!KeyuanI18NProvider.has(key, lang)) {
                // an operator added after these texts were written still reads: field, operator's label, values
                return field + " " + t("segment.operator." + c.operator().name()) + " " + list(values);
            }
            return switch (c.operator()) {
                case BETWEEN ->
                    t(key, field, values.isEmpty() ? "?" : values.getFirst(), values.size() < 2 ? "?" : values.get(1));
                default -> t(key, field, list(values));
            };
        }

        private String value(RuleNode.Condition c, String v) {
            if (c.field() == null || v == null) {
                return String.valueOf(v);
            }
            if (c.operator() == Operator.WITHIN_LAST_DAYS) {
                return v;
            }
            try {
                return switch (c.field().type()) {
                    case ENUM -> {
                        String key = "enum." + c.field().enumType().getSimpleName() + "." + v;
                        yield KeyuanI18NProvider.has(key, lang) ? t(key) : v;
                    }
                    case BOOLEAN -> t("true".equals(v) ? "segment.yes" : "segment.no");
                    case DATE ->
                        DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                                .withLocale(lang)
                                .format(LocalDate.parse(v));
                    case CHANNEL -> {
                        long id = Long.parseLong(v);
                        String name = channelName.apply(id);
                        yield name != null ? name : t("segment.describe.channel-deleted", "#" + id);
                    }
                    case STAGE -> {
                        long id = Long.parseLong(v);
                        String name = stageName(c.field(), id);
                        yield name != null ? name : t("segment.describe.stage-deleted", "#" + id);
                    }
                    // text, numbers and any type added later read as typed
                    default -> v;
                };
            } catch (RuntimeException e) {
                return v; // a value the validator would refuse still shows as typed
            }
        }

        /** Looked up once per description and field, and only for rules that name a stage. */
        private String stageName(CatalogueField field, long id) {
            return stageNames.computeIfAbsent(field, f -> stageNames(f, lang)).get(id);
        }

        private String list(List<String> values) {
            return String.join(lang.getLanguage().equals("en") ? ", " : "、", values);
        }

        private String t(String key, Object... args) {
            return i18n.getTranslation(key, lang, args);
        }
    }

    private static String child(String path, int index) {
        return path.isEmpty() ? String.valueOf(index) : path + "." + index;
    }
}
