package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.TestData;
import io.keyuan.pricing.HealthIssue;
import io.keyuan.pricing.PricingRows;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class PriceBookHealthViewTest extends KeyuanViewTest {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @AsStaff
    void staff_cannot_open_the_health_check() {
        assertThat(open("pricing-health")).isInstanceOf(AccessDeniedView.class);
    }

    @Test
    @AsManager
    void manager_sees_a_tier_problem_explained_with_a_link_to_fix_it() {
        long tier = PricingRows.tier(jdbc, "VT-" + TestData.unique());
        navigate(PriceBookHealthView.class);
        PriceBookHealthView view = $(PriceBookHealthView.class).single();

        HealthIssue issue = view.issues().stream()
                .filter(i -> i.tierId() != null && i.tierId() == tier)
                .findFirst()
                .orElseThrow();
        assertThat(issue.kind()).isEqualTo(HealthIssue.Kind.TIER_NO_SEGMENT);
        assertThat(view.explain(issue))
                .isEqualTo(t(
                        "pricing.health.explain.TIER_NO_SEGMENT", issue.code(), t("pricing.health.several-rules"), ""));
        assertThat(view.clean.isVisible()).isFalse();
        assertThat(view.grid.isVisible()).isTrue();
        int row = view.issues().indexOf(issue);
        assertThat(test(view.grid).getRow(row)).isEqualTo(issue);
        assertThat(issue.fixRoute()).isEqualTo("tiers?tier=" + tier);
        assertThat(view.counts.getChildren().count()).isEqualTo(HealthIssue.Kind.values().length);
        test(view.refresh).click();
        assertThat(view.refresh.isEnabled()).isTrue();
    }
}
