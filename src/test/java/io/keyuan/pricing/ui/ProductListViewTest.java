package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.pricing.CatalogueService;
import io.keyuan.pricing.CategoryRow;
import io.keyuan.pricing.ProductFilter;
import io.keyuan.pricing.domain.Product;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ProductListViewTest extends KeyuanViewTest {
    @Autowired
    CatalogueService catalogue;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    private ProductListView view() {
        return $(ProductListView.class).single();
    }

    private GridTester<Grid<Product>, Product> grid() {
        return test(view().grid);
    }

    private CategoryRow category(String name, Long parent) {
        return SystemActor.call(() -> catalogue.createCategory("VC" + unique(), name, parent));
    }

    private Product product(String code, CategoryRow c, String listPrice, String cost) {
        Product p = new Product();
        p.setCode(code);
        p.setName("视图产品 " + code);
        p.setCategoryId(c.id());
        p.setUnit("箱");
        p.setListPrice(new BigDecimal(listPrice));
        p.setCost(new BigDecimal(cost));
        return SystemActor.call(() -> catalogue.save(p));
    }

    private ProductDialog openProduct(String code) {
        test(view().text).setValue(code);
        assertThat(grid().size()).isEqualTo(1);
        grid().clickRow(0);
        return $(ProductDialog.class).single();
    }

    @Test
    @AsManager
    void manager_creates_a_product_and_sees_its_margin_in_the_grid() {
        String u = unique();
        CategoryRow c = category("视图" + u, null);
        navigate(ProductListView.class);

        test($(Button.class).id("product-new")).click();
        ProductDialog dialog = $(ProductDialog.class).single();
        test(dialog.code).setValue("NP" + u);
        test(dialog.name).setValue("新品" + u);
        dialog.category.setValue(dialog.category
                .getListDataView()
                .getItems()
                .filter(r -> r.id() == c.id())
                .findFirst()
                .orElseThrow());
        test(dialog.unit).setValue("瓶");
        dialog.listPrice.setValue(new BigDecimal("80"));
        dialog.cost.setValue(new BigDecimal("60"));
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        test(view().text).setValue("NP" + u);
        assertThat(grid().size()).isEqualTo(1);
        assertThat(grid().getCellText(0, 2)).isEqualTo(c.path());
        assertThat(grid().getCellText(0, 6)).isEqualTo("25.00 %");
        assertThat(grid().getCellText(0, 7)).isEqualTo(t("pricing.catalogue.active"));
    }

    @Test
    @AsManager
    void bad_input_shows_on_the_fields() {
        String u = unique();
        CategoryRow c = category("校验" + u, null);
        Product existing = product("DUP" + u, c, "1", "1");
        navigate(ProductListView.class);

        test($(Button.class).id("product-new")).click();
        ProductDialog dialog = $(ProductDialog.class).single();
        dialog.listPrice.setValue(new BigDecimal("-1"));
        dialog.cost.setValue(new BigDecimal("1.234"));
        test(dialog.save).click();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.code.isInvalid()).isTrue();
        assertThat(dialog.listPrice.isInvalid()).isTrue();
        assertThat(dialog.listPrice.getErrorMessage()).isEqualTo(t("validation.not-negative"));
        assertThat(dialog.cost.getErrorMessage()).isEqualTo(t("pricing.catalogue.error.two-decimals"));

        test(dialog.code).setValue(existing.getCode());
        test(dialog.name).setValue("重复");
        dialog.category.setValue(dialog.category
                .getListDataView()
                .getItems()
                .filter(r -> r.id() == c.id())
                .findFirst()
                .orElseThrow());
        test(dialog.unit).setValue("个");
        dialog.listPrice.setValue(new BigDecimal("2"));
        dialog.cost.setValue(new BigDecimal("1"));
        test(dialog.save).click();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.code.getErrorMessage())
                .isEqualTo(t("pricing.catalogue.error.code-taken", existing.getCode()));
    }

    @Test
    @AsManager
    void deleting_a_quoted_product_is_refused_with_the_count_and_archiving_is_offered() {
        String u = unique();
        CategoryRow c = category("删除" + u, null);
        Product p = product("DQ" + u, c, "10", "5");
        Customer customer = TestCustomers.create(customers, "DQC" + u, "报价客户");
        jdbc.update(
                "INSERT INTO quote (number, customer_id, quote_date, valid_until, status, list_total, total,"
                        + " cost_total, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, CURRENT_DATE, CURRENT_DATE, 'DRAFT', 10, 10, 5, NOW(6), 't', NOW(6), 't')",
                "VQ" + u,
                customer.getId());
        jdbc.update(
                "INSERT INTO quote_line (quote_id, line_no, product_id, quantity, list_price, unit_price, line_total,"
                        + " cost) SELECT id, 1, ?, 1, 10, 10, 10, 5 FROM quote WHERE number = ?",
                p.getId(),
                "VQ" + u);
        navigate(ProductListView.class);

        ProductDialog dialog = openProduct(p.getCode());
        test(dialog.delete).click();
        test($(ConfirmDialog.class).id("product-delete-confirm")).confirm();
        ConfirmDialog offer = $(ConfirmDialog.class).id("product-archive-offer");
        assertThat(offer.isOpened()).isTrue();
        assertThat(offer.getElement().getProperty("message"))
                .contains(t("pricing.catalogue.error.product-in-quotes", p.getCode(), 1L));
        test(offer).confirm();

        assertThat(SystemActor.call(() -> catalogue.get(p.getId())).isActive()).isFalse();
        view().active.setValue(false);
        test(view().text).setValue(p.getCode());
        assertThat(grid().size()).isEqualTo(1);
        assertThat(grid().getCellText(0, 7)).isEqualTo(t("pricing.catalogue.archived"));
    }

    @Test
    @AsManager
    void the_category_filter_takes_in_sub_categories_and_categories_are_managed_in_a_dialog() {
        String u = unique();
        navigate(ProductListView.class);
        test(view().categories).click();
        CategoryDialog categories = $(CategoryDialog.class).single();
        test(categories.code).setValue("TOP" + u);
        test(categories.name).setValue("顶层" + u);
        test(categories.add).click();
        CategoryRow top = SystemActor.call(() -> catalogue.categories()).stream()
                .filter(r -> r.code().equals("TOP" + u))
                .findFirst()
                .orElseThrow();
        CategoryRow sub = category("下层" + u, top.id());
        product("FA" + u, sub, "1", "1");
        categories.close();

        test(view().categories).click();
        CategoryDialog again = $(CategoryDialog.class).single();
        assertThat(again.grid.getListDataView().getItems())
                .extracting(CategoryRow::id)
                .contains(top.id(), sub.id());
        again.close();
        view().reloadCategories();
        view().category
                .setValue(view().category
                        .getListDataView()
                        .getItems()
                        .filter(r -> r.id() == top.id())
                        .findFirst()
                        .orElseThrow());
        assertThat(view().filter()).isEqualTo(new ProductFilter("", top.id(), null));
        assertThat(grid().size()).isEqualTo(1);
        assertThat(grid().getRow(0).getCode()).isEqualTo("FA" + u);
    }

    @Test
    @AsStaff
    void staff_see_products_read_only() {
        String u = unique();
        CategoryRow c = category("只读" + u, null);
        Product p = product("RO" + u, c, "3", "2");
        navigate(ProductListView.class);

        assertThat(view().create.isVisible()).isFalse();
        ProductDialog dialog = openProduct(p.getCode());
        assertThat(dialog.code.isReadOnly()).isTrue();
        assertThat(dialog.listPrice.isReadOnly()).isTrue();
        assertThat($(Button.class).all())
                .extracting(Button::getId)
                .doesNotContain(java.util.Optional.of("product-save"), java.util.Optional.of("product-delete"));
        test(view().categories).click();
        CategoryDialog categories = $(CategoryDialog.class).single();
        assertThat(categories.add.isAttached()).isFalse();
    }

    @Autowired
    io.keyuan.shared.jobs.JobService jobs;

    @Test
    @AsStaff
    void staff_export_the_price_matrix_for_a_date_and_region_as_a_job() {
        navigate(ProductListView.class);
        test(view().matrix).click();
        PriceMatrixDialog dialog = $(PriceMatrixDialog.class).single();
        assertThat(dialog.city.isEnabled()).isFalse();
        dialog.date.setValue(java.time.LocalDate.of(2026, 11, 30));
        dialog.province.setValue("浙江");
        assertThat(dialog.city.isEnabled()).isTrue();
        dialog.city.setValue("杭州");
        test(dialog.export).click();

        io.keyuan.shared.ui.ExportDialog export =
                $(io.keyuan.shared.ui.ExportDialog.class).single();
        io.keyuan.shared.jobs.JobView done =
                SystemActor.call(() -> jobs.await(export.job(), java.time.Duration.ofMinutes(1)));
        assertThat(done.kind()).isEqualTo(io.keyuan.pricing.PricingExportJobs.MATRIX);
        assertThat(done.status()).isEqualTo(io.keyuan.shared.jobs.JobStatus.SUCCEEDED);
        assertThat(done.resultName()).isEqualTo("price-matrix-2026-11-30.xlsx");
    }

    @Test
    @AsStaff
    void a_matrix_without_a_date_is_refused_on_the_field_and_nothing_starts() {
        navigate(ProductListView.class);
        test(view().matrix).click();
        PriceMatrixDialog dialog = $(PriceMatrixDialog.class).single();
        dialog.date.clear();
        test(dialog.export).click();
        assertThat(dialog.date.isInvalid()).isTrue();
        assertThat(dialog.isOpened()).isTrue();
        assertThat($(io.keyuan.shared.ui.ExportDialog.class).all()).isEmpty();
    }
}
