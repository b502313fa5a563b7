package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.or;
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
import io.keyuan.pipeline.PipelineSegmentFields;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Restoring old versions, switching a rule set's mode, and rules described in words. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "seg-historian",
        roles = {"STAFF", "MANAGER"})
class SegmentHistoryTests {
    @Autowired
    SegmentService segments;

    @Autowired
    ChannelService channels;

    @Autowired
    RuleDescriber describer;

    @Autowired
    SegmentCatalogueService catalogue;

    @Autowired
    io.keyuan.pipeline.PipelineService pipelines;

    @Test
    void windows_and_pipeline_stages_read_in_words() {
        long copy = pipelines
                .copy(pipelines.templates().getFirst().id(), "流程" + TestData.unique())
                .pipeline()
                .id();
        StageChoice stage = catalogue.choices(PipelineSegmentFields.OPEN_DEAL_STAGE).stream()
                .filter(c -> pipelines.get(copy).stages().stream().anyMatch(st -> st.id() == c.stageId()))
                .findFirst()
                .orElseThrow();
        RuleNode rule = and(
                RuleNode.within(30, SegmentField.SPEND_IN_WINDOW, Operator.GE, "100"),
                when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IN, String.valueOf(stage.stageId()), "999999999"));

        List<String> zh = describer.describe(rule, KeyuanI18NProvider.ZH_CN).stream()
                .map(RuleDescriber.Line::text)
                .toList();
        List<String> en = describer.describe(rule, KeyuanI18NProvider.EN).stream()
                .map(RuleDescriber.Line::text)
                .toList();

        assertThat(zh.get(1)).contains("（近 30 天）").contains("100");
        assertThat(en.get(1)).contains("(last 30 days)");
        assertThat(en.get(2))
                .contains(" › ")
                .contains("#999999999 (deleted or closed)")
                .doesNotContain(String.valueOf(stage.stageId()) + ",");
    }

    private SegmentSummary segmentWithThreeVersions() {
        RuleSetSummary set = segments.createRuleSet("历史" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary s = segments.createSegment(set.id(), "上海", when(SegmentField.CITY, Operator.EQ, "上海"), "一");
        s = segments.saveRule(s.id(), s.version(), when(SegmentField.CITY, Operator.EQ, "北京"), "二");
        return segments.saveRule(s.id(), s.version(), when(SegmentField.CITY, Operator.EQ, "广州"), "三");
    }

    @Test
    void restoring_a_version_saves_its_rule_as_a_new_version_noted_as_restored() {
        SegmentSummary s = segmentWithThreeVersions();

        SegmentSummary restored = segments.restore(s.id(), s.version(), 1);

        assertThat(restored.ruleVersion()).isEqualTo(4);
        assertThat(restored.rule()).isEqualTo(when(SegmentField.CITY, Operator.EQ, "上海"));
        RuleVersionRow newest = segments.versions(s.id()).getFirst();
        assertThat(newest.versionNo()).isEqualTo(4);
        assertThat(describer.note(newest.changeNote(), KeyuanI18NProvider.ZH_CN))
                .isEqualTo("从第 1 版恢复");
        assertThat(describer.note(newest.changeNote(), KeyuanI18NProvider.EN)).isEqualTo("Restored from version 1");
        assertThat(describer.note("手写的说明", KeyuanI18NProvider.EN)).isEqualTo("手写的说明");
    }

    @Test
    void a_stale_editor_cannot_restore_and_the_current_version_is_not_restored_again() {
        SegmentSummary s = segmentWithThreeVersions();
        SegmentSummary moved = segments.saveRule(s.id(), s.version(), when(SegmentField.CITY, Operator.EQ, "深圳"), null);

        assertThatThrownBy(() -> segments.restore(s.id(), s.version(), 1)).isInstanceOf(StaleEditException.class);
        assertThatThrownBy(() -> segments.restore(s.id(), moved.version(), 4))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.error.restore-current"));
        assertThat(segments.versions(s.id())).hasSize(4);
    }

    @Test
    void a_version_naming_a_deleted_channel_is_not_restored_and_says_why() {
        ChannelSummary channel = channels.create(new ChannelDraft(
                "旧渠道" + TestData.unique(), ChannelCategory.ONLINE, AcquisitionMethod.ADVERTISING, true, null));
        RuleSetSummary set = segments.createRuleSet("渠道" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary s = segments.createSegment(
                set.id(), "渠道客户", when(SegmentField.SOURCE_CHANNEL, Operator.EQ, String.valueOf(channel.id())), null);
        SegmentSummary later =
                segments.saveRule(s.id(), s.version(), when(SegmentField.REFERRED, Operator.EQ, "true"), null);
        channels.delete(channel.id(), channels.get(channel.id()).getVersion());

        assertThatThrownBy(() -> segments.restore(s.id(), later.version(), 1))
                .isInstanceOfSatisfying(
                        RuleException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        new RuleProblem("", "segment.rule.error.channel-deleted", channel.id())));
        assertThat(segments.segment(s.id()).ruleVersion()).isEqualTo(2);
        assertThat(describer.describe(segments.versions(s.id()).getLast().rule(), KeyuanI18NProvider.ZH_CN))
                .extracting(RuleDescriber.Line::text)
                .containsExactly("客户来源 = #" + channel.id() + "（已删除）");
    }

    @Test
    void a_manager_switches_a_rule_set_between_exclusive_and_overlapping_and_a_stale_switch_is_refused() {
        RuleSetSummary set = segments.createRuleSet("模式" + TestData.unique(), RuleSetMode.OVERLAPPING);

        RuleSetSummary exclusive = segments.changeMode(set.id(), set.version(), RuleSetMode.EXCLUSIVE);

        assertThat(exclusive.mode()).isEqualTo(RuleSetMode.EXCLUSIVE);
        assertThat(segments.ruleSets()).contains(exclusive);
        assertThatThrownBy(() -> segments.changeMode(set.id(), set.version(), RuleSetMode.OVERLAPPING))
                .isInstanceOf(StaleEditException.class);
        assertThat(segments.ruleSets().stream()
                        .filter(r -> r.id() == set.id())
                        .findFirst()
                        .orElseThrow()
                        .mode())
                .isEqualTo(RuleSetMode.EXCLUSIVE);
    }

    @Test
    @WithMockUser(username = "seg-staff", roles = "STAFF")
    void staff_cannot_restore_change_the_mode_or_reorder() {
        SegmentSummary s = TestData.as("seg-boss", this::segmentWithThreeVersions, "STAFF", "MANAGER");

        assertThatThrownBy(() -> segments.restore(s.id(), s.version(), 1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> segments.changeMode(s.ruleSetId(), 0, RuleSetMode.EXCLUSIVE))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> segments.reorder(s.ruleSetId(), List.of(s.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(segments.versions(s.id())).hasSize(3);
    }

    @Test
    void a_rule_reads_as_indented_lines_with_labels_names_and_paths() {
        ChannelSummary channel = channels.create(new ChannelDraft(
                "展会" + TestData.unique(), ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR, true, null));
        RuleNode rule = and(
                when(SegmentField.CITY, Operator.IN, "上海", "北京"),
                not(when(SegmentField.AGE, Operator.LT, "30")),
                or(
                        when(SegmentField.GENDER, Operator.EQ, "FEMALE"),
                        when(SegmentField.SOURCE_CHANNEL, Operator.EQ, String.valueOf(channel.id())),
                        when(SegmentField.FIRST_PURCHASE, Operator.BETWEEN, "2025-01-01", "2025-12-31")),
                not(or(when(SegmentField.REFERRED, Operator.EQ, "true"))));

        List<RuleDescriber.Line> zh = describer.describe(rule, KeyuanI18NProvider.ZH_CN);

        assertThat(zh)
                .extracting(RuleDescriber.Line::indented)
                .containsExactly(
                        "全部满足：",
                        "  城市 属于 上海、北京",
                        "  非：年龄 < 30",
                        "  任一满足：",
                        "    性别 = 女",
                        "    客户来源 = " + channel.name(),
                        "    首次购买日期 介于 2025年1月1日 和 2025年12月31日 之间",
                        "  均不满足：",
                        "    经人介绍 = 是");
        assertThat(zh)
                .extracting(RuleDescriber.Line::path)
                .containsExactly("", "1", "2", "3", "3.1", "3.2", "3.3", "4", "4.1.1");
        assertThat(zh).extracting(RuleDescriber.Line::depth).containsExactly(0, 1, 1, 1, 2, 2, 2, 1, 2);
        assertThat(describer.describe(rule, KeyuanI18NProvider.EN))
                .extracting(RuleDescriber.Line::text)
                .startsWith("All of:", "City is one of 上海, 北京", "Not: Age < 30");
        for (Operator op : Operator.values()) {
            assertThat(describer
                            .describe(
                                    new RuleNode.Condition(SegmentField.AGE, op, List.of("1", "2")),
                                    KeyuanI18NProvider.ZH_TW)
                            .getFirst()
                            .text())
                    .as(op.name())
                    .doesNotContain("!");
        }
    }

    @Test
    void a_diff_marks_removed_and_added_lines_and_keeps_the_rest() {
        List<RuleDescriber.Line> before = describer.describe(
                and(when(SegmentField.CITY, Operator.EQ, "上海"), when(SegmentField.AGE, Operator.GE, "18")),
                KeyuanI18NProvider.ZH_CN);
        List<RuleDescriber.Line> after = describer.describe(
                and(when(SegmentField.CITY, Operator.EQ, "北京"), when(SegmentField.AGE, Operator.GE, "18")),
                KeyuanI18NProvider.ZH_CN);

        assertThat(RuleDescriber.diff(before, after))
                .extracting(d -> d.change() + " " + d.line().indented())
                .containsExactly("UNCHANGED 全部满足：", "REMOVED   城市 = 上海", "ADDED   城市 = 北京", "UNCHANGED   年龄 ≥ 18");
        assertThat(RuleDescriber.diff(List.of(), after))
                .extracting(RuleDescriber.DiffLine::change)
                .containsOnly(RuleDescriber.Change.ADDED);
    }
}
