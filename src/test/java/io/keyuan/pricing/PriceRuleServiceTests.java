package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
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
        username = "rule-manager",
        roles = {"STAFF", "MANAGER"})
class PriceRuleServiceTests {
    @Autowired
    PriceRuleService rules;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    private PriceRule rule(Consumer<PriceRule> change) {
        PriceRule r = new PriceRule();
        r.setCode("R-" + TestData.unique());
        r.setName("规则 " + TestData.unique());
        r.setScope(RuleScope.ALL);
        r.setKind(RuleKind.PERCENT_OFF);
        r.setValue(new BigDecimal("10"));
        change.accept(r);
        return r;
    }

    private void refusedOn(String field, String key, Consumer<PriceRule> change) {
        PriceRule r = rule(change);
        long before = rules.count(RuleFilter.text(r.getCode()));
        assertThatThrownBy(() -> rules.save(r)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.messageKey()).isEqualTo(key);
        });
        assertThat(rules.count(RuleFilter.text(r.getCode()))).isEqualTo(before);
    }

    @Test
    void manager_saves_a_product_rule_and_staff_reads_it_with_names() {
        long product = PricingRows.product(jdbc);
        long tier = PricingRows.tier(jdbc, "T-" + TestData.unique());
        PriceRule saved = rules.save(rule(r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(product);
            r.setTierId(tier);
            r.setKind(RuleKind.FIXED_PRICE);
            r.setValue(new BigDecimal("88.00"));
            r.setProvince(" 浙江 ");
            r.setCity("杭州");
            r.setMinQuantity(10);
            r.setPromotion(true);
            r.setValidFrom(LocalDate.of(2026, 11, 1));
            r.setValidTo(LocalDate.of(2026, 11, 30));
            r.setMinMarginPercent(new BigDecimal("12.5"));
        }));

        assertThat(saved.getId()).isNotNull();
        assertThat(saved.getProvince()).isEqualTo("浙江");
        assertThat(saved.getCreatedBy()).isEqualTo("rule-manager");
        assertThat(events.stream(PriceBookChanged.class)).isNotEmpty();
        List<RuleRow> page = TestData.as(
                "a-staff",
                () -> rules.page(
                        new RuleFilter(
                                saved.getCode().toLowerCase(),
                                tier,
                                false,
                                RuleScope.PRODUCT,
                                RuleKind.FIXED_PRICE,
                                true,
                                true,
                                LocalDate.of(2026, 11, 15)),
                        PageRequest.of(0, 10, Sort.by("code"))),
                "STAFF");
        assertThat(page).hasSize(1);
        assertThat(page.getFirst().product().code()).isEqualTo(PricingRows.code(product, jdbc, "product"));
        assertThat(page.getFirst().tier().id()).isEqualTo(tier);
        assertThat(page.getFirst().category()).isNull();
        assertThat(rules.count(new RuleFilter(
                        saved.getCode(), null, false, null, null, null, null, LocalDate.of(2026, 12, 1))))
                .isZero();
        assertThat(rules.count(new RuleFilter(saved.getCode(), null, true, null, null, null, null, null)))
                .as("not a rule for everyone")
                .isZero();
    }

    @Test
    void a_category_rule_for_everyone_is_found_by_the_everyone_filter() {
        long category = PricingRows.category(jdbc, "C-" + TestData.unique());
        PriceRule saved = rules.save(rule(r -> {
            r.setScope(RuleScope.CATEGORY);
            r.setCategoryId(category);
            r.setProductId(null);
        }));
        assertThat(rules.count(new RuleFilter(saved.getCode(), null, true, RuleScope.CATEGORY, null, null, null, null)))
                .isEqualTo(1);
        assertThat(rules.row(saved.getId()).category().id()).isEqualTo(category);
    }

    @Test
    void an_end_before_the_start_is_refused_on_valid_to() {
        refusedOn("validTo", "pricing.rule.error.dates", r -> {
            r.setValidFrom(LocalDate.of(2026, 5, 2));
            r.setValidTo(LocalDate.of(2026, 5, 1));
        });
    }

    @Test
    void a_negative_price_is_refused_on_value() {
        refusedOn("value", "pricing.rule.error.negative-price", r -> {
            r.setKind(RuleKind.FIXED_PRICE);
            r.setValue(new BigDecimal("-1.00"));
        });
    }

    @Test
    void a_negative_amount_off_is_refused_on_value() {
        refusedOn("value", "pricing.rule.error.negative", r -> {
            r.setKind(RuleKind.AMOUNT_OFF);
            r.setValue(new BigDecimal("-5"));
        });
    }

    @Test
    void a_discount_over_100_percent_is_refused_on_value() {
        refusedOn("value", "pricing.rule.error.percent-over-100", r -> r.setValue(new BigDecimal("100.01")));
    }

    @Test
    void a_markup_over_100_percent_is_allowed() {
        PriceRule saved = rules.save(rule(r -> {
            r.setKind(RuleKind.MARKUP_ON_COST);
            r.setValue(new BigDecimal("150"));
        }));
        assertThat(saved.getValue()).isEqualByComparingTo("150");
    }

    @Test
    void an_unknown_product_is_refused_on_product() {
        refusedOn("product", "pricing.rule.error.unknown-product", r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(Long.MAX_VALUE - 7);
        });
    }

    @Test
    void an_unknown_category_is_refused_on_category() {
        refusedOn("category", "pricing.rule.error.unknown-category", r -> {
            r.setScope(RuleScope.CATEGORY);
            r.setCategoryId(Long.MAX_VALUE - 7);
        });
    }

    @Test
    void unknown_codes_are_refused_on_their_field_and_known_codes_resolve() {
        String u = TestData.unique();
        long category = PricingRows.category(jdbc, "C-" + u);
        long product = PricingRows.product(jdbc, "P-" + u, category, "10.00", "5.00");
        assertThat(rules.resolveProduct(" P-" + u + " ")).isEqualTo(product);
        assertThat(rules.resolveCategory("C-" + u)).isEqualTo(category);
        assertThatThrownBy(() -> rules.resolveProduct("NOPE-" + u)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo("product");
            assertThat(e.messageKey()).isEqualTo("pricing.rule.error.unknown-product-code");
            assertThat(e.args()).containsExactly("NOPE-" + u);
        });
        assertThatThrownBy(() -> rules.resolveCategory("NOPE-" + u))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("category"));
    }

    @Test
    void a_category_scope_needs_a_category_and_a_product_scope_a_product() {
        refusedOn("category", "pricing.rule.error.category-required", r -> r.setScope(RuleScope.CATEGORY));
        refusedOn("product", "pricing.rule.error.product-required", r -> r.setScope(RuleScope.PRODUCT));
    }

    @Test
    void a_rule_for_all_products_forgets_a_product_left_over_from_the_form() {
        long product = PricingRows.product(jdbc);
        PriceRule saved = rules.save(rule(r -> r.setProductId(product)));
        assertThat(saved.getProductId()).isNull();
    }

    @Test
    void a_city_needs_its_province() {
        refusedOn("city", "pricing.rule.error.city-province", r -> r.setCity("杭州"));
    }

    @Test
    void the_minimum_quantity_is_at_least_one() {
        refusedOn("minQuantity", "pricing.rule.error.min-quantity", r -> r.setMinQuantity(0));
    }

    @Test
    void the_margin_guard_is_from_0_to_under_100() {
        refusedOn("minMarginPercent", "pricing.rule.error.margin", r -> r.setMinMarginPercent(new BigDecimal("100")));
        refusedOn("minMarginPercent", "pricing.rule.error.margin", r -> r.setMinMarginPercent(new BigDecimal("-1")));
    }

    @Test
    void missing_code_and_value_are_refused_on_their_fields() {
        refusedOn("code", "pricing.rule.error.required", r -> r.setCode(" "));
        refusedOn("value", "pricing.rule.error.required", r -> r.setValue(null));
    }

    @Test
    void an_unknown_tier_is_refused_on_tier() {
        refusedOn("tier", "pricing.rule.error.unknown-tier", r -> r.setTierId(Long.MAX_VALUE - 7));
    }

    @Test
    void a_duplicate_code_is_refused_on_the_code_field() {
        PriceRule first = rules.save(rule(r -> {}));
        refusedOn(
                "code",
                "pricing.rule.error.code-taken",
                r -> r.setCode(first.getCode().toLowerCase()));
    }

    @Test
    void a_stale_edit_is_refused_and_nothing_is_overwritten() {
        PriceRule saved = rules.save(rule(r -> {}));
        PriceRule mine = rules.get(saved.getId());
        PriceRule theirs = rules.get(saved.getId());
        theirs.setName("他们的名字 " + TestData.unique());
        TestData.as("other-manager", () -> rules.save(theirs), "STAFF", "MANAGER");

        mine.setName("我的名字");
        assertThatThrownBy(() -> rules.save(mine))
                .isInstanceOfSatisfying(
                        StaleEditException.class, e -> assertThat(e.args()[0]).isEqualTo("other-manager"));
        assertThat(rules.get(saved.getId()).getName()).isEqualTo(theirs.getName());
    }

    @Test
    void a_draft_updates_a_rule_and_a_stale_draft_is_refused() {
        PriceRule saved = rules.save(rule(r -> {}));
        RuleDraft draft = new RuleDraft(
                saved.getId(),
                saved.getVersion(),
                saved.getCode(),
                "改名",
                null,
                RuleScope.ALL,
                null,
                null,
                5,
                null,
                null,
                null,
                null,
                RuleKind.AMOUNT_OFF,
                new BigDecimal("3.50"),
                Rounding.YUAN,
                null,
                false,
                50,
                true,
                null);
        PriceRule updated = rules.save(draft);
        assertThat(updated.getId()).isEqualTo(saved.getId());
        assertThat(rules.get(saved.getId()).getMinQuantity()).isEqualTo(5);
        assertThat(rules.get(saved.getId()).getKind()).isEqualTo(RuleKind.AMOUNT_OFF);
        assertThatThrownBy(() -> rules.save(draft)).isInstanceOf(StaleEditException.class);
    }

    @Test
    void manager_deactivates_and_deletes_a_rule_and_each_change_is_announced() {
        PriceRule saved = rules.save(rule(r -> {}));
        long announced = events.stream(PriceBookChanged.class).count();
        PriceRule off = rules.setActive(saved.getId(), saved.getVersion(), false);
        assertThat(off.isActive()).isFalse();
        assertThat(rules.count(new RuleFilter(saved.getCode(), null, false, null, null, null, false, null)))
                .isEqualTo(1);
        rules.delete(saved.getId(), off.getVersion());
        assertThat(rules.find(saved.getId())).isEmpty();
        assertThat(events.stream(PriceBookChanged.class).count()).isEqualTo(announced + 2);
    }

    @Test
    void staff_can_read_rules_but_not_save_activate_or_delete_them() {
        PriceRule saved = rules.save(rule(r -> {}));
        TestData.as(
                "a-staff",
                () -> {
                    assertThat(rules.get(saved.getId()).getCode()).isEqualTo(saved.getCode());
                    PriceRule edited = rules.get(saved.getId());
                    edited.setName("hijacked");
                    assertThatThrownBy(() -> rules.save(edited)).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> rules.save(rule(r -> {}))).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> rules.setActive(saved.getId(), saved.getVersion(), false))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> rules.delete(saved.getId(), saved.getVersion()))
                            .isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
        assertThat(rules.get(saved.getId()).getName()).isEqualTo(saved.getName());
    }

    @Test
    void nobody_signed_in_reads_nothing() {
        TestData.as(
                "nobody",
                () -> assertThatThrownBy(() -> rules.count(RuleFilter.none()))
                        .isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void pickers_find_products_by_code_prefix_or_name() {
        String u = TestData.unique();
        long category = PricingRows.category(jdbc, "C-" + u);
        long product = PricingRows.product(jdbc, "P-" + u, category, "10.00", "5.00");
        assertThat(rules.products("p-" + u, 0, 10)).extracting(PickItem::id).containsExactly(product);
        assertThat(rules.countProducts(u)).isEqualTo(1);
        assertThat(rules.categories("c-" + u, 0, 10)).extracting(PickItem::id).containsExactly(category);
    }

    @Test
    void describe_names_the_kind_and_the_target() {
        long product = PricingRows.product(jdbc);
        PriceRule saved = rules.save(rule(r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(product);
        }));
        PriceRuleService.Description d = rules.describe(saved);
        assertThat(d.key()).isEqualTo("pricing.rule.describe.PERCENT_OFF.PRODUCT");
        assertThat(d.args()).containsExactly("10", "产品 " + PricingRows.code(product, jdbc, "product"), 1);
    }
}
