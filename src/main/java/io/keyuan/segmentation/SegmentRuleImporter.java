package io.keyuan.segmentation;

import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.exchange.ChangeLog;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetImporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.shared.Roles;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Imports the rule sheet: rows match by rule set and segment name; missing rule sets (with their mode) and
 * segments are created, a changed rule becomes the segment's next version noted as imported, an unchanged row
 * is left alone. Channels are named in the sheet and resolved here. Only managers may import rules.
 *
 * <p>The change log holds segments by id and rule sets by negated id (ids are positive), since one import
 * touches both and the log has one id space.
 */
@Component
class SegmentRuleImporter implements SheetImporter {
    private final NamedParameterJdbcTemplate jdbc;
    private final ChannelService channels;
    private final Clock clock;

    private final SegmentCatalogueService catalogue;
    private final SegmentFieldCatalogue fields;

    SegmentRuleImporter(
            NamedParameterJdbcTemplate jdbc,
            ChannelService channels,
            Clock clock,
            SegmentCatalogueService catalogue,
            SegmentFieldCatalogue fields) {
        this.catalogue = catalogue;
        this.fields = fields;
        this.jdbc = jdbc;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public SheetSchema schema() {
        return SegmentRuleSheet.SCHEMA;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    public String naturalKey(ImportRow row) {
        String set = row.text("ruleSet");
        String segment = row.text("segment");
        return set == null || segment == null
                ? null
                : "segment:" + set.strip().toLowerCase(Locale.ROOT) + "|"
                        + segment.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public Map<String, List<String>> choices(Locale locale) {
        return Map.of();
    }

    private record Plan(String ruleSet, RuleSetMode mode, String segment, Integer priority, RuleNode rule) {}

    private record SetRow(long id, RuleSetMode mode, long version) {}

    private record SegmentRow(long id, int priority, int currentVersion, long version, RuleNode rule) {}

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void plan(List<ImportRow> rows, ImportContext context) {
        // per STAGE field: its values by the name the sheet gives them
        Map<CatalogueField, Map<String, Long>> choiceIds = new HashMap<>();
        catalogue.allChoices().forEach((field, choices) -> {
            Map<String, Long> ids = new HashMap<>();
            choices.forEach(c -> ids.putIfAbsent(c.reference(), c.stageId()));
            choiceIds.put(field, ids);
        });
        Map<String, Long> channelIds = new HashMap<>();
        for (ChannelSummary c : channels.summaries()) {
            channelIds.put(c.name().toLowerCase(Locale.ROOT), c.id());
        }
        for (ImportRow row : rows) {
            if (row.hasErrors()) {
                continue;
            }
            String setName = row.text("ruleSet").strip();
            String segmentName = row.text("segment").strip();
            RuleSetMode mode = RuleSetMode.valueOf(row.text("mode"));
            Integer priority = null;
            if (row.value("priority") instanceof Long p) {
                if (p < 1 || p > 100_000) {
                    row.error("priority", "segment.import.bad-priority", p);
                    continue;
                }
                priority = p.intValue();
            }
            RuleNode rule;
            try {
                rule = RuleText.read(row.text("rule"), fields);
            } catch (IllegalArgumentException e) {
                row.error("rule", "segment.import.bad-rule");
                continue;
            }
            String[] unknown = {null};
            rule = SegmentRuleSheet.mapChannels(rule, name -> {
                Long id = channelIds.get(name.strip().toLowerCase(Locale.ROOT));
                if (id == null && unknown[0] == null) {
                    unknown[0] = name;
                }
                return id == null ? name : String.valueOf(id);
            });
            if (unknown[0] != null) {
                row.error("rule", "segment.import.unknown-channel", unknown[0]);
                continue;
            }
            rule = SegmentRuleSheet.mapStages(rule, (field, name) -> {
                Long id = choiceIds.getOrDefault(field, Map.of()).get(name.strip());
                if (id == null && unknown[0] == null) {
                    unknown[0] = name;
                }
                return id == null ? name : String.valueOf(id);
            });
            if (unknown[0] != null) {
                row.error("rule", "segment.import.unknown-stage", unknown[0]);
                continue;
            }
            List<RuleProblem> problems = RuleValidator.problems(rule);
            if (!problems.isEmpty()) {
                RuleProblem p = problems.getFirst();
                row.error("rule", p.key(), p.args());
                continue;
            }
            Plan plan = new Plan(setName, mode, segmentName, priority, rule);
            row.setState(plan);
            Optional<SetRow> set = ruleSet(setName);
            Optional<SegmentRow> segment = set.flatMap(s -> segment(s.id(), segmentName));
            if (segment.isEmpty()) {
                row.plan(ImportAction.CREATE, 0);
            } else if (changed(plan, set.get(), segment.get())) {
                row.plan(ImportAction.UPDATE, segment.get().id());
            } else {
                row.plan(ImportAction.UNCHANGED, segment.get().id());
            }
        }
    }

    private static boolean changed(Plan plan, SetRow set, SegmentRow segment) {
        return set.mode() != plan.mode()
                || !segment.rule().equals(plan.rule())
                || (plan.priority() != null && plan.priority() != segment.priority());
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
        Timestamp now = Timestamp.from(clock.instant());
        String who = actor();
        for (ImportRow row : rows) {
            if (row.action() != ImportAction.CREATE && row.action() != ImportAction.UPDATE) {
                continue;
            }
            Plan plan = (Plan) row.state();
            // looked up again: an earlier row of this batch may have created the set or changed its mode
            SetRow set = ruleSet(plan.ruleSet()).orElse(null);
            if (set == null) {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.update(
                        "INSERT INTO segment_rule_set (name, mode, version, created_at, created_by, updated_at,"
                                + " updated_by) VALUES (:name, :mode, 0, :now, :who, :now, :who)",
                        new MapSqlParameterSource()
                                .addValue("name", plan.ruleSet())
                                .addValue("mode", plan.mode().name())
                                .addValue("now", now)
                                .addValue("who", who),
                        key,
                        new String[] {"id"});
                long id = key.getKey().longValue();
                log.created(-id);
                set = new SetRow(id, plan.mode(), 0);
            } else if (set.mode() != plan.mode()) {
                Map<String, String> before = new LinkedHashMap<>();
                before.put("mode", set.mode().name());
                before.put("version", String.valueOf(set.version()));
                jdbc.update(
                        "UPDATE segment_rule_set SET mode = :mode, version = version + 1, updated_at = :now,"
                                + " updated_by = :who WHERE id = :id",
                        new MapSqlParameterSource()
                                .addValue("mode", plan.mode().name())
                                .addValue("now", now)
                                .addValue("who", who)
                                .addValue("id", set.id()));
                log.updated(-set.id(), before);
            }
            String text = RuleText.write(plan.rule());
            Optional<SegmentRow> existing = segment(set.id(), plan.segment());
            if (existing.isEmpty()) {
                Integer max = jdbc.queryForObject(
                        "SELECT MAX(priority) FROM segment WHERE rule_set_id = :set",
                        Map.of("set", set.id()),
                        Integer.class);
                int priority = plan.priority() != null ? plan.priority() : (max == null ? 0 : max) + 1;
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.update(
                        "INSERT INTO segment (rule_set_id, name, priority, current_version, version, created_at,"
                                + " created_by, updated_at, updated_by)"
                                + " VALUES (:set, :name, :priority, 1, 0, :now, :who, :now, :who)",
                        new MapSqlParameterSource()
                                .addValue("set", set.id())
                                .addValue("name", plan.segment())
                                .addValue("priority", priority)
                                .addValue("now", now)
                                .addValue("who", who),
                        key,
                        new String[] {"id"});
                long id = key.getKey().longValue();
                insertVersion(id, 1, text, now, who);
                row.setTargetId(id);
                log.created(id);
                continue;
            }
            SegmentRow s = existing.get();
            int currentVersion = s.currentVersion();
            if (!s.rule().equals(plan.rule())) {
                currentVersion++;
                insertVersion(s.id(), currentVersion, text, now, who);
            }
            int priority = plan.priority() != null ? plan.priority() : s.priority();
            if (currentVersion == s.currentVersion() && priority == s.priority()) {
                continue; // only the rule set's mode changed, logged above
            }
            Map<String, String> before = new LinkedHashMap<>();
            before.put("current_version", String.valueOf(s.currentVersion()));
            before.put("priority", String.valueOf(s.priority()));
            before.put("version", String.valueOf(s.version()));
            jdbc.update(
                    "UPDATE segment SET current_version = :cv, priority = :priority, version = version + 1,"
                            + " updated_at = :now, updated_by = :who WHERE id = :id",
                    new MapSqlParameterSource()
                            .addValue("cv", currentVersion)
                            .addValue("priority", priority)
                            .addValue("now", now)
                            .addValue("who", who)
                            .addValue("id", s.id()));
            log.updated(s.id(), before);
        }
    }

    private void insertVersion(long segmentId, int versionNo, String text, Timestamp now, String who) {
        jdbc.update(
                "INSERT INTO segment_rule_version (segment_id, version_no, rule_text, change_note, version,"
                        + " created_at, created_by, updated_at, updated_by)"
                        + " VALUES (:segment, :no, :text, :note, 0, :now, :who, :now, :who)",
                new MapSqlParameterSource()
                        .addValue("segment", segmentId)
                        .addValue("no", versionNo)
                        .addValue("text", text)
                        .addValue("note", RuleDescriber.IMPORTED_NOTE)
                        .addValue("now", now)
                        .addValue("who", who));
    }

    /**
     * Newest first: created segments go (with their versions) unless someone saved a rule since; updated ones
     * return to their previous rule and priority, dropping the imported version, unless they moved on; created
     * rule sets go once empty; a changed mode is restored unless the set moved on.
     */
    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoCounts undo(List<RecordedChange> changes, boolean preview) {
        int removed = 0;
        int restored = 0;
        int kept = 0;
        Timestamp now = Timestamp.from(clock.instant());
        String who = actor();
        for (RecordedChange change : changes) {
            long id = Math.abs(change.targetId());
            boolean set = change.targetId() < 0;
            boolean done;
            if (change.action() == ImportAction.CREATE) {
                String where = set
                        ? "FROM segment_rule_set WHERE id = :id AND version = 0"
                                + " AND NOT EXISTS (SELECT 1 FROM segment WHERE rule_set_id = :id"
                                + (preview ? " AND version > 0" : "") + ")"
                        : "FROM segment WHERE id = :id AND version = 0";
                done = preview
                        ? exists("SELECT id " + where, Map.of("id", id))
                        : jdbc.update("DELETE " + where, Map.of("id", id)) > 0;
                removed += done ? 1 : 0;
            } else {
                long version = Long.parseLong(change.before().get("version"));
                String table = set ? "segment_rule_set" : "segment";
                if (preview) {
                    done = exists(
                            "SELECT id FROM " + table + " WHERE id = :id AND version = :after",
                            Map.of("id", id, "after", version + 1));
                } else if (set) {
                    done = jdbc.update(
                                    "UPDATE segment_rule_set SET mode = :mode, version = :version, updated_at = :now,"
                                            + " updated_by = :who WHERE id = :id AND version = :after",
                                    new MapSqlParameterSource()
                                            .addValue("mode", change.before().get("mode"))
                                            .addValue("version", version)
                                            .addValue("after", version + 1)
                                            .addValue("now", now)
                                            .addValue("who", who)
                                            .addValue("id", id))
                            > 0;
                } else {
                    int currentVersion = Integer.parseInt(change.before().get("current_version"));
                    done = jdbc.update(
                                    "UPDATE segment SET current_version = :cv, priority = :priority,"
                                            + " version = :version, updated_at = :now, updated_by = :who"
                                            + " WHERE id = :id AND version = :after",
                                    new MapSqlParameterSource()
                                            .addValue("cv", currentVersion)
                                            .addValue(
                                                    "priority",
                                                    Integer.parseInt(
                                                            change.before().get("priority")))
                                            .addValue("version", version)
                                            .addValue("after", version + 1)
                                            .addValue("now", now)
                                            .addValue("who", who)
                                            .addValue("id", id))
                            > 0;
                    if (done) {
                        jdbc.update(
                                "DELETE FROM segment_rule_version WHERE segment_id = :id AND version_no > :cv",
                                Map.of("id", id, "cv", currentVersion));
                    }
                }
                restored += done ? 1 : 0;
            }
            kept += done ? 0 : 1;
        }
        return new UndoCounts(removed, restored, kept, 0);
    }

    private boolean exists(String sql, Map<String, Object> params) {
        return !jdbc.queryForList(sql + " LIMIT 1", params, Long.class).isEmpty();
    }

    private Optional<SetRow> ruleSet(String name) {
        return jdbc
                .query(
                        "SELECT id, mode, version FROM segment_rule_set WHERE name = :name",
                        Map.of("name", name),
                        (rs, i) -> new SetRow(rs.getLong(1), RuleSetMode.valueOf(rs.getString(2)), rs.getLong(3)))
                .stream()
                .findFirst();
    }

    private Optional<SegmentRow> segment(long ruleSetId, String name) {
        return jdbc
                .query(
                        "SELECT s.id, s.priority, s.current_version, s.version, v.rule_text FROM segment s"
                                + " JOIN segment_rule_version v ON v.segment_id = s.id"
                                + " AND v.version_no = s.current_version"
                                + " WHERE s.rule_set_id = :set AND s.name = :name",
                        Map.of("set", ruleSetId, "name", name),
                        (rs, i) -> new SegmentRow(
                                rs.getLong(1),
                                rs.getInt(2),
                                rs.getInt(3),
                                rs.getLong(4),
                                RuleText.read(rs.getString(5), fields)))
                .stream()
                .findFirst();
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
