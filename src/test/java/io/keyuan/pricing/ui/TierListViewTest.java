package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import io.keyuan.pricing.SegmentChoice;
import io.keyuan.pricing.TierRow;
import io.keyuan.pricing.TierService;
import io.keyuan.pricing.domain.PriceTier;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TierListViewTest extends KeyuanViewTest {
    @Autowired
    TierService tiers;

    @Autowired
    SegmentService segments;

    @Autowired
    io.keyuan.segmentation.SegmentMembershipService membership;

    @Autowired
    io.keyuan.customer.CustomerService customers;

    private TierListView view() {
        return $(TierListView.class).single();
    }

    private GridTester<Grid<TierRow>, TierRow> grid() {
        return test(view().grid);
    }

    private int rowOf(long tierId) {
        for (int i = 0; i < grid().size(); i++) {
            if (grid().getRow(i).id() == tierId) {
                return i;
            }
        }
        throw new AssertionError("tier " + tierId + " not in the grid");
    }

    /** The up (0) or down (1) button on the tier's row. */
    private Button moveButton(long tierId, int which) {
        var cell = (com.vaadin.flow.component.orderedlayout.HorizontalLayout) grid().getCellComponent(rowOf(tierId), 5);
        return (Button) cell.getComponentAt(which);
    }

    private SegmentSummary segment(String name) {
        return SystemActor.call(() -> {
            var set = segments.createRuleSet("等级视图" + unique(), RuleSetMode.OVERLAPPING);
            return segments.createSegment(
                    set.id(), name, RuleNode.when(SegmentField.CITY, Operator.EQ, "无此城" + unique()), null);
        });
    }

    private PriceTier tier(String name, Long... segmentIds) {
        PriceTier t = new PriceTier();
        t.setCode("VT" + unique());
        t.setName(name);
        t.setSegmentIds(Set.of(segmentIds));
        return SystemActor.call(() -> tiers.save(t));
    }

    @Test
    @AsManager
    void manager_creates_a_tier_on_segments_and_reorders_it() {
        String u = unique();
        SegmentSummary s = segment("贵宾段" + u);
        PriceTier first = tier("先" + u);
        navigate(TierListView.class);

        test($(Button.class).id("tier-new")).click();
        TierDialog dialog = $(TierDialog.class).single();
        test(dialog.code).setValue("NT" + u);
        test(dialog.name).setValue("新等级" + u);
        dialog.segments.setValue(Set.of(dialog.segments
                .getListDataView()
                .getItems()
                .filter(c -> c.id() == s.id())
                .findFirst()
                .orElseThrow()));
        test(dialog.save).click();
        assertThat(dialog.isOpened()).as(notificationTexts().toString()).isFalse();

        TierRow created = grid().getRow(grid().size() - 1);
        assertThat(created.name()).isEqualTo("新等级" + u);
        int row = rowOf(created.id());
        assertThat(grid().getCellText(row, 3)).contains("贵宾段" + u);
        assertThat(grid().getCellText(row, 4)).isEqualTo("0");
        assertThat(grid().getRow(row - 1).id()).isEqualTo(first.getId());

        test(moveButton(created.id(), 0)).click();
        assertThat(grid().getRow(rowOf(created.id()) + 1).id()).isEqualTo(first.getId());
        test(moveButton(created.id(), 1)).click();
        assertThat(grid().getRow(rowOf(created.id()) - 1).id()).isEqualTo(first.getId());
    }

    @Test
    @AsManager
    void a_deleted_segment_is_named_by_its_id_and_a_taken_name_shows_on_the_field() {
        String u = unique();
        long gone = 900_000_000L + Math.abs(u.hashCode() % 1000);
        PriceTier t = tier("失效" + u, gone);
        navigate(TierListView.class);

        assertThat(grid().getCellText(rowOf(t.getId()), 3)).isEqualTo(t("pricing.tier.deleted-segment", gone));
        grid().clickRow(rowOf(t.getId()));
        TierDialog dialog = $(TierDialog.class).single();
        assertThat(dialog.segments.getValue()).extracting(SegmentChoice::id).containsExactly(gone);
        dialog.close();

        test($(Button.class).id("tier-new")).click();
        TierDialog fresh = $(TierDialog.class).single();
        test(fresh.code).setValue("NN" + u);
        test(fresh.name).setValue(t.getName());
        test(fresh.save).click();
        assertThat(fresh.isOpened()).isTrue();
        assertThat(fresh.name.getErrorMessage()).isEqualTo(t("pricing.tier.error.name-taken", t.getName()));
    }

    @Test
    @AsManager
    void a_saved_tier_derives_its_customers_in_a_job_the_list_follows_to_the_new_count() throws Exception {
        String u = unique();
        String city = "等级城" + u;
        io.keyuan.customer.ui.TestCustomers.inCity(customers, "TL" + u, "等级客" + u, city, null);
        SegmentSummary s = SystemActor.call(() -> {
            var set = segments.createRuleSet("等级派生" + u, RuleSetMode.OVERLAPPING);
            return segments.createSegment(
                    set.id(), "城中" + u, RuleNode.when(SegmentField.CITY, Operator.EQ, city), null);
        });
        SystemActor.run(() -> io.keyuan.segmentation.RefreshWait.ended(membership, membership.startRefresh()));
        navigate(TierListView.class);

        test($(Button.class).id("tier-new")).click();
        TierDialog dialog = $(TierDialog.class).single();
        test(dialog.code).setValue("DT" + u);
        test(dialog.name).setValue("派生" + u);
        dialog.segments.setValue(Set.of(dialog.segments
                .getListDataView()
                .getItems()
                .filter(c -> c.id() == s.id())
                .findFirst()
                .orElseThrow()));
        test(dialog.save).click();
        assertThat(dialog.isOpened()).as(notificationTexts().toString()).isFalse();

        // the save returned before the derivation ended; the list follows it and shows the count at its end
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        runPendingUiTasks();
        while (view().derivingNow() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            runPendingUiTasks();
        }
        assertThat(view().derivingNow()).as("the list saw the derivation end").isFalse();
        TierRow created = grid().getRow(grid().size() - 1);
        assertThat(created.name()).isEqualTo("派生" + u);
        assertThat(grid().getCellText(rowOf(created.id()), 4)).isEqualTo("1");
        assertThat(view().derive.isEnabled()).isTrue();

        // "derive now" runs as a job too, and the list ends it with the number of customers with a tier
        test(view().derive).click();
        deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (view().derivingNow() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            runPendingUiTasks();
        }
        assertThat(view().derivingNow()).isFalse();
        String derived = t("pricing.tier.derived", "#");
        String before = derived.substring(0, derived.indexOf('#'));
        assertThat(notificationTexts()).anySatisfy(n -> assertThat(n).startsWith(before));
    }

    @Test
    @AsStaff
    void staff_see_tiers_read_only() {
        PriceTier t = tier("只读" + unique());
        navigate(TierListView.class);

        assertThat(view().create.isVisible()).isFalse();
        assertThat(view().derive.isVisible()).isFalse();
        assertThat(view().grid.getColumns()).hasSize(5);
        grid().clickRow(rowOf(t.getId()));
        TierDialog dialog = $(TierDialog.class).single();
        assertThat(dialog.name.isReadOnly()).isTrue();
        assertThat(dialog.segments.isReadOnly()).isTrue();
        assertThat(dialog.save.isAttached()).isFalse();
    }

    @Test
    @AsManager
    void the_health_checks_fix_link_opens_the_tier() {
        PriceTier t = tier("修复链接" + unique());
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate("tiers", com.vaadin.flow.router.QueryParameters.of("tier", String.valueOf(t.getId())));
        assertThat($(TierDialog.class).single().name.getValue()).isEqualTo(t.getName());
    }
}
