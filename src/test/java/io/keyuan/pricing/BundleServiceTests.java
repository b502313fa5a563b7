package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@KeyuanIntegrationTest
@RecordApplicationEvents
@WithMockUser(
        username = "bundle-manager",
        roles = {"STAFF", "MANAGER"})
class BundleServiceTests {
    @Autowired
    BundleService bundles;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    private BundleDraft draft(BundleKind kind, String value, Map<Long, Integer> items) {
        return new BundleDraft(
                null,
                0,
                "B-" + TestData.unique(),
                "套餐 " + TestData.unique(),
                null,
                kind,
                new BigDecimal(value),
                null,
                null,
                true,
                items);
    }

    private Map<Long, Integer> twoProducts() {
        Map<Long, Integer> items = new LinkedHashMap<>();
        items.put(PricingRows.product(jdbc), 1);
        items.put(PricingRows.product(jdbc), 2);
        return items;
    }

    private void refusedOn(String field, String key, BundleDraft d) {
        assertThatThrownBy(() -> bundles.save(d)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.messageKey()).isEqualTo(key);
        });
        assertThat(bundles.count(d.code(), null)).isZero();
    }

    @Test
    void manager_saves_a_bundle_with_items_and_staff_reads_it() {
        Map<Long, Integer> items = twoProducts();
        BundleRow saved = bundles.save(draft(BundleKind.PRICE, "199.00", items));
        assertThat(saved.items()).hasSize(2);
        assertThat(saved.items()).extracting(BundleRow.Line::quantity).containsExactlyInAnyOrder(1, 2);
        assertThat(events.stream(PriceBookChanged.class)).isNotEmpty();
        BundleRow seen = TestData.as("a-staff", () -> bundles.get(saved.id()), "STAFF");
        assertThat(seen.code()).isEqualTo(saved.code());
        assertThat(TestData.as("a-staff", () -> bundles.page(saved.code(), true, PageRequest.of(0, 5)), "STAFF"))
                .extracting(BundleRow::id)
                .containsExactly(saved.id());
    }

    @Test
    void manager_changes_the_items_of_a_bundle() {
        Map<Long, Integer> items = twoProducts();
        BundleRow saved = bundles.save(draft(BundleKind.DISCOUNT, "10", items));
        Map<Long, Integer> changed = new LinkedHashMap<>();
        Long first = items.keySet().iterator().next();
        changed.put(first, 3);
        long third = PricingRows.product(jdbc);
        changed.put(third, 1);
        BundleDraft d = saved.draft();
        BundleRow updated = bundles.save(new BundleDraft(
                d.id(), d.version(), d.code(), d.name(), null, d.kind(), d.value(), null, null, true, changed));
        assertThat(updated.items())
                .extracting(l -> l.product().id() + "x" + l.quantity())
                .containsExactlyInAnyOrder(first + "x3", third + "x1");
        assertThatThrownBy(() -> bundles.save(d)).isInstanceOf(StaleEditException.class);
    }

    @Test
    void a_bundle_needs_items_of_at_least_two_units() {
        refusedOn("items", "pricing.bundle.error.no-items", draft(BundleKind.PRICE, "10.00", Map.of()));
        refusedOn(
                "items",
                "pricing.bundle.error.too-small",
                draft(BundleKind.PRICE, "10.00", Map.of(PricingRows.product(jdbc), 1)));
        refusedOn(
                "items",
                "pricing.bundle.error.quantity",
                draft(BundleKind.PRICE, "10.00", Map.of(PricingRows.product(jdbc), 0, PricingRows.product(jdbc), 3)));
        refusedOn(
                "items",
                "pricing.rule.error.unknown-product",
                draft(BundleKind.PRICE, "10.00", Map.of(Long.MAX_VALUE - 3, 2)));
    }

    @Test
    void bad_values_and_dates_are_refused_on_their_fields() {
        refusedOn("value", "pricing.rule.error.negative-price", draft(BundleKind.PRICE, "-1", twoProducts()));
        refusedOn("value", "pricing.rule.error.percent-over-100", draft(BundleKind.DISCOUNT, "101", twoProducts()));
        BundleDraft d = draft(BundleKind.PRICE, "10.00", twoProducts());
        refusedOn(
                "validTo",
                "pricing.rule.error.dates",
                new BundleDraft(
                        null,
                        0,
                        d.code(),
                        d.name(),
                        null,
                        d.kind(),
                        d.value(),
                        LocalDate.of(2026, 3, 2),
                        LocalDate.of(2026, 3, 1),
                        true,
                        d.items()));
        refusedOn(
                "tier",
                "pricing.rule.error.unknown-tier",
                new BundleDraft(
                        null,
                        0,
                        d.code(),
                        d.name(),
                        Long.MAX_VALUE - 3,
                        d.kind(),
                        d.value(),
                        null,
                        null,
                        true,
                        d.items()));
    }

    @Test
    void a_duplicate_code_is_refused_on_the_code_field() {
        BundleRow saved = bundles.save(draft(BundleKind.PRICE, "10.00", twoProducts()));
        BundleDraft again = draft(BundleKind.PRICE, "10.00", twoProducts());
        assertThatThrownBy(() -> bundles.save(new BundleDraft(
                        null,
                        0,
                        saved.code(),
                        again.name(),
                        null,
                        again.kind(),
                        again.value(),
                        null,
                        null,
                        true,
                        again.items())))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("code"));
    }

    @Test
    void staff_cannot_save_or_delete_bundles() {
        BundleRow saved = bundles.save(draft(BundleKind.PRICE, "10.00", twoProducts()));
        TestData.as(
                "a-staff",
                () -> {
                    assertThatThrownBy(() -> bundles.save(saved.draft())).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> bundles.delete(saved.id(), saved.version()))
                            .isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
        bundles.delete(saved.id(), saved.version());
        assertThat(bundles.count(saved.code(), null)).isZero();
    }
}
