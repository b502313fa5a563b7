package io.keyuan.segmentation.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.TestData;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMemberExport;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentOverviewRow;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

class SegmentMembershipViewTest extends KeyuanViewTest {
    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Autowired
    SegmentMemberExport export;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    private SegmentSummary segmentOfCity(String city) {
        return SystemActor.call(() -> {
            RuleSetSummary set = segments.createRuleSet("成员" + TestData.unique(), RuleSetMode.OVERLAPPING);
            return segments.createSegment(
                    set.id(), "本城" + TestData.unique(), RuleNode.when(SegmentField.CITY, Operator.EQ, city), null);
        });
    }

    private SegmentMembershipView open() {
        navigate(SegmentMembershipView.class);
        return $(SegmentMembershipView.class).single();
    }

    private static SegmentOverviewRow row(SegmentMembershipView view, long segmentId) {
        return view.segments
                .getGenericDataView()
                .getItems()
                .filter(r -> r.segmentId() == segmentId)
                .findFirst()
                .orElseThrow();
    }

    @Test
    @AsManager
    void manager_refreshes_in_the_background_then_sees_counts_history_and_members() throws Exception {
        String city = "视" + TestData.unique();
        insertCustomer("甲", city);
        insertCustomer("乙", city);
        SegmentSummary segment = segmentOfCity(city);
        SegmentMembershipView view = open();
        view.segments.select(row(view, segment.id()));
        assertThat(view.noHistory.isVisible()).isTrue();
        assertThat(view.noMembers.isVisible()).isTrue();
        assertThat(view.exportButton.isEnabled()).isFalse();

        test(view.refresh).click();
        assertThat(view.watching()).isTrue();
        assertThat(view.refresh.isEnabled()).isFalse();
        assertThat(view.cancel.isVisible()).isTrue();
        untilRefreshEnds(view);

        assertThat(view.watching()).isFalse();
        assertThat(view.refresh.isEnabled()).isTrue();
        assertThat(view.progress.isVisible()).isFalse();
        assertThat(view.lastRun.getText()).contains(MANAGER_USER);
        assertThat(row(view, segment.id()).members()).isEqualTo(2L);
        view.segments.select(row(view, segment.id()));
        assertThat(test(view.history).size()).isEqualTo(1);
        assertThat(test(view.history).getCellText(0, 2)).isEqualTo("2");
        assertThat(test(view.members).size()).isEqualTo(2);
        com.vaadin.flow.component.html.Anchor link =
                (com.vaadin.flow.component.html.Anchor) test(view.members).getCellComponent(1, 1);
        assertThat(link.getText()).isEqualTo("乙");
        assertThat(link.getHref())
                .isEqualTo("customers/" + test(view.members).getRow(1).customerId());
        assertThat(test(view.members).getCellText(0, 2)).isEqualTo(city);
        assertThat(view.noMembers.isVisible()).isFalse();
        assertThat(view.exportButton.isEnabled()).isTrue();

        Path file = Files.createTempFile("segment-members", ".xlsx");
        try {
            long rows;
            try (OutputStream out = Files.newOutputStream(file)) {
                rows = export.export(segment.id(), Locale.ENGLISH, out, n -> {}, () -> false);
            }
            assertThat(rows).isEqualTo(2);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                String sheet = new String(
                        zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(sheet).contains("In segment since", "甲", "乙", city);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @AsManager
    void manager_refreshes_only_the_chosen_rule_set_and_the_page_says_so() throws Exception {
        String city = "范" + TestData.unique();
        insertCustomer("甲", city);
        SegmentSummary chosen = segmentOfCity(city);
        SegmentSummary other = segmentOfCity(city);
        SegmentMembershipView view = open();
        assertThat(view.scope.isVisible()).isTrue();
        assertThat(view.scope.getValue())
                .as("all rule sets unless one is chosen")
                .isNull();
        String chosenSet = row(view, chosen.id()).ruleSetName();
        assertThat(view.scope.getListDataView().getItems()).contains(chosen.ruleSetId(), other.ruleSetId());
        assertThat(view.scope.getItemLabelGenerator().apply(chosen.ruleSetId())).isEqualTo(chosenSet);

        int at = view.segments.getGenericDataView().getItems().toList().indexOf(row(view, chosen.id()));
        assertThat(test(view.segments).getCellText(at, 0))
                .as("a set's name on its first row")
                .isEqualTo(chosenSet);

        view.scope.setValue(chosen.ruleSetId());
        test(view.refresh).click();
        assertThat(view.scope.isEnabled()).isFalse();
        untilRefreshEnds(view);

        assertThat(view.watching()).isFalse();
        assertThat(row(view, chosen.id()).members()).isEqualTo(1L);
        assertThat(row(view, other.id()).members())
                .as("the other set was not refreshed")
                .isNull();
        assertThat(view.lastRun.getText()).contains(chosenSet);
        assertThat(view.recentRuns.isVisible()).isTrue();
        assertThat(test(view.runs).getCellText(0, 1)).isEqualTo(t("enum.RefreshTrigger.MANUAL"));
        assertThat(test(view.runs).getCellText(0, 2)).isEqualTo(chosenSet);
        assertThat(test(view.runs).getCellText(0, 3)).isEqualTo(MANAGER_USER);
        assertThat(test(view.runs).getCellText(0, 4)).isEqualTo(t("enum.RefreshStatus.DONE"));
        assertThat(test(view.runs).getCellText(0, 7)).matches("[0-9.]+ 秒");
        assertThat(view.scope.getValue())
                .as("the choice stays for the next refresh")
                .isEqualTo(chosen.ruleSetId());
        assertThat(view.scope.isEnabled()).isTrue();
        at = view.segments.getGenericDataView().getItems().toList().indexOf(row(view, chosen.id()));
        assertThat(test(view.segments).getCellComponent(at, 3).getElement().getTextRecursively())
                .isEqualTo("1");

        SystemActor.run(() -> segments.saveRule(
                chosen.id(),
                segments.segment(chosen.id()).version(),
                RuleNode.when(SegmentField.CITY, Operator.EQ, city + "外"),
                null));
        view.reload();
        at = view.segments.getGenericDataView().getItems().toList().indexOf(row(view, chosen.id()));
        assertThat(test(view.segments).getCellComponent(at, 3).getElement().getTextRecursively())
                .as("the count is marked as taken under the old rule")
                .contains(t("segment.membership.stale"), "1");
    }

    @Test
    @AsStaff
    void staff_see_membership_without_a_refresh_button_and_the_service_refuses_them() {
        SegmentSummary segment = segmentOfCity("无人" + TestData.unique());
        SegmentMembershipView view = open();

        assertThat(view.refresh.isVisible()).isFalse();
        assertThat(view.scope.isVisible()).isFalse();
        assertThat(view.nextRun.getText()).isEqualTo(t("segment.membership.next.off"));
        assertThat(view.getPageTitle()).isEqualTo(t("segment.membership.title"));
        view.segments.select(row(view, segment.id()));
        assertThat(view.noMembers.isVisible()).isTrue();
        assertThat(view.members.isVisible()).isFalse();
        assertThatThrownBy(() -> membership.startRefresh()).isInstanceOf(AccessDeniedException.class);
    }

    /**
     * Lets the pushed updates of the watched refresh job reach the page (the UI.access tasks its watcher queued)
     * until it has ended, or a minute has passed.
     */
    static void untilRefreshEnds(SegmentMembershipView view) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (view.watching() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            com.vaadin.browserless.internal.MockVaadin.runUIQueue();
        }
    }

    private void insertCustomer(String name, String city) {
        jdbc.update(
                "INSERT INTO customer (code, name, kind, city, version, created_at, created_by, updated_at,"
                        + " updated_by) VALUES (:code, :name, 'PERSON', :city, 0, UTC_TIMESTAMP(6), 'test',"
                        + " UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("code", "SEGV" + TestData.unique())
                        .addValue("name", name)
                        .addValue("city", city));
    }
}
