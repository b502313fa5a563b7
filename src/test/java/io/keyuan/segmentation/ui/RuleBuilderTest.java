package io.keyuan.segmentation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.textfield.BigDecimalField;
import io.keyuan.TestData;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineSegmentFields;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.StageChoice;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RuleBuilderTest extends KeyuanViewTest {
    @Autowired
    SegmentService segments;

    @Autowired
    PipelineService pipelines;

    private RuleBuilder.ConditionEditor newCondition() {
        long set = SystemActor.call(() -> segments.createRuleSet("构建" + TestData.unique(), RuleSetMode.OVERLAPPING)
                .id());
        navigate(SegmentEditorView.class);
        SegmentEditorView view = $(SegmentEditorView.class).single();
        view.open(set, null);
        test(view.root.addCondition).click();
        return (RuleBuilder.ConditionEditor) view.root.children.getComponentAt(0);
    }

    @Test
    @AsManager
    void a_windowed_field_shows_its_days_next_to_the_field_and_other_fields_hide_them() {
        RuleBuilder.ConditionEditor condition = newCondition();
        assertThat(condition.window.isVisible()).isFalse();

        test(condition.field).selectItem(condition.getTranslation("segment.field.SPEND_IN_WINDOW"));
        assertThat(condition.window.isVisible()).isTrue();
        test(condition.window).setValue(7);
        test(condition.operator).selectItem(condition.getTranslation("segment.operator.GE"));
        test((BigDecimalField) condition.valueBox.getComponentAt(0)).setValue(new BigDecimal("100"));

        assertThat(condition.toRule())
                .isEqualTo(new RuleNode.Condition(SegmentField.SPEND_IN_WINDOW, Operator.GE, List.of("100"), 7));

        test(condition.field).selectItem(condition.getTranslation("segment.field.INCOME"));
        assertThat(condition.window.isVisible()).isFalse();
        assertThat(((RuleNode.Condition) condition.toRule()).windowDays()).isNull();
    }

    @Test
    @AsManager
    void the_return_rate_is_picked_among_the_purchase_fields_and_compared_as_a_percentage() {
        RuleBuilder.ConditionEditor condition = newCondition();
        List<io.keyuan.segmentation.CatalogueField> fields =
                condition.field.getListDataView().getItems().toList();
        assertThat(fields.indexOf(SegmentField.RETURN_RATE))
                .as("after the average order value, with the other purchase figures")
                .isEqualTo(fields.indexOf(SegmentField.AVERAGE_ORDER_VALUE) + 1);

        test(condition.field).selectItem(condition.getTranslation("segment.field.RETURN_RATE"));
        assertThat(condition.window.isVisible()).isFalse();
        assertThat(condition.operator.getListDataView().getItems())
                .contains(Operator.GT, Operator.LT, Operator.BETWEEN, Operator.IS_EMPTY);
        test(condition.operator).selectItem(condition.getTranslation("segment.operator.GT"));
        test((BigDecimalField) condition.valueBox.getComponentAt(0)).setValue(new BigDecimal("20"));

        assertThat(condition.toRule()).isEqualTo(RuleNode.when(SegmentField.RETURN_RATE, Operator.GT, "20"));
    }

    @Test
    @AsManager
    void fields_are_listed_under_group_headings_with_the_provided_fields_under_their_own() {
        RuleBuilder.ConditionEditor condition = newCondition();

        assertThat(condition.field.getListDataView().getItems())
                .startsWith(SegmentField.NAME)
                .endsWith(PipelineSegmentFields.OPEN_DEAL_STAGE);
        assertThat(condition
                        .field
                        .getChildren()
                        .filter(com.vaadin.flow.component.html.Span.class::isInstance)
                        .map(c -> ((com.vaadin.flow.component.html.Span) c).getText()))
                .containsExactly(
                        condition.getTranslation("segment.group.profile"),
                        condition.getTranslation("segment.group.acquisition"),
                        condition.getTranslation("segment.group.preferences"),
                        condition.getTranslation("segment.group.lifecycle"),
                        condition.getTranslation("segment.group.purchases"),
                        condition.getTranslation("segment.group.satisfaction"),
                        condition.getTranslation("segment.group.pipeline"));
    }

    @Test
    @AsManager
    void open_stages_are_offered_as_pipeline_and_stage_and_stored_by_id() {
        PipelineDetail copy = SystemActor.call(() -> pipelines.copy(1, "分层漏斗" + TestData.unique()));
        StageRow open = copy.stages().stream()
                .filter(s -> s.kind() == StageKind.OPEN)
                .findFirst()
                .orElseThrow();
        StageRow won = copy.stages().stream()
                .filter(s -> s.kind() == StageKind.WON)
                .findFirst()
                .orElseThrow();
        RuleBuilder.ConditionEditor condition = newCondition();

        test(condition.field).selectItem(condition.getTranslation("segment.field.OPEN_DEAL_STAGE"));
        assertThat(condition.operator.getListDataView().getItems())
                .containsExactlyInAnyOrder(Operator.IN, Operator.NOT_IN, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY);
        test(condition.operator).selectItem(condition.getTranslation("segment.operator.IN"));
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<StageChoice> input =
                (MultiSelectComboBox<StageChoice>) condition.valueBox.getComponentAt(0);
        List<StageChoice> offered = input.getListDataView().getItems().toList();
        StageChoice choice = offered.stream()
                .filter(c -> c.stageId() == open.id())
                .findFirst()
                .orElseThrow();

        assertThat(offered).extracting(StageChoice::stageId).doesNotContain(won.id());
        assertThat(input.getItemLabelGenerator().apply(choice))
                .isEqualTo(copy.pipeline().name() + " › " + condition.getTranslation(open.nameKey()));
        input.setValue(Set.of(choice));
        assertThat(condition.toRule())
                .isEqualTo(
                        RuleNode.when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IN, String.valueOf(open.id())));
    }
}
