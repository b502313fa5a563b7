package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import io.keyuan.TestData;
import io.keyuan.pricing.BundleDraft;
import io.keyuan.pricing.BundleKind;
import io.keyuan.pricing.BundleRow;
import io.keyuan.pricing.BundleService;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.pricing.PricingRows;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class BundleListViewTest extends KeyuanViewTest {
    @Autowired
    BundleService bundles;

    @Autowired
    PriceRuleService rules;

    @Autowired
    JdbcTemplate jdbc;

    private BundleListView view() {
        return $(BundleListView.class).single();
    }

    @Test
    @AsManager
    void manager_builds_a_bundle_in_the_items_editor() {
        long p1 = PricingRows.product(jdbc);
        long p2 = PricingRows.product(jdbc);
        String code = "VB-" + TestData.unique();
        navigate(BundleListView.class);
        test(view().create).click();
        BundleDialog dialog = $(BundleDialog.class).single();
        test(dialog.code).setValue(code);
        test(dialog.name).setValue("组合装");
        test(dialog.value).setValue(new BigDecimal("99.00"));

        test(dialog.save).click();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.items.isInvalid()).isTrue();
        assertThat(dialog.items.getErrorMessage()).isEqualTo(t("pricing.bundle.error.no-items"));

        dialog.itemProduct.setValue(SystemActor.call(() -> rules.product(p1)).orElseThrow());
        test(dialog.addItem).click();
        dialog.itemProduct.setValue(SystemActor.call(() -> rules.product(p2)).orElseThrow());
        dialog.itemQuantity.setValue(2);
        test(dialog.addItem).click();
        assertThat(dialog.lines).hasSize(2);
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        test(view().text).setValue(code);
        assertThat(test(view().grid).size()).isEqualTo(1);
        assertThat(test(view().grid).getRow(0).items()).hasSize(2);
    }

    @Test
    @AsStaff
    void staff_sees_bundles_read_only() {
        navigate(BundleListView.class);
        assertThat(view().create.isVisible()).isFalse();
        assertThat($(Button.class).withId("bundle-save").exists()).isFalse();
    }

    @Test
    @AsStaff
    void the_active_filter_shows_active_or_archived_bundles_or_all() {
        String prefix = "VBF-" + TestData.unique();
        long p1 = PricingRows.product(jdbc);
        long p2 = PricingRows.product(jdbc);
        BundleRow on = SystemActor.call(() -> bundles.save(draft(prefix + "-on", true, p1, p2)));
        BundleRow off = SystemActor.call(() -> bundles.save(draft(prefix + "-off", false, p1, p2)));
        navigate(BundleListView.class);
        test(view().text).setValue(prefix);
        assertThat(test(view().grid).size()).isEqualTo(2);

        test(view().active).selectItem(t("pricing.rule.active"));
        assertThat(test(view().grid).size()).isEqualTo(1);
        assertThat(test(view().grid).getRow(0).id()).isEqualTo(on.id());

        test(view().active).selectItem(t("pricing.rule.inactive"));
        assertThat(test(view().grid).size()).isEqualTo(1);
        assertThat(test(view().grid).getRow(0).id()).isEqualTo(off.id());

        view().active.clear();
        assertThat(test(view().grid).size()).isEqualTo(2);
    }

    private static BundleDraft draft(String code, boolean active, long p1, long p2) {
        return new BundleDraft(
                null,
                0,
                code,
                "筛选 " + code,
                null,
                BundleKind.PRICE,
                new BigDecimal("50.00"),
                null,
                null,
                active,
                Map.of(p1, 1, p2, 1));
    }
}
