package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.pricing.domain.Product;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@KeyuanIntegrationTest
@RecordApplicationEvents
@WithMockUser(
        username = "cat-manager",
        roles = {"STAFF", "MANAGER"})
class CatalogueServiceTests {
    @Autowired
    CatalogueService catalogue;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    private static Product product(String code, long categoryId, String listPrice, String cost) {
        Product p = new Product();
        p.setCode(code);
        p.setName("产品 " + code);
        p.setCategoryId(categoryId);
        p.setUnit("件");
        p.setListPrice(listPrice == null ? null : new BigDecimal(listPrice));
        p.setCost(cost == null ? null : new BigDecimal(cost));
        return p;
    }

    private CategoryRow category(String name, Long parent) {
        return catalogue.createCategory("C" + TestData.unique(), name, parent);
    }

    @Test
    void manager_builds_a_category_tree_and_staff_filter_products_by_text_category_and_status() {
        String u = TestData.unique();
        CategoryRow drinks = category("饮料" + u, null);
        CategoryRow tea = category("茶" + u, drinks.id());
        CategoryRow snacks = category("零食" + u, null);
        Product green = catalogue.save(product("GT" + u, tea.id(), "12.50", "8"));
        Product cola = catalogue.save(product("CO" + u, drinks.id(), "3", "1.2"));
        Product chips = catalogue.save(product("CH" + u, snacks.id(), "5", "2"));
        catalogue.archive(cola.getId());

        assertThat(tea.depth()).isEqualTo(1);
        assertThat(tea.path()).isEqualTo("饮料" + u + " › 茶" + u);
        List<CategoryRow> tree = TestData.as("cat-staff", () -> catalogue.categories(), "STAFF");
        assertThat(tree).extracting(CategoryRow::id).containsSubsequence(drinks.id(), tea.id());
        assertThat(tree.stream()
                        .filter(r -> r.id() == tea.id())
                        .findFirst()
                        .orElseThrow()
                        .products())
                .isEqualTo(1);
        assertThat(green.getListPrice()).isEqualByComparingTo("12.50");
        assertThat(green.getListPrice().scale()).isEqualTo(2);
        assertThat(green.getCost().scale()).isEqualTo(2);

        // a category includes its sub-categories
        assertThat(TestData.as("cat-staff", () -> page(new ProductFilter(null, drinks.id(), null)), "STAFF"))
                .containsExactlyInAnyOrder(green.getCode(), cola.getCode());
        assertThat(page(new ProductFilter(null, drinks.id(), true))).containsExactly(green.getCode());
        assertThat(page(new ProductFilter(null, drinks.id(), false))).containsExactly(cola.getCode());
        // the text is looked for in the code and in the name, case-insensitively
        assertThat(page(new ProductFilter(("ch" + u).toLowerCase(), null, null)))
                .containsExactly(chips.getCode());
        assertThat(page(new ProductFilter("产品 GT" + u, null, null))).containsExactly(green.getCode());
        assertThat(catalogue.count(new ProductFilter(u, null, null))).isEqualTo(3);
    }

    private List<String> page(ProductFilter filter) {
        return catalogue.page(filter, PageRequest.of(0, 50, Sort.by("code"))).stream()
                .map(Product::getCode)
                .toList();
    }

    @Test
    void bad_products_are_refused_with_the_reason_on_the_field() {
        CategoryRow c = category("校验" + TestData.unique(), null);
        String code = "BAD" + TestData.unique();

        assertRefused(product(" ", c.id(), "1", "1"), "code", "validation.required");
        assertRefused(product(code, c.id(), "-1", "1"), "listPrice", "rule.amount-negative");
        assertRefused(product(code, c.id(), "1", "0.125"), "cost", "exchange.error.too-many-decimals");
        assertRefused(product(code, c.id(), null, "1"), "listPrice", "validation.required");
        Product noUnit = product(code, c.id(), "1", "1");
        noUnit.setUnit("");
        assertRefused(noUnit, "unit", "validation.required");
        Product noName = product(code, c.id(), "1", "1");
        noName.setName(null);
        assertRefused(noName, "name", "validation.required");
        Product noCategory = product(code, c.id(), "1", "1");
        noCategory.setCategoryId(null);
        assertRefused(noCategory, "categoryId", "validation.required");
        assertRefused(product("X".repeat(Product.CODE_LENGTH + 1), c.id(), "1", "1"), "code", "error.too-long");

        catalogue.save(product(code, c.id(), "1", "1"));
        assertRefused(product(code.toLowerCase(), c.id(), "2", "1"), "code", "pricing.catalogue.error.code-taken");
    }

    private void assertRefused(Product p, String field, String key) {
        assertThatThrownBy(() -> catalogue.save(p)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.messageKey()).isEqualTo(key);
        });
    }

    @Test
    void a_stale_product_edit_is_refused() {
        CategoryRow c = category("并发" + TestData.unique(), null);
        Product saved = catalogue.save(product("ST" + TestData.unique(), c.id(), "10", "5"));
        Product mine = catalogue.get(saved.getId());
        Product theirs = catalogue.get(saved.getId());
        theirs.setName("他们的");
        catalogue.save(theirs);

        mine.setName("我的");
        assertThatThrownBy(() -> catalogue.save(mine)).isInstanceOf(StaleEditException.class);
        assertThat(catalogue.get(saved.getId()).getName()).isEqualTo("他们的");
        assertThatThrownBy(() -> catalogue.delete(saved.getId(), saved.getVersion()))
                .isInstanceOf(StaleEditException.class);
    }

    @Test
    void a_category_with_products_or_children_is_not_deleted_and_never_moves_under_itself() {
        String u = TestData.unique();
        CategoryRow top = category("顶" + u, null);
        CategoryRow child = category("子" + u, top.id());
        CategoryRow leaf = category("叶" + u, child.id());
        Product p = catalogue.save(product("IN" + u, leaf.id(), "1", "1"));

        assertThatThrownBy(() -> catalogue.deleteCategory(top.id(), top.version()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pricing.catalogue.error.category-has-children"));
        assertThatThrownBy(() -> catalogue.deleteCategory(leaf.id(), leaf.version()))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("pricing.catalogue.error.category-has-products");
                    assertThat(e.args()).containsExactly("叶" + u, 1L);
                });
        assertThatThrownBy(() -> catalogue.moveCategory(top.id(), top.version(), leaf.id()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("parentId"));

        CategoryRow moved = catalogue.moveCategory(leaf.id(), leaf.version(), null);
        assertThat(moved.depth()).isZero();
        CategoryRow renamed = catalogue.renameCategory(moved.id(), moved.version(), "新叶" + u);
        assertThat(renamed.name()).isEqualTo("新叶" + u);
        catalogue.deleteCategory(child.id(), child.version());
        catalogue.delete(p.getId(), catalogue.get(p.getId()).getVersion());
        catalogue.deleteCategory(renamed.id(), renamed.version());
        assertThat(catalogue.categories()).extracting(CategoryRow::id).doesNotContain(child.id(), leaf.id());
    }

    @Test
    void a_product_on_saved_quotes_is_not_deleted_says_how_often_and_can_be_archived() {
        String u = TestData.unique();
        CategoryRow c = category("报价" + u, null);
        Product p = catalogue.save(product("QU" + u, c.id(), "100", "60"));
        Customer customer = TestCustomers.create(customers, "QC" + u, "报价客户");
        jdbc.update(
                "INSERT INTO quote (number, customer_id, quote_date, valid_until, status, list_total, total,"
                        + " cost_total, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, CURRENT_DATE, CURRENT_DATE, 'SENT', 200, 200, 120, NOW(6), 't', NOW(6), 't')",
                "Q" + u,
                customer.getId());
        Long quote = jdbc.queryForObject("SELECT id FROM quote WHERE number = ?", Long.class, "Q" + u);
        for (int line = 1; line <= 2; line++) {
            jdbc.update(
                    "INSERT INTO quote_line (quote_id, line_no, product_id, quantity, list_price, unit_price,"
                            + " line_total, cost) VALUES (?, ?, ?, 1, 100, 100, 100, 60)",
                    quote,
                    line,
                    p.getId());
        }

        assertThatThrownBy(() -> catalogue.delete(p.getId(), p.getVersion()))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("pricing.catalogue.error.product-in-quotes");
                    assertThat(e.args()).containsExactly(p.getCode(), 2L);
                });
        Product archived = catalogue.archive(p.getId());
        assertThat(archived.isActive()).isFalse();
        assertThat(catalogue.get(p.getId()).isActive()).isFalse();
    }

    @Test
    void every_change_announces_that_the_price_book_changed() {
        CategoryRow c = category("事件" + TestData.unique(), null);
        Product p = catalogue.save(product("EV" + TestData.unique(), c.id(), "1", "1"));
        catalogue.archive(p.getId());
        catalogue.delete(p.getId(), catalogue.get(p.getId()).getVersion());
        catalogue.deleteCategory(
                c.id(),
                catalogue.categories().stream()
                        .filter(r -> r.id() == c.id())
                        .findFirst()
                        .orElseThrow()
                        .version());

        assertThat(events.stream(PriceBookChanged.class).map(PriceBookChanged::what))
                .containsExactly("category", "product", "product", "product", "category");
    }

    @Test
    @WithMockUser(username = "cat-staff", roles = "STAFF")
    void staff_cannot_edit_products_or_categories() {
        CategoryRow c = io.keyuan.shared.SystemActor.call(() -> category("只读" + TestData.unique(), null));
        Product p = io.keyuan.shared.SystemActor.call(
                () -> catalogue.save(product("RO" + TestData.unique(), c.id(), "1", "1")));

        assertThat(catalogue.get(p.getId()).getCode()).isEqualTo(p.getCode());
        assertThatThrownBy(() -> catalogue.save(product("NO" + TestData.unique(), c.id(), "1", "1")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.archive(p.getId())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.delete(p.getId(), p.getVersion())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.createCategory("X" + TestData.unique(), "x", null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.renameCategory(c.id(), c.version(), "y"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.moveCategory(c.id(), c.version(), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.deleteCategory(c.id(), c.version()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
