package io.keyuan.segmentation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.TestData;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SegmentEditorViewTest extends KeyuanViewTest {
    @Autowired
    SegmentService segments;

    @Autowired
    io.keyuan.segmentation.SegmentMembershipService membership;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private RuleSetSummary newSet() {
        return SystemActor.call(() -> segments.createRuleSet("视图" + TestData.unique(), RuleSetMode.OVERLAPPING));
    }

    private SegmentEditorView open() {
        navigate(SegmentEditorView.class);
        return $(SegmentEditorView.class).single();
    }

    @Test
    @AsManager
    void a_segment_whose_stored_rule_cannot_be_read_opens_with_a_note_instead_of_breaking_its_rule_set() {
        RuleSetSummary set = newSet();
        SegmentSummary fine = SystemActor.call(() ->
                segments.createSegment(set.id(), "正常", RuleNode.when(SegmentField.CITY, Operator.EQ, "上海"), null));
        SegmentSummary broken = SystemActor.call(() ->
                segments.createSegment(set.id(), "损坏", RuleNode.when(SegmentField.CITY, Operator.EQ, "上海"), null));
        jdbc.update("UPDATE segment_rule_version SET rule_text = 'NOT A RULE' WHERE segment_id = ?", broken.id());
        SegmentEditorView view = open();

        view.open(set.id(), broken.id());

        assertThat(view.segment.getValue().id()).isEqualTo(broken.id());
        assertThat(view.settingsBox.isOpened()).as("the rule comes first").isFalse();
        assertThat(view.settingsBox.getSummaryText())
                .isEqualTo(t("segment.settings.summary", t("enum.RuleSetMode.OVERLAPPING"), 2));
        assertThat(view.unreadable.isVisible()).isTrue();
        assertThat(view.unreadable.getText()).isEqualTo(t("segment.editor.unreadable"));
        view.open(set.id(), fine.id());
        assertThat(view.unreadable.isVisible()).isFalse();
        jdbc.update("DELETE FROM segment_rule_set WHERE id = ?", set.id());
    }

    @Test
    @AsManager
    void manager_refreshes_the_members_of_the_rule_set_being_edited_and_watches_it_on_the_membership_page()
            throws Exception {
        RuleSetSummary set = newSet();
        SystemActor.call(() -> segments.createSegment(
                set.id(), "一", RuleNode.when(SegmentField.CITY, Operator.EQ, "刷" + TestData.unique()), null));
        SegmentEditorView view = open();
        view.open(set.id(), null);
        assertThat(view.refreshMembers.isVisible()).isTrue();

        test(view.refreshMembers).click();

        SegmentMembershipView page = $(SegmentMembershipView.class).single();
        SegmentMembershipViewTest.untilRefreshEnds(page);
        var run = SystemActor.call(() -> membership.runs(1)).getFirst();
        assertThat(run.ruleSetId()).isEqualTo(set.id());
        assertThat(run.segmentsTotal()).isEqualTo(1);
        assertThat(page.lastRun.getText()).contains(set.name());
    }

    /** The action button with {@code id} in row {@code row} of the settings' segment grid. */
    private Button rowAction(SegmentEditorView view, int row, String id) {
        com.vaadin.flow.component.Component cell = test(view.settings.order).getCellComponent(row, 3);
        return cell.getChildren()
                .filter(c -> c.getId().filter(id::equals).isPresent())
                .map(Button.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    @AsManager
    void manager_renames_and_deletes_segments_and_rule_sets_in_the_settings_after_confirming() {
        RuleSetSummary set = newSet();
        SegmentSummary first = SystemActor.call(
                () -> segments.createSegment(set.id(), "一", RuleNode.when(SegmentField.CITY, Operator.EQ, "上海"), null));
        SegmentSummary second = SystemActor.call(
                () -> segments.createSegment(set.id(), "二", RuleNode.when(SegmentField.CITY, Operator.EQ, "北京"), null));
        SegmentEditorView view = open();
        view.open(set.id(), first.id());
        view.settingsBox.setOpened(true);

        test(rowAction(view, 0, "segment-rename-" + first.id())).click();
        test($(TextField.class).id("segment-rename-name")).setValue("一号");
        test($(Button.class).id("segment-rename-save")).click();
        assertThat(view.segment.getValue().name()).isEqualTo("一号");

        test(view.settings.name).setValue("改名" + set.name());
        test(view.settings.rename).click();
        assertThat(view.ruleSet.getValue().name()).isEqualTo("改名" + set.name());

        test(rowAction(view, 0, "segment-delete-" + first.id())).click();
        com.vaadin.flow.component.confirmdialog.ConfirmDialog confirm =
                $(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("segment-delete-confirm");
        test(confirm).confirm();
        assertThat(view.segment.getListDataView().getItems())
                .extracting(SegmentSummary::id)
                .containsExactly(second.id());
        assertThat(view.settingsBox.getSummaryText()).contains("1");

        test(view.settings.deleteSet).click();
        test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("segment-set-delete-confirm"))
                .confirm();
        assertThat(SystemActor.call(() -> segments.ruleSets())).noneMatch(r -> r.id() == set.id());
        assertThat(view.ruleSet.getValue() == null || view.ruleSet.getValue().id() != set.id())
                .isTrue();
    }

    @Test
    @AsManager
    void manager_builds_a_nested_rule_sees_problems_and_the_count_and_saves_a_new_segment() {
        RuleSetSummary set = newSet();
        SegmentEditorView view = open();
        view.open(set.id(), null);
        assertThat(view.segment.getValue()).isNull();
        view.refreshCountNow();
        assertThat(view.problems.getElement().getChildCount()).isEqualTo(1);

        test(view.root.addCondition).click();
        RuleBuilder.ConditionEditor condition = (RuleBuilder.ConditionEditor) view.root.children.getComponentAt(0);
        test(condition.field).selectItem(view.getTranslation("segment.field.CITY"));
        test(condition.operator).selectItem(view.getTranslation("segment.operator.EQ"));
        test((TextField) condition.valueBox.getComponentAt(0)).setValue("上海");
        test(view.root.addGroup).click();
        RuleBuilder.GroupEditor group = (RuleBuilder.GroupEditor) view.root.children.getComponentAt(1);
        test(group.not).click();
        test(group.addCondition).click();
        RuleBuilder.ConditionEditor inner = (RuleBuilder.ConditionEditor) group.children.getComponentAt(0);
        test(inner.field).selectItem(view.getTranslation("segment.field.REFERRED"));
        test(inner.operator).selectItem(view.getTranslation("segment.operator.EQ"));
        view.refreshCountNow();
        assertThat(view.problems.getElement().getChildCount())
                .as("REFERRED has no value yet")
                .isEqualTo(1);
        @SuppressWarnings("unchecked")
        ComboBox<String> yesNo = (ComboBox<String>) inner.valueBox.getComponentAt(0);
        // the problem shows at the input it is about too, under the NOT group at path 2.1.1
        assertThat(yesNo.isInvalid()).isTrue();
        assertThat(yesNo.getErrorMessage()).isNotBlank();
        assertThat(((TextField) condition.valueBox.getComponentAt(0)).isInvalid())
                .isFalse();
        yesNo.setValue("true");
        view.refreshCountNow();

        assertThat(view.problems.getElement().getChildCount()).isZero();
        assertThat(yesNo.isInvalid()).isFalse();
        assertThat(view.count.getText()).isNotBlank();

        String name = "上海" + TestData.unique();
        test(view.newName).setValue(name);
        test(view.note).setValue("第一版");
        test($(Button.class).id("segment-save")).click();

        List<SegmentSummary> saved = SystemActor.call(() -> segments.segments(set.id()));
        assertThat(saved).extracting(SegmentSummary::name).containsExactly(name);
        assertThat(saved.getFirst().rule())
                .isEqualTo(RuleNode.and(
                        RuleNode.when(SegmentField.CITY, Operator.EQ, "上海"),
                        RuleNode.not(RuleNode.and(RuleNode.when(SegmentField.REFERRED, Operator.EQ, "true")))));

        // an incomplete condition is explained, at its empty field too, and nothing is saved
        test(view.root.addCondition).click();
        test($(Button.class).id("segment-save")).click();
        assertThat(view.problems.getElement().getChildCount()).isEqualTo(1);
        RuleBuilder.ConditionEditor empty = (RuleBuilder.ConditionEditor) view.root.children.getComponentAt(2);
        assertThat(empty.field.isInvalid()).isTrue();
        assertThat(SystemActor.call(() -> segments.versions(saved.getFirst().id())))
                .hasSize(1);
    }

    @Test
    @AsManager
    void manager_saves_an_edited_rule_as_the_next_version() {
        RuleSetSummary set = newSet();
        SegmentSummary s = SystemActor.call(() -> segments.createSegment(
                set.id(),
                "女性" + TestData.unique(),
                RuleNode.and(RuleNode.when(SegmentField.GENDER, Operator.EQ, "FEMALE")),
                "初版"));
        SegmentEditorView view = open();
        view.open(set.id(), s.id());
        assertThat(view.currentRule()).isEqualTo(s.rule());

        test(view.root.op).selectItem(view.getTranslation("segment.op.OR"));
        test(view.note).setValue("改为任一");
        test($(Button.class).id("segment-save")).click();

        SegmentSummary saved = SystemActor.call(() -> segments.segment(s.id()));
        assertThat(saved.ruleVersion()).isEqualTo(2);
        assertThat(saved.rule()).isEqualTo(RuleNode.or(RuleNode.when(SegmentField.GENDER, Operator.EQ, "FEMALE")));
        assertThat(SystemActor.call(() -> segments.versions(s.id())).getFirst().changeNote())
                .isEqualTo("改为任一");
    }

    @Test
    @AsManager
    void manager_creates_a_rule_set_from_the_editor_and_a_duplicate_name_is_refused_on_the_field() {
        SegmentEditorView view = open();
        String name = "规则集" + TestData.unique();
        test($(Button.class).id("segment-new-rule-set")).click();
        test($(TextField.class).id("rule-set-name")).setValue(name);
        test($(Button.class).id("rule-set-save")).click();
        assertThat(view.ruleSet.getValue().name()).isEqualTo(name);
        assertThat(view.ruleSet.getValue().mode()).isEqualTo(RuleSetMode.OVERLAPPING);

        test($(Button.class).id("segment-new-rule-set")).click();
        TextField again = $(TextField.class).id("rule-set-name");
        test(again).setValue(name);
        test($(Button.class).id("rule-set-save")).click();
        assertThat(again.isInvalid()).isTrue();
        assertThat(SystemActor.call(() -> segments.ruleSets()).stream()
                        .filter(r -> r.name().equals(name))
                        .count())
                .isEqualTo(1);
    }

    @Test
    @AsStaff
    void staff_see_rules_read_only() {
        RuleSetSummary set = newSet();
        SegmentSummary s = SystemActor.call(() -> segments.createSegment(
                set.id(),
                "城市" + TestData.unique(),
                RuleNode.and(RuleNode.when(SegmentField.CITY, Operator.EQ, "北京")),
                null));
        SegmentEditorView view = open();
        view.open(set.id(), s.id());

        assertThat(view.currentRule()).isEqualTo(s.rule());
        assertThat(view.save.isVisible()).isFalse();
        assertThat(view.refreshMembers.isVisible()).isFalse();
        assertThat(view.settings.deleteSet.isVisible()).isFalse();
        assertThat(view.settings.order.getColumns())
                .as("no move, rename or delete column")
                .hasSize(3);
        assertThat(view.root.addCondition.isVisible()).isFalse();
        RuleBuilder.ConditionEditor condition = (RuleBuilder.ConditionEditor) view.root.children.getComponentAt(0);
        assertThat(condition.field.isReadOnly()).isTrue();
        assertThat(view.count.getText()).isNotBlank();
    }
}
