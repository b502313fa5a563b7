package io.keyuan.pipeline.ui;

import static io.keyuan.pipeline.TestPipelines.stage;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PipelineSettingsViewTest extends KeyuanViewTest {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    private PipelineSettingsView openSettings(PipelineDetail p) {
        navigate(PipelineSettingsView.class);
        PipelineSettingsView view = $(PipelineSettingsView.class).single();
        view.reloadPipelines(p == null ? null : p.pipeline().id());
        return view;
    }

    private PipelineDetail reread(PipelineDetail p) {
        return SystemActor.call(() -> pipelines.get(p.pipeline().id()));
    }

    @Test
    @AsManager
    void manager_copies_a_template_into_a_new_pipeline() {
        PipelineSettingsView view = openSettings(null);
        String name = "复制" + unique();

        test($(Button.class).id("pipeline-copy")).click();
        PipelineSettingsView.CopyDialog dialog =
                $(PipelineSettingsView.CopyDialog.class).single();
        test(dialog.copyName).setValue(name);
        test($(Button.class).id("pipeline-copy-confirm")).click();

        PipelineSummary created = SystemActor.call(() -> pipelines.pipelines()).stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(view.pipeline.getValue().id()).isEqualTo(created.id());
        assertThat(test(view.stages).size()).isEqualTo(8);
    }

    @Test
    @AsManager
    void manager_adds_a_stage_and_sets_the_pipeline_rules() {
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "设置" + unique());
        PipelineSettingsView view = openSettings(p);

        test($(Button.class).id("stage-add")).click();
        PipelineSettingsView.StageDialog dialog =
                $(PipelineSettingsView.StageDialog.class).single();
        test(dialog.stageName).setValue("合同谈判");
        test(dialog.probability).setValue(90);
        test(dialog.staleDays).setValue(5);
        test($(Button.class).id("stage-save")).click();
        test(view.allowSkip).click();
        test($(Button.class).id("pipeline-save")).click();

        PipelineDetail after = reread(p);
        StageRow added = after.stages().stream()
                .filter(s -> s.name().equals("合同谈判"))
                .findFirst()
                .orElseThrow();
        assertThat(added.probability()).isEqualTo(90);
        assertThat(added.kind()).isEqualTo(StageKind.OPEN);
        assertThat(added.staleAfterDays()).isEqualTo(5);
        assertThat(after.pipeline().allowSkip()).isFalse();
        assertThat(after.pipeline().nameKey()).isNull();
        assertThat(test(view.stages).size()).isEqualTo(9);
    }

    @Test
    @AsManager
    void deleting_a_stage_with_deals_asks_where_they_go() {
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "删阶段" + unique());
        Customer c = TestPipelines.customer(customers, "设置客户" + unique());
        Deal d = TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "待移", "10");
        StageRow doomed = stage(p, 1);
        PipelineSettingsView view = openSettings(p);

        view.confirmDelete(doomed);
        PipelineSettingsView.MoveDealsDialog dialog =
                $(PipelineSettingsView.MoveDealsDialog.class).single();
        assertThat(textOf(dialog)).contains(t("pipeline.stage.delete.has-deals", t("pipeline.stage.targets"), 1));
        test($(Button.class).id("stage-delete-move")).click();
        assertThat(dialog.target.isInvalid()).isTrue();
        assertThat(reread(p).stages()).hasSize(8);

        dialog.target.setValue(stage(p, 2));
        test($(Button.class).id("stage-delete-move")).click();

        assertThat(reread(p).stages()).extracting(StageRow::id).doesNotContain(doomed.id());
        assertThat(SystemActor.call(() -> deals.card(d.getId())).stageId())
                .isEqualTo(stage(p, 2).id());
        assertThat(test(view.stages).size()).isEqualTo(7);
    }

    @Test
    @AsManager
    void manager_deletes_an_empty_pipeline_but_not_one_holding_deals() {
        PipelineDetail empty = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "空流程" + unique());
        PipelineDetail full = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "有商机" + unique());
        Customer c = TestPipelines.customer(customers, "流程客户" + unique());
        TestPipelines.deal(deals, full.pipeline().id(), c.getId(), "留下", "10");
        PipelineSettingsView view = openSettings(full);

        view.confirmDeletePipeline();
        $(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).single();
        test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).single())
                .confirm();

        assertThat(notificationTexts()).contains(t("pipeline.error.pipeline-has-deals", 1));
        assertThat(SystemActor.call(() -> pipelines.pipelines()))
                .extracting(PipelineSummary::id)
                .contains(full.pipeline().id());

        view.reloadPipelines(empty.pipeline().id());
        view.confirmDeletePipeline();
        test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).last())
                .confirm();

        assertThat(SystemActor.call(() -> pipelines.pipelines()))
                .extracting(PipelineSummary::id)
                .doesNotContain(empty.pipeline().id());
    }

    @Test
    @AsStaff
    void staff_cannot_open_pipeline_settings() {
        assertThat(open("settings/pipelines")).isInstanceOf(AccessDeniedView.class);
    }
}
