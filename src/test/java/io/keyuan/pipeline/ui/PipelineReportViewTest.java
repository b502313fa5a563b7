package io.keyuan.pipeline.ui;

import static io.keyuan.pipeline.TestPipelines.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineReport.StageConversion;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PipelineReportViewTest extends KeyuanViewTest {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    @Test
    @AsManager
    void manager_reads_the_funnel_of_a_pipeline() {
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "报表看板" + unique());
        Customer c = TestPipelines.customer(customers, "报表客户" + unique());
        Deal a = TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "A", "100");
        TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "B", "100");
        SystemActor.call(() -> deals.win(a.getId(), a.getVersion(), stage(p, 7).id(), null));
        navigate(PipelineReportView.class);
        PipelineReportView view = $(PipelineReportView.class).single();

        view.pipeline.setValue(view.pipeline
                .getListDataView()
                .getItems()
                .filter(s -> s.id() == p.pipeline().id())
                .findFirst()
                .orElseThrow());

        assertThat(test(view.conversions).size()).isEqualTo(8);
        StageConversion first = test(view.conversions).getRow(0);
        assertThat(first.reached()).isEqualTo(2);
        assertThat(first.won()).isEqualTo(1);
        assertThat(test(view.conversions).getCellText(0, 0)).isEqualTo(t("pipeline.stage.targets"));
        assertThat(test(view.conversions).getCellText(0, 4)).isEqualTo("50%");
        assertThat(textOf(view.figures)).contains(t("pipeline.report.win-rate"), "100%");
        assertThat(test(view.durations).size()).isEqualTo(6);
        assertThat(test(view.byOwner).size()).isEqualTo(1);
    }

    @Test
    @AsStaff
    void staff_cannot_open_the_reports() {
        assertThat(open("pipelines/reports")).isInstanceOf(AccessDeniedView.class);
    }
}
