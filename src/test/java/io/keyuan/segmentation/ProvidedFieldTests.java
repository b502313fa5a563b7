package io.keyuan.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a module can and cannot define as a provided field. */
class ProvidedFieldTests {
    private static final FactSource<Integer> SCORES = new FactSource<>("test/scores", (jdbc, ids) -> Map.of());

    private static ProvidedField.Builder number(String key) {
        return ProvidedField.define(key, FieldType.NUMBER, FieldGroup.PURCHASES, 1);
    }

    @Test
    void a_key_that_a_rule_text_could_not_carry_is_refused() {
        assertThatThrownBy(() -> number("nps")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> number("NPS_2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> number("NPS SCORE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_window_needs_since_in_the_sql_and_only_a_window_may_use_it() {
        assertThatThrownBy(() -> number("COMPLAINTS").sql("(SELECT 1)").windowedFrom(SCORES, (d, t, s) -> d))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> number("COMPLAINTS")
                        .sql("(SELECT COUNT(*) FROM x WHERE x.d BETWEEN :since AND :today)")
                        .from(SCORES, ProvidedField.itself()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_enum_field_names_its_enum_and_a_stage_field_its_id_column() {
        assertThatThrownBy(() -> ProvidedField.define("KIND", FieldType.ENUM, FieldGroup.PURCHASES, 1)
                        .sql("(SELECT 1)")
                        .from(SCORES, ProvidedField.itself()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProvidedField.define("STAGES", FieldType.STAGE, FieldGroup.PURCHASES, 1)
                        .sql("(SELECT 1)")
                        .from(SCORES, ProvidedField.itself()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_provided_key_that_is_taken_already_stops_the_catalogue() {
        ProvidedField<Integer> city = number("CITY").sql("(SELECT 1)").from(SCORES, ProvidedField.itself());

        assertThatThrownBy(() -> SegmentFieldCatalogue.of(() -> List.of(city)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CITY");
    }

    @Test
    void values_come_out_in_the_forms_the_compilers_compare() {
        ProvidedField<Integer> score = number("LAST_SCORE").sql("(SELECT 1)").from(SCORES, ProvidedField.itself());
        CustomerFacts facts = RandomRules.emptyCustomer().with(SCORES, 9);

        assertThat(score.valueOf(facts, LocalDate.of(2026, 1, 1))).isEqualTo(new BigDecimal("9"));
        assertThat(score.valueOf(RandomRules.emptyCustomer(), LocalDate.of(2026, 1, 1)))
                .isNull();
        assertThat(score.labelKey()).isEqualTo("segment.field.LAST_SCORE");
    }
}
