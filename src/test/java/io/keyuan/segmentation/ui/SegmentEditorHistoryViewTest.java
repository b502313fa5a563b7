package io.keyuan.segmentation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyPressEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
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

/** The editor's sample of matches, version history with diff and restore, and rule set settings. */
class SegmentEditorHistoryViewTest extends KeyuanViewTest {
    @Autowired
    SegmentService segments;

    @Autowired
    CustomerService customers;

    private RuleSetSummary newSet(RuleSetMode mode) {
        return SystemActor.call(() -> segments.createRuleSet("历史视图" + TestData.unique(), mode));
    }

    private SegmentSummary cityTwice(RuleSetSummary set) {
        return SystemActor.call(() -> {
            SegmentSummary s = segments.createSegment(
                    set.id(),
                    "城市" + TestData.unique(),
                    RuleNode.and(RuleNode.when(SegmentField.CITY, Operator.EQ, "上海")),
                    "一");
            return segments.saveRule(
                    s.id(), s.version(), RuleNode.and(RuleNode.when(SegmentField.CITY, Operator.EQ, "北京")), "二");
        });
    }

    private SegmentEditorView open(RuleSetSummary set, Long segmentId) {
        navigate(SegmentEditorView.class);
        SegmentEditorView view = $(SegmentEditorView.class).single();
        view.open(set.id(), segmentId);
        return view;
    }

    private static List<String> diffLines(RuleHistoryDialog dialog) {
        return dialog.shown.stream()
                .map(d -> d.change() + " " + d.line().indented())
                .toList();
    }

    @Test
    @AsManager
    void the_count_comes_with_a_sample_of_matching_customers_linked_to_their_pages_or_an_empty_state() {
        String name = "样本" + TestData.unique();
        Customer c = SystemActor.call(() -> {
            Customer n = new Customer();
            n.setName(name);
            n.setCity("苏州");
            return customers.save(n);
        });
        RuleSetSummary set = newSet(RuleSetMode.OVERLAPPING);
        SegmentSummary s = SystemActor.call(() -> segments.createSegment(
                set.id(), "按姓名", RuleNode.and(RuleNode.when(SegmentField.NAME, Operator.EQ, name)), null));
        SegmentEditorView view = open(set, s.id());

        assertThat(view.count.getText()).isEqualTo(view.getTranslation("segment.editor.count", 1));
        assertThat(view.sample.isVisible()).isTrue();
        assertThat(test(view.sample).size()).isEqualTo(1);
        Anchor link = (Anchor) test(view.sample).getCellComponent(0, 0);
        assertThat(link.getText()).isEqualTo(name);
        assertThat(link.getHref()).isEqualTo("customers/" + c.getId());
        assertThat(test(view.sample).getCellText(0, 1)).isEqualTo("苏州");
        assertThat(view.sampleEmpty.isVisible()).isFalse();

        TextField value = (TextField)
                ((RuleBuilder.ConditionEditor) view.root.children.getComponentAt(0)).valueBox.getComponentAt(0);
        test(value).setValue(name + "没有此人");
        view.refreshCountNow();
        assertThat(view.sample.isVisible()).isFalse();
        assertThat(view.sampleEmpty.isVisible()).isTrue();
    }

    @Test
    @AsManager
    void the_history_shows_a_readable_diff_against_the_previous_or_the_current_version() {
        RuleSetSummary set = newSet(RuleSetMode.OVERLAPPING);
        SegmentSummary s = cityTwice(set);
        SegmentEditorView view = open(set, s.id());

        test(view.history).click();
        RuleHistoryDialog dialog = $(RuleHistoryDialog.class).single();
        assertThat(test(dialog.versions).size()).isEqualTo(2);
        assertThat(diffLines(dialog)).containsExactly("UNCHANGED 全部满足：", "REMOVED   城市 = 上海", "ADDED   城市 = 北京");
        assertThat(dialog.diff.getChildren().map(c -> c.getElement().getTextRecursively()))
                .contains("−   城市 = 上海", "+   城市 = 北京");
        assertThat(dialog.restore.isEnabled()).as("the current version").isFalse();

        test(dialog.versions).select(1);
        assertThat(diffLines(dialog)).contains("ADDED   城市 = 上海");
        test(dialog.against).selectItem(view.getTranslation("segment.history.against.CURRENT"));
        assertThat(diffLines(dialog)).containsExactly("UNCHANGED 全部满足：", "REMOVED   城市 = 北京", "ADDED   城市 = 上海");
        assertThat(dialog.restore.isEnabled()).isTrue();
    }

    @Test
    @AsManager
    void a_manager_restores_an_old_version_and_the_editor_shows_it() {
        RuleSetSummary set = newSet(RuleSetMode.OVERLAPPING);
        SegmentSummary s = cityTwice(set);
        SegmentEditorView view = open(set, s.id());
        test(view.history).click();
        RuleHistoryDialog dialog = $(RuleHistoryDialog.class).single();
        test(dialog.versions).select(1);

        test(dialog.restore).click();

        SegmentSummary now = SystemActor.call(() -> segments.segment(s.id()));
        assertThat(now.ruleVersion()).isEqualTo(3);
        assertThat(now.rule()).isEqualTo(RuleNode.and(RuleNode.when(SegmentField.CITY, Operator.EQ, "上海")));
        assertThat(view.currentRule()).isEqualTo(now.rule());
        assertThat(dialog.isOpened()).isFalse();
        test(view.history).click();
        assertThat(test($(RuleHistoryDialog.class).single().versions).getCellText(0, 3))
                .isEqualTo("从第 1 版恢复");
    }

    @Test
    @AsManager
    void a_manager_changes_the_mode_and_moves_a_segment_up_which_decides_an_exclusive_set() {
        RuleSetSummary set = newSet(RuleSetMode.OVERLAPPING);
        SegmentSummary first = cityTwice(set);
        SegmentSummary second = cityTwice(set);
        SegmentEditorView view = open(set, first.id());

        test(view.settings.mode).selectItem(view.getTranslation("segment.mode.EXCLUSIVE"));
        Button up = (Button) ((com.vaadin.flow.component.orderedlayout.HorizontalLayout)
                        test(view.settings.order).getCellComponent(1, 3))
                .getComponentAt(0);
        assertThat(up.getId()).hasValue("segment-up-" + second.id());
        test(up).click();

        assertThat(SystemActor.call(() -> segments.ruleSets()).stream()
                        .filter(r -> r.id() == set.id())
                        .findFirst()
                        .orElseThrow()
                        .mode())
                .isEqualTo(RuleSetMode.EXCLUSIVE);
        assertThat(SystemActor.call(() -> segments.segments(set.id())))
                .extracting(SegmentSummary::id)
                .containsExactly(second.id(), first.id());
        assertThat(test(view.settings.order).getCellText(0, 1)).isEqualTo(second.name());
        // the editor holds the fresh versions, so saving after the reorder is not refused as stale
        test(view.note).setValue("排序后保存");
        test(view.save).click();
        assertThat(SystemActor.call(() -> segments.segment(first.id())).ruleVersion())
                .isEqualTo(3);
    }

    @Test
    @AsManager
    void problems_name_the_condition_by_path_and_field() {
        RuleSetSummary set = newSet(RuleSetMode.OVERLAPPING);
        SegmentEditorView view = open(set, null);
        test(view.root.addCondition).click();
        RuleBuilder.ConditionEditor c = (RuleBuilder.ConditionEditor) view.root.children.getComponentAt(0);
        test(c.field).selectItem(view.getTranslation("segment.field.AGE"));
        test(c.operator).selectItem(view.getTranslation("segment.operator.GT"));
        view.refreshCountNow();

        assertThat(view.problems.getElement().getChild(0).getTextRecursively()).startsWith("条件 1（年龄）：");
        assertThat(view.sample.isVisible()).isFalse();
        assertThat(view.sampleEmpty.isVisible()).isFalse();
    }

    @Test
    @AsManager
    void enter_in_the_note_saves_a_valid_rule_and_only_explains_an_invalid_one() {
        RuleSetSummary set = newSet(RuleSetMode.OVERLAPPING);
        SegmentSummary s = cityTwice(set);
        SegmentEditorView view = open(set, s.id());
        test(view.root.addCondition).click();
        test(view.note).setValue("回车保存");

        ComponentUtil.fireEvent(
                view.note, new KeyPressEvent(view.note, Key.ENTER.getKeys().getFirst()));
        assertThat(SystemActor.call(() -> segments.segment(s.id())).ruleVersion())
                .isEqualTo(2);
        assertThat(view.problems.getElement().getChildCount()).isEqualTo(1);

        view.root.children.getComponentAt(1).removeFromParent();
        ComponentUtil.fireEvent(
                view.note, new KeyPressEvent(view.note, Key.ENTER.getKeys().getFirst()));
        assertThat(SystemActor.call(() -> segments.segment(s.id())).ruleVersion())
                .isEqualTo(3);
        assertThat(SystemActor.call(() -> segments.versions(s.id())).getFirst().changeNote())
                .isEqualTo("回车保存");
    }

    @Test
    @AsStaff
    void staff_read_the_history_and_settings_but_cannot_restore_reorder_or_change_the_mode() {
        RuleSetSummary set = newSet(RuleSetMode.EXCLUSIVE);
        SegmentSummary s = cityTwice(set);
        cityTwice(set);
        SegmentEditorView view = open(set, s.id());

        assertThat(view.settings.mode.getValue()).isEqualTo(RuleSetMode.EXCLUSIVE);
        assertThat(view.settings.mode.isReadOnly()).isTrue();
        assertThat(view.settings.order.getColumns()).hasSize(3);
        assertThat(view.save.isVisible()).isFalse();
        assertThat(view.note.isVisible()).isFalse();
        assertThat(view.exportButton.isVisible()).isTrue();

        test(view.history).click();
        RuleHistoryDialog dialog = $(RuleHistoryDialog.class).single();
        test(dialog.versions).select(1);
        assertThat(diffLines(dialog)).isNotEmpty();
        assertThat(dialog.restore.isVisible()).isFalse();
    }
}
