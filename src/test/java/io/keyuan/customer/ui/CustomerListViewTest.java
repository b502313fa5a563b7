package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.CustomerRow;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsStaff
class CustomerListViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    io.keyuan.shared.jobs.JobService jobs;

    private GridTester<Grid<CustomerRow>, CustomerRow> grid() {
        @SuppressWarnings("unchecked")
        Grid<CustomerRow> g = $(Grid.class).id("customer-grid");
        return test(g);
    }

    /**
     * A filter field in the grid's header row. The browserless query does not descend into grid header cells, so
     * the field is taken from the grid's header API (as a user sees it above the column).
     */
    private <T extends Component> T filter(Class<T> type, String id) {
        Grid<?> g = $(Grid.class).id("customer-grid");
        return g.getHeaderRows().stream()
                .flatMap(r -> r.getCells().stream())
                .map(HeaderRow.HeaderCell::getComponent)
                .filter(Objects::nonNull)
                .flatMap(CustomerListViewTest::withDescendants)
                .filter(c -> type.isInstance(c) && id.equals(c.getId().orElse(null)))
                .map(type::cast)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + type.getSimpleName() + " #" + id + " in the grid header"));
    }

    private static Stream<Component> withDescendants(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(CustomerListViewTest::withDescendants));
    }

    private String total() {
        return $(Span.class).id("customer-total").getText();
    }

    @Test
    void export_runs_as_a_job_with_the_grids_filter_and_then_offers_the_file() throws Exception {
        String city = "导城" + unique();
        TestCustomers.inCity(customers, "EX" + unique(), "导出" + unique(), city, "1000");
        navigate(CustomerListView.class);
        test(filter(TextField.class, "filter-city")).setValue(city);

        test($(Button.class).id("customer-export")).click();

        Span statusText = $(Span.class).id("export-status");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        // the download shows (becomes visible) once the job's end is pushed to the page
        while ($(com.vaadin.flow.component.html.Anchor.class)
                        .withId("export-download")
                        .all()
                        .isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            runPendingUiTasks();
        }
        assertThat($(com.vaadin.flow.component.html.Anchor.class)
                        .id("export-download")
                        .isVisible())
                .isTrue();
        assertThat(statusText.getText()).isEqualTo(t("export.done", "1"));
        io.keyuan.shared.jobs.JobView job = jobs.mine(1).getFirst();
        assertThat(job.kind()).isEqualTo("customer-export");
        assertThat(job.summary()).containsEntry("rows", 1);
        assertThat(io.keyuan.shared.ui.JobTexts.subject(
                        $(CustomerListView.class).single(), job))
                .as("my jobs says which customers")
                .contains(city);
    }

    @Test
    void grid_shows_the_customers_just_created() {
        String city = "城" + unique();
        Customer a = TestCustomers.inCity(customers, "LA" + unique(), "甲" + unique(), city, "1000");
        Customer b = TestCustomers.inCity(customers, "LB" + unique(), "乙" + unique(), city, "2000");
        navigate(CustomerListView.class);

        test(filter(TextField.class, "filter-city")).setValue(city);

        assertThat(IntStream.range(0, grid().size())
                        .mapToObj(i -> grid().getRow(i).code()))
                .containsExactlyInAnyOrder(a.getCode(), b.getCode());
        assertThat(grid().getCellText(0, grid().getColumnPosition("NAME"))).isIn(a.getName(), b.getName());
    }

    @Test
    void quick_search_by_code_narrows_the_grid_to_that_customer() {
        Customer wanted = TestCustomers.create(customers, "QS" + unique(), "快搜" + unique());
        TestCustomers.create(customers, "QS" + unique(), "快搜" + unique());
        navigate(CustomerListView.class);
        assertThat(grid().size()).isGreaterThanOrEqualTo(2);

        test($(TextField.class).id("customer-quick-search")).setValue(wanted.getCode());

        assertThat(grid().size()).isEqualTo(1);
        assertThat(grid().getRow(0).id()).isEqualTo(wanted.getId());
        assertThat(grid().getCellText(0, grid().getColumnPosition("CODE"))).isEqualTo(wanted.getCode());
        assertThat(total()).isEqualTo(t("customer.list.total", "1"));
    }

    @Test
    void city_filter_and_income_range_filter_the_grid_and_the_total_counts_the_matches() {
        String city = "城" + unique();
        Customer poor = TestCustomers.inCity(customers, "IP" + unique(), "低" + unique(), city, "1000");
        Customer middle = TestCustomers.inCity(customers, "IM" + unique(), "中" + unique(), city, "5000");
        Customer rich = TestCustomers.inCity(customers, "IR" + unique(), "高" + unique(), city, "9000.50");
        TestCustomers.inCity(customers, "IO" + unique(), "他城" + unique(), "别" + unique(), "5000");
        navigate(CustomerListView.class);

        test(filter(TextField.class, "filter-city")).setValue(city);
        assertThat(grid().size()).isEqualTo(3);
        assertThat(total()).isEqualTo(t("customer.list.total", "3"));

        test(filter(BigDecimalField.class, "filter-income-min")).setValue(new BigDecimal("4000"));
        assertThat(codes()).containsExactlyInAnyOrder(middle.getCode(), rich.getCode());
        assertThat(total()).isEqualTo(t("customer.list.total", "2"));

        test(filter(BigDecimalField.class, "filter-income-max")).setValue(new BigDecimal("6000"));
        assertThat(codes()).containsExactly(middle.getCode());
        assertThat(total()).isEqualTo(t("customer.list.total", "1"));

        test(filter(BigDecimalField.class, "filter-income-min")).setValue(null);
        assertThat(codes()).containsExactlyInAnyOrder(poor.getCode(), middle.getCode());
    }

    @Test
    void a_filter_nothing_matches_shows_no_rows_and_a_zero_total() {
        navigate(CustomerListView.class);

        test(filter(TextField.class, "filter-city")).setValue("无此城" + unique());

        assertThat(grid().size()).isZero();
        assertThat(total()).isEqualTo(t("customer.list.total", "0"));
    }

    @Test
    void reset_filters_clears_every_filter() {
        String city = "城" + unique();
        TestCustomers.inCity(customers, "RF" + unique(), "重置" + unique(), city, "100");
        navigate(CustomerListView.class);
        test(filter(TextField.class, "filter-city")).setValue(city);
        test(filter(BigDecimalField.class, "filter-income-min")).setValue(new BigDecimal("999999"));
        assertThat(grid().size()).isZero();

        test($(Button.class).id("customer-reset-filters")).click();

        assertThat(filter(TextField.class, "filter-city").getValue()).isEmpty();
        assertThat(filter(BigDecimalField.class, "filter-income-min").getValue())
                .isNull();
        assertThat(grid().size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void clicking_a_row_opens_the_customer() {
        Customer c = TestCustomers.create(customers, "CR" + unique(), "点击" + unique());
        navigate(CustomerListView.class);
        test($(TextField.class).id("customer-quick-search")).setValue(c.getCode());

        grid().clickRow(0);

        assertThat(getCurrentView()).isInstanceOf(CustomerDetailView.class);
        assertThat($(Span.class).id("detail-code").getText()).isEqualTo(c.getCode());
    }

    @Test
    void new_customer_button_opens_an_empty_form() {
        navigate(CustomerListView.class);

        test($(Button.class).id("customer-new")).click();

        assertThat(getCurrentView()).isInstanceOf(CustomerFormView.class);
        assertThat($(TextField.class).id("customer-name").getValue()).isEmpty();
        assertThat($(TextField.class).id("customer-code").getValue()).isEmpty();
    }

    private java.util.List<String> codes() {
        return IntStream.range(0, grid().size())
                .mapToObj(i -> grid().getRow(i).code())
                .toList();
    }
}
