package io.keyuan.pipeline;

import static io.keyuan.pipeline.TestPipelines.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "pipe-manager",
        roles = {"STAFF", "MANAGER"})
class PipelineServiceTests {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    PipelineReportService reports;

    @Autowired
    CustomerService customers;

    @Test
    void the_two_templates_ship_with_their_stages_in_order() {
        PipelineDetail funnel = pipelines.get(TestPipelines.FUNNEL_TEMPLATE);
        PipelineDetail decision = pipelines.get(TestPipelines.DECISION_TEMPLATE);

        assertThat(funnel.pipeline().template()).isTrue();
        assertThat(funnel.stages())
                .extracting(StageRow::name)
                .containsExactly("所有目标对象", "接触和信息处理", "初选", "精选", "重点潜在客户", "客户活动计划", "成交", "流失");
        assertThat(decision.stages())
                .extracting(StageRow::name)
                .containsExactly("意识", "认知", "考虑", "决策", "购买", "后续评价", "流失");
        assertThat(decision.stages()).allSatisfy(s -> assertThat(s.nameKey()).startsWith("pipeline.stage."));
        assertThat(decision.pipeline().allowSkip()).isFalse();
        assertThat(decision.pipeline().allowBackward()).isFalse();
        assertThat(pipelines.templates())
                .extracting(PipelineSummary::id)
                .contains(TestPipelines.FUNNEL_TEMPLATE, TestPipelines.DECISION_TEMPLATE);
        assertThat(pipelines.pipelines()).noneMatch(PipelineSummary::template);
    }

    @Test
    void a_manager_copies_a_template_into_a_working_pipeline() {
        String name = "我的漏斗" + TestData.unique();

        PipelineDetail copy = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, name);

        assertThat(copy.pipeline().template()).isFalse();
        assertThat(copy.pipeline().name()).isEqualTo(name);
        assertThat(copy.pipeline().nameKey()).isNull();
        assertThat(copy.stages()).hasSize(8);
        assertThat(copy.stages().getFirst().nameKey()).isEqualTo("pipeline.stage.targets");
        assertThat(copy.stages())
                .extracting(StageRow::pipelineId)
                .containsOnly(copy.pipeline().id());
        assertThat(pipelines.pipelines())
                .extracting(PipelineSummary::id)
                .contains(copy.pipeline().id());
        assertThatThrownBy(() -> pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, name))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("pipeline.error.name-taken"));
    }

    @Test
    void templates_are_not_edited_in_place() {
        StageRow first = stage(pipelines.get(TestPipelines.FUNNEL_TEMPLATE), 1);

        assertThatThrownBy(() -> pipelines.saveStage(
                        TestPipelines.FUNNEL_TEMPLATE,
                        new StageDraft(first.id(), first.version(), "改名", 5, StageKind.OPEN, null)))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pipeline.error.template-read-only"));
    }

    @Test
    void a_manager_edits_stages_and_a_renamed_stage_stops_translating() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "编辑" + TestData.unique());
        StageRow first = stage(p, 1);

        StageRow edited = pipelines.saveStage(
                p.pipeline().id(), new StageDraft(first.id(), first.version(), "线索池", 15, StageKind.OPEN, 20));
        StageRow added = pipelines.saveStage(p.pipeline().id(), new StageDraft(null, 0, "合同谈判", 90, StageKind.OPEN, 5));

        assertThat(edited.name()).isEqualTo("线索池");
        assertThat(edited.nameKey()).isNull();
        assertThat(edited.probability()).isEqualTo(15);
        assertThat(edited.staleAfterDays()).isEqualTo(20);
        List<StageRow> stages = pipelines.get(p.pipeline().id()).stages();
        // A new open stage goes after the last open stage, before won and lost.
        assertThat(stages).extracting(StageRow::name).containsSubsequence("客户活动计划", "合同谈判", "成交", "流失");
        assertThat(stages).extracting(StageRow::position).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(added.position()).isEqualTo(7);
        assertThatThrownBy(() -> pipelines.saveStage(
                        p.pipeline().id(), new StageDraft(first.id(), first.version(), "旧版本", 15, StageKind.OPEN, 20)))
                .isInstanceOf(StaleEditException.class);
        assertThatThrownBy(() -> pipelines.saveStage(
                        p.pipeline().id(), new StageDraft(null, 0, "概率", 101, StageKind.OPEN, null)))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("probability"));
    }

    @Test
    void a_manager_reorders_stages() {
        PipelineDetail p = pipelines.copy(TestPipelines.DECISION_TEMPLATE, "排序" + TestData.unique());

        pipelines.moveStage(stage(p, 2).id(), -1);

        assertThat(pipelines.get(p.pipeline().id()).stages())
                .extracting(StageRow::name)
                .startsWith("认知", "意识", "考虑");
    }

    @Test
    void a_manager_sets_the_skip_and_backward_rules() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "规则" + TestData.unique());
        PipelineSummary s = p.pipeline();

        PipelineSummary saved = pipelines.save(new PipelineDraft(s.id(), s.version(), s.name(), false, false));

        assertThat(saved.allowSkip()).isFalse();
        assertThat(saved.allowBackward()).isFalse();
        assertThatThrownBy(() -> pipelines.save(new PipelineDraft(s.id(), s.version(), s.name(), true, true)))
                .isInstanceOf(StaleEditException.class);
    }

    @Test
    void deleting_a_stage_that_holds_deals_asks_where_they_go_then_moves_them_there_with_history() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "删除" + TestData.unique());
        Customer c = TestPipelines.customer(customers, "删阶段" + TestData.unique());
        Deal a = TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "甲", "10");
        Deal b = TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "乙", "20");
        StageRow doomed = stage(p, 1);
        StageRow target = stage(p, 3);

        assertThatThrownBy(() -> pipelines.deleteStage(doomed.id(), doomed.version(), null))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("pipeline.error.stage-has-deals");
                    assertThat(e.args()).containsExactly(2);
                });
        assertThat(pipelines.get(p.pipeline().id()).stages()).hasSize(8);

        pipelines.deleteStage(doomed.id(), doomed.version(), target.id());

        List<StageRow> rest = pipelines.get(p.pipeline().id()).stages();
        assertThat(rest).hasSize(7).extracting(StageRow::id).doesNotContain(doomed.id());
        assertThat(rest).extracting(StageRow::position).containsExactly(1, 2, 3, 4, 5, 6, 7);
        for (Deal d : List.of(a, b)) {
            assertThat(deals.card(d.getId()).stageId()).isEqualTo(target.id());
            StageChange last = deals.history(d.getId()).getLast();
            assertThat(last.fromStageId()).isEqualTo(doomed.id());
            assertThat(last.toStageId()).isEqualTo(target.id());
            assertThat(last.changedBy()).isEqualTo("pipe-manager");
        }
    }

    @Test
    void an_empty_stage_is_deleted_without_a_target() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "空阶段" + TestData.unique());
        StageRow empty = stage(p, 4);

        pipelines.deleteStage(empty.id(), empty.version(), null);

        assertThat(pipelines.get(p.pipeline().id()).stages())
                .extracting(StageRow::id)
                .doesNotContain(empty.id());
    }

    @Test
    void staff_cannot_edit_pipelines_or_read_reports() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "员工" + TestData.unique());
        StageRow first = stage(p, 1);
        LocalDate today = LocalDate.now();

        TestData.as(
                "a-staff",
                () -> {
                    assertThat(pipelines.get(p.pipeline().id()).stages()).hasSize(8);
                    assertThat(deals.board(p.pipeline().id(), DealFilter.none(), 5)
                                    .columns())
                            .hasSize(8);
                    assertThatThrownBy(() -> pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "x" + TestData.unique()))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> pipelines.save(new PipelineDraft(
                                    p.pipeline().id(), p.pipeline().version(), "改", false, false)))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> pipelines.saveStage(
                                    p.pipeline().id(),
                                    new StageDraft(first.id(), first.version(), "改", 5, StageKind.OPEN, null)))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> pipelines.moveStage(first.id(), 1))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> pipelines.deleteStage(first.id(), first.version(), null))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> pipelines.delete(
                                    p.pipeline().id(), p.pipeline().version()))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> reports.report(p.pipeline().id(), today, today))
                            .isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
        assertThat(stage(pipelines.get(p.pipeline().id()), 1).name()).isEqualTo(first.name());
    }
}
