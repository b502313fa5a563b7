package io.keyuan.pipeline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsStaff
class DealListViewTest extends KeyuanViewTest {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    @Test
    void staff_lists_a_pipelines_deals_searches_by_title_and_opens_one() {
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "列表" + unique());
        Customer c = TestPipelines.customer(customers, "列表客户" + unique());
        String tag = unique();
        TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "续约" + tag, "100.00");
        TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "新购" + tag, "200.00");
        navigate(DealListView.class);
        DealListView view = $(DealListView.class).single();

        PipelineSummary summary = p.pipeline();
        view.pipeline.setValue(view.pipeline
                .getListDataView()
                .getItems()
                .filter(s -> s.id() == summary.id())
                .findFirst()
                .orElseThrow());
        GridTester<Grid<DealCard>, DealCard> grid = test(view.grid);
        assertThat(grid.size()).isEqualTo(2);

        test(view.title).setValue("续约");
        assertThat(grid.size()).isEqualTo(1);
        assertThat(grid.getRow(0).title()).isEqualTo("续约" + tag);
        assertThat(grid.getCellText(0, 2)).isEqualTo(t("pipeline.stage.targets"));

        grid.clickRow(0);
        DealDialog dialog = $(DealDialog.class).single();
        assertThat(dialog.title.getValue()).isEqualTo("续约" + tag);
        assertThat(textOf(dialog)).contains(t("deal.stage.current", t("pipeline.stage.targets")));
    }

    @Test
    void clicking_a_header_sorts_the_list_by_that_column() {
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "排序" + unique());
        Customer c = TestPipelines.customer(customers, "排序客户" + unique());
        TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "小单", "100.00");
        TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "大单", "900.00");
        TestPipelines.deal(deals, p.pipeline().id(), c.getId(), "中单", "500.00");
        navigate(DealListView.class);
        DealListView view = $(DealListView.class).single();
        view.pipeline.setValue(view.pipeline
                .getListDataView()
                .getItems()
                .filter(s -> s.id() == p.pipeline().id())
                .findFirst()
                .orElseThrow());
        GridTester<Grid<DealCard>, DealCard> grid = test(view.grid);

        // every column but owner and channel (names kept by other modules) sorts
        assertThat(view.grid.getColumns().stream().filter(Grid.Column::isSortable))
                .hasSize(view.grid.getColumns().size() - 2);
        Grid.Column<DealCard> value = view.grid.getColumns().get(3);
        view.grid.sort(java.util.List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(
                value, com.vaadin.flow.data.provider.SortDirection.DESCENDING)));
        assertThat(java.util.List.of(
                        grid.getRow(0).title(),
                        grid.getRow(1).title(),
                        grid.getRow(2).title()))
                .containsExactly("大单", "中单", "小单");
    }
}
