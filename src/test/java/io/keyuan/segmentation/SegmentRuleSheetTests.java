package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportRequest;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.pipeline.PipelineSegmentFields;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Rule definitions as a sheet: exported for review, imported into another installation, updated and undone. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "seg-sheets",
        roles = {"STAFF", "MANAGER"})
class SegmentRuleSheetTests {
    private static final String HEADER = "规则集,规则集模式,细分,优先级,规则\n";

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentRuleExport export;

    @Autowired
    ImportService imports;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private ImportRequest request(File f) {
        return imports.inspect("segment-rules", f, f.getName()).request("segment-rules", f, f.getName(), Locale.CHINA);
    }

    private File csv(String body) throws Exception {
        File f = dir.resolve("rules-" + TestData.unique() + ".csv").toFile();
        Files.writeString(f.toPath(), HEADER + body, StandardCharsets.UTF_8);
        return f;
    }

    private static String row(String... cells) {
        return Stream.of(cells).map(c -> "\"" + c.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")) + "\n";
    }

    private ChannelSummary channel(String prefix) {
        return channels.create(new ChannelDraft(
                prefix + TestData.unique(), ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, true, null));
    }

    /** Each segment of the set as name, priority and rule, with the set's mode first. */
    private List<String> snapshot(String ruleSetName) {
        RuleSetSummary set = segments.ruleSets().stream()
                .filter(r -> r.name().equals(ruleSetName))
                .findFirst()
                .orElseThrow();
        List<String> out = new java.util.ArrayList<>(List.of(set.mode().name()));
        segments.segments(set.id())
                .forEach(s -> out.add(s.name() + "|" + s.priority() + "|" + RuleText.write(s.rule())));
        return out;
    }

    @Test
    void exported_rules_import_into_a_clean_state_as_the_same_rules_and_re_import_unchanged() throws Exception {
        ChannelSummary fair = channel("展会");
        String u = TestData.unique();
        RuleSetSummary a = segments.createRuleSet("价值" + u, RuleSetMode.EXCLUSIVE);
        RuleSetSummary b = segments.createRuleSet("渠道" + u, RuleSetMode.OVERLAPPING);
        segments.createSegment(a.id(), "高价值", when(SegmentField.TOTAL_SPEND, Operator.GE, "5000"), null);
        SegmentSummary second = segments.createSegment(
                a.id(),
                "展会客户",
                and(
                        when(SegmentField.SOURCE_CHANNEL, Operator.IN, String.valueOf(fair.id())),
                        not(when(SegmentField.CITY, Operator.IN, "上海", "说\"引号\"")),
                        when(SegmentField.LOYALTY, Operator.EQ, "LOYAL")),
                "初版");
        segments.saveRule(second.id(), second.version(), second.rule(), "再存一版");
        segments.createSegment(b.id(), "女性", when(SegmentField.GENDER, Operator.EQ, "FEMALE"), null);
        List<String> before = List.of(snapshot(a.name()), snapshot(b.name())).stream()
                .flatMap(List::stream)
                .toList();

        File file = dir.resolve("rules.xlsx").toFile();
        try (OutputStream out = new FileOutputStream(file)) {
            assertThat(export.export(List.of(a.id(), b.id()), Locale.ENGLISH, out, n -> {}, () -> false))
                    .isEqualTo(3);
        }
        ImportReport same = imports.dryRun(request(file), ImportListener.NONE);
        assertThat(same.errors()).isEmpty();
        assertThat(same.unchanged()).isEqualTo(3);

        jdbc.update("DELETE FROM segment_rule_set WHERE id IN (?, ?)", a.id(), b.id());
        ImportReport imported = imports.commit(request(file), ImportMode.ALL_OR_NOTHING, ImportListener.NONE);

        assertThat(imported.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(imported.created()).isEqualTo(3);
        List<String> after = List.of(snapshot(a.name()), snapshot(b.name())).stream()
                .flatMap(List::stream)
                .toList();
        assertThat(after).isEqualTo(before);
        assertThat(imports.dryRun(request(file), ImportListener.NONE).unchanged())
                .isEqualTo(3);
    }

    @Autowired
    SegmentCatalogueService catalogue;

    @Autowired
    io.keyuan.pipeline.PipelineService pipelines;

    @Test
    void pipeline_stages_move_by_name_and_windows_survive_the_round_trip() throws Exception {
        long copy = pipelines
                .copy(pipelines.templates().getFirst().id(), "流程" + TestData.unique())
                .pipeline()
                .id();
        StageChoice stage = catalogue.choices(PipelineSegmentFields.OPEN_DEAL_STAGE).stream()
                .filter(c -> pipelines.get(copy).stages().stream().anyMatch(st -> st.id() == c.stageId()))
                .findFirst()
                .orElseThrow();
        String ref = catalogue.references(PipelineSegmentFields.OPEN_DEAL_STAGE).get(stage.stageId());
        RuleNode rule = and(
                RuleNode.within(90, SegmentField.PURCHASES_IN_WINDOW, Operator.GE, "2"),
                when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IN, String.valueOf(stage.stageId())));
        RuleSetSummary set = segments.createRuleSet("阶段" + TestData.unique(), RuleSetMode.OVERLAPPING);
        segments.createSegment(set.id(), "跟进中", rule, null);
        File file = dir.resolve("stages.xlsx").toFile();
        try (OutputStream out = new FileOutputStream(file)) {
            export.export(List.of(set.id()), Locale.CHINA, out, n -> {}, () -> false);
        }
        jdbc.update("DELETE FROM segment_rule_set WHERE id = ?", set.id());

        ImportReport imported = imports.commit(request(file), ImportMode.ALL_OR_NOTHING, ImportListener.NONE);

        assertThat(imported.created()).isEqualTo(1);
        assertThat(snapshot(set.name())).containsExactly("OVERLAPPING", "跟进中|1|" + RuleText.write(rule));
        String named = "OPEN_DEAL_STAGE IN(\"" + ref + "\")";
        String other = "阶段" + TestData.unique();
        ImportReport r = imports.commit(
                request(csv(row(other, "可重叠", "按名称", "1", named)
                        + row(other, "可重叠", "没有的阶段", "2", "OPEN_DEAL_STAGE IN(\"无 › 此阶段\")"))),
                ImportMode.SKIP_BAD,
                ImportListener.NONE);
        assertThat(r.errors())
                .extracting(e -> e.rowNumber() + " " + e.messageKey() + " " + List.of(e.args()))
                .containsExactly("3 segment.import.unknown-stage [无 › 此阶段]");
        assertThat(snapshot(other))
                .containsExactly(
                        "OVERLAPPING",
                        "按名称|1|"
                                + RuleText.write(when(
                                        PipelineSegmentFields.OPEN_DEAL_STAGE,
                                        Operator.IN,
                                        String.valueOf(stage.stageId()))));
    }

    @Test
    void channels_are_named_in_the_sheet_and_an_unknown_channel_or_a_broken_rule_is_a_row_error() throws Exception {
        ChannelSummary web = channel("官网");
        String set = "导入" + TestData.unique();
        ImportReport r = imports.commit(
                request(csv(row(set, "互斥", "官网客户", "1", "SOURCE_CHANNEL EQ(\"" + web.name() + "\")")
                        + row(set, "互斥", "未知渠道", "2", "SOURCE_CHANNEL IN(\"没有这个渠道\")")
                        + row(set, "互斥", "矛盾", "3", "AND(AGE GT(\"50\"), AGE LT(\"20\"))")
                        + row(set, "互斥", "乱写", "4", "CITY 等于 上海")
                        + row(set, "互斥", "无此字段", "5", "NO_SUCH_FIELD GE(\"9\")"))),
                ImportMode.SKIP_BAD,
                ImportListener.NONE);

        assertThat(r.errors())
                .extracting(e -> e.rowNumber() + " " + e.messageKey() + " " + List.of(e.args()))
                .containsExactly(
                        "3 segment.import.unknown-channel [没有这个渠道]",
                        "4 segment.rule.error.contradiction [AGE]",
                        "5 segment.import.bad-rule []",
                        "6 segment.import.bad-rule []");
        assertThat(snapshot(set)).containsExactly("EXCLUSIVE", "官网客户|1|SOURCE_CHANNEL EQ(\"" + web.id() + "\")");
    }

    @Test
    void a_changed_rule_becomes_a_new_version_noted_as_imported_and_undo_rolls_it_back() throws Exception {
        String u = TestData.unique();
        RuleSetSummary set = segments.createRuleSet("更新" + u, RuleSetMode.OVERLAPPING);
        SegmentSummary kept = segments.createSegment(set.id(), "老客户", when(SegmentField.CITY, Operator.EQ, "上海"), null);

        ImportReport r = imports.commit(
                request(csv(row(set.name(), "EXCLUSIVE", "老客户", "1", "CITY EQ(\"北京\")")
                        + row(set.name(), "EXCLUSIVE", "新客户", "", "LIFECYCLE EQ(\"NEW\")"))),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);

        assertThat(r.updated()).isEqualTo(1);
        assertThat(r.created()).isEqualTo(1);
        assertThat(snapshot(set.name()))
                .containsExactly("EXCLUSIVE", "老客户|1|CITY EQ(\"北京\")", "新客户|2|LIFECYCLE EQ(\"NEW\")");
        List<RuleVersionRow> history = segments.versions(kept.id());
        assertThat(history).extracting(RuleVersionRow::versionNo).containsExactly(2, 1);
        assertThat(history.getFirst().changeNote()).isEqualTo(RuleDescriber.IMPORTED_NOTE);

        assertThat(imports.undo(r.jobId()).kept()).isZero();

        assertThat(snapshot(set.name())).containsExactly("OVERLAPPING", "老客户|1|CITY EQ(\"上海\")");
        assertThat(segments.versions(kept.id()))
                .extracting(RuleVersionRow::versionNo)
                .containsExactly(1);
        // the next save numbers on from the restored version, as if the import never happened
        SegmentSummary now = segments.segment(kept.id());
        assertThat(segments.saveRule(now.id(), now.version(), when(SegmentField.CITY, Operator.EQ, "广州"), null)
                        .ruleVersion())
                .isEqualTo(2);
    }

    @Test
    void undo_removes_created_rule_sets_but_keeps_a_segment_someone_edited_since() throws Exception {
        String u = TestData.unique();
        ImportReport untouched = imports.commit(
                request(csv(row("整集" + u, "互斥", "甲", "1", "CITY EQ(\"上海\")"))),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(segments.ruleSets()).extracting(RuleSetSummary::name).contains("整集" + u);
        assertThat(imports.undo(untouched.jobId()).kept()).isZero();
        assertThat(segments.ruleSets()).extracting(RuleSetSummary::name).doesNotContain("整集" + u);

        ImportReport r = imports.commit(
                request(csv(row("新集" + u, "可重叠", "甲", "1", "CITY EQ(\"上海\")")
                        + row("新集" + u, "可重叠", "乙", "2", "CITY EQ(\"北京\")"))),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(r.created()).isEqualTo(2);
        SegmentSummary edited = segments.segments(segments.ruleSets().stream()
                        .filter(s -> s.name().equals("新集" + u))
                        .findFirst()
                        .orElseThrow()
                        .id())
                .getFirst();
        segments.saveRule(edited.id(), edited.version(), when(SegmentField.CITY, Operator.EQ, "杭州"), "手改");

        assertThat(imports.undo(r.jobId()).kept()).isEqualTo(2); // the edited segment and so its rule set

        assertThat(snapshot("新集" + u)).containsExactly("OVERLAPPING", "甲|1|CITY EQ(\"杭州\")");
    }

    @Test
    @WithMockUser(username = "seg-sheet-staff", roles = "STAFF")
    void staff_do_not_see_or_run_the_rule_import_but_may_export_rules() throws Exception {
        assertThat(imports.importers()).extracting(i -> i.schema().name()).doesNotContain("segment-rules");
        assertThat(imports.importers())
                .extracting(i -> i.schema().name())
                .contains("customers")
                .doesNotContain("channels", "channel-costs");
        File f = csv(row("员工" + TestData.unique(), "互斥", "甲", "1", "CITY EQ(\"上海\")"));
        assertThatThrownBy(() -> imports.inspect("segment-rules", f, f.getName()))
                .isInstanceOf(AccessDeniedException.class);
        ImportRequest req = TestData.as(
                "seg-sheets",
                () -> imports.inspect("segment-rules", f, f.getName())
                        .request("segment-rules", f, f.getName(), Locale.CHINA),
                "STAFF",
                "MANAGER");
        assertThatThrownBy(() -> imports.dryRun(req, ImportListener.NONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> imports.commit(req, ImportMode.ALL_OR_NOTHING, ImportListener.NONE))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(export.export(List.of(), Locale.CHINA, OutputStream.nullOutputStream(), n -> {}, () -> false))
                .isZero();
    }
}
