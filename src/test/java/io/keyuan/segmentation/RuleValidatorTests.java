package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.or;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.pipeline.PipelineSegmentFields;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleValidatorTests {
    @Test
    void a_complete_rule_has_no_problems() {
        RuleNode rule = and(
                when(SegmentField.CITY, Operator.IN, "上海", "北京"),
                or(
                        when(SegmentField.AGE, Operator.BETWEEN, "18", "30"),
                        not(when(SegmentField.REFERRED, Operator.EQ, "true"))),
                when(SegmentField.LAST_PURCHASE, Operator.WITHIN_LAST_DAYS, "30"));

        assertThat(RuleValidator.problems(rule)).isEmpty();
    }

    @Test
    void an_empty_group_and_a_missing_operator_are_named_by_their_path() {
        RuleNode rule = and(
                when(SegmentField.CITY, Operator.EQ, "上海"),
                or(
                        new RuleNode.Condition(SegmentField.AGE, null, List.of()),
                        new RuleNode.Group(RuleNode.GroupOp.AND, List.of())));

        assertThat(RuleValidator.problems(rule))
                .containsExactly(
                        new RuleProblem("2.1", "segment.rule.error.no-operator"),
                        new RuleProblem("2.2", "segment.rule.error.empty-group"));
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_at_its_condition() {
        assertThat(RuleValidator.problems(and(
                        when(SegmentField.INCOME, Operator.GT, "lots"),
                        when(SegmentField.FIRST_PURCHASE, Operator.EQ, "2026-13-01"),
                        when(SegmentField.GENDER, Operator.EQ, "UNKNOWN"),
                        when(SegmentField.INCOME, Operator.GT, "1.005"))))
                .containsExactly(
                        new RuleProblem("1", "segment.rule.error.value.number", "lots"),
                        new RuleProblem("2", "segment.rule.error.value.date", "2026-13-01"),
                        new RuleProblem("3", "segment.rule.error.value.enum", "UNKNOWN"),
                        new RuleProblem("4", "segment.rule.error.value.number", "1.005"));
    }

    @Test
    void an_operator_that_does_not_fit_the_field_is_refused() {
        assertThat(RuleValidator.problems(when(SegmentField.CITY, Operator.LT, "上海")))
                .containsExactly(new RuleProblem("", "segment.rule.error.operator", "CITY", "LT"));
        assertThat(RuleValidator.problems(when(SegmentField.CITY, Operator.EQ)))
                .containsExactly(new RuleProblem("", "segment.rule.error.value-count", 1, 1));
    }

    @Test
    void contradictions_are_explained() {
        assertThat(RuleValidator.problems(when(SegmentField.AGE, Operator.BETWEEN, "40", "30")))
                .containsExactly(new RuleProblem("", "segment.rule.error.between", "40", "30"));
        assertThat(RuleValidator.problems(
                        and(when(SegmentField.CITY, Operator.EQ, "上海"), when(SegmentField.CITY, Operator.EQ, "北京"))))
                .containsExactly(new RuleProblem("2", "segment.rule.error.contradiction", "CITY"));
        assertThat(RuleValidator.problems(and(
                        when(SegmentField.INCOME, Operator.GT, "5000"),
                        when(SegmentField.INCOME, Operator.LE, "5000"))))
                .containsExactly(new RuleProblem("2", "segment.rule.error.contradiction", "INCOME"));
        assertThat(RuleValidator.problems(or(
                        when(SegmentField.INCOME, Operator.GT, "5000"),
                        when(SegmentField.INCOME, Operator.LE, "5000"))))
                .isEmpty();
    }

    @Test
    void validate_throws_with_every_problem() {
        assertThatThrownBy(() -> RuleValidator.validate(and())).isInstanceOfSatisfying(RuleException.class, e -> {
            assertThat(e.messageKey()).isEqualTo("segment.rule.error.empty-group");
            assertThat(e.problems()).hasSize(1);
        });
    }

    @Test
    void an_injection_attempt_is_a_bound_parameter_not_sql() {
        String evil = "x' OR '1'='1";
        SqlRuleCompiler.CompiledRule sql =
                SqlRuleCompiler.compile(when(SegmentField.CITY, Operator.EQ, evil), LocalDate.of(2026, 1, 1));

        assertThat(sql.where()).doesNotContain("'1'").contains(":p0");
        assertThat(sql.params().getValue("p0")).isEqualTo(evil);
    }

    @Test
    void rule_text_keeps_quotes_and_backslashes() {
        RuleNode rule = when(SegmentField.NAME, Operator.IN, "a\"b", "c\\d", "x' OR '1'='1");

        assertThat(RuleText.read(RuleText.write(rule), TestCatalogue.FIELDS)).isEqualTo(rule);
    }

    @Test
    void a_windowed_field_needs_a_window_of_1_to_3650_days_and_other_fields_take_none() {
        assertThat(RuleValidator.problems(when(SegmentField.PURCHASES_IN_WINDOW, Operator.GE, "1")))
                .containsExactly(new RuleProblem("", "segment.rule.error.window-required"));
        assertThat(RuleValidator.problems(RuleNode.within(0, SegmentField.SPEND_IN_WINDOW, Operator.GE, "1")))
                .containsExactly(new RuleProblem("", "segment.rule.error.window-range", 1, 3650));
        assertThat(RuleValidator.problems(RuleNode.within(3651, SegmentField.SPEND_IN_WINDOW, Operator.GE, "1")))
                .containsExactly(new RuleProblem("", "segment.rule.error.window-range", 1, 3650));
        assertThat(RuleValidator.problems(RuleNode.within(30, SegmentField.AGE, Operator.GE, "1")))
                .containsExactly(new RuleProblem("", "segment.rule.error.window-unexpected", "AGE"));
        assertThat(RuleValidator.problems(RuleNode.within(3650, SegmentField.SPEND_IN_WINDOW, Operator.GE, "1")))
                .isEmpty();
    }

    @Test
    void the_same_measure_over_different_windows_is_no_contradiction() {
        RuleNode rule = and(
                RuleNode.within(30, SegmentField.PURCHASES_IN_WINDOW, Operator.EQ, "0"),
                RuleNode.within(365, SegmentField.PURCHASES_IN_WINDOW, Operator.GE, "3"));
        RuleNode contradiction = and(
                RuleNode.within(30, SegmentField.PURCHASES_IN_WINDOW, Operator.EQ, "0"),
                RuleNode.within(30, SegmentField.PURCHASES_IN_WINDOW, Operator.GE, "3"));

        assertThat(RuleValidator.problems(rule)).isEmpty();
        assertThat(RuleValidator.problems(contradiction))
                .containsExactly(new RuleProblem("2", "segment.rule.error.contradiction", "PURCHASES_IN_WINDOW"));
    }

    @Test
    void windows_survive_the_stored_text_and_texts_from_before_windows_still_read() {
        RuleNode rule = and(
                RuleNode.within(30, SegmentField.SPEND_IN_WINDOW, Operator.GE, "100"),
                when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.NOT_IN, "3", "4"));

        assertThat(RuleText.write(rule))
                .isEqualTo("AND(SPEND_IN_WINDOW[30] GE(\"100\"), OPEN_DEAL_STAGE NOT_IN(\"3\", \"4\"))");
        assertThat(RuleText.read(RuleText.write(rule), TestCatalogue.FIELDS)).isEqualTo(rule);
        assertThat(RuleText.read("AND(CITY IN(\"上海\"), NOT(AGE LT(\"30\")))", TestCatalogue.FIELDS))
                .isEqualTo(and(
                        when(SegmentField.CITY, Operator.IN, "上海"), not(when(SegmentField.AGE, Operator.LT, "30"))));
    }

    @Test
    void stages_take_only_set_operators() {
        assertThat(FieldType.STAGE.operators())
                .containsExactlyInAnyOrder(Operator.IN, Operator.NOT_IN, Operator.IS_EMPTY, Operator.IS_NOT_EMPTY);
        assertThat(RuleValidator.problems(when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.EQ, "1")))
                .containsExactly(new RuleProblem("", "segment.rule.error.operator", "OPEN_DEAL_STAGE", "EQ"));
    }
}
