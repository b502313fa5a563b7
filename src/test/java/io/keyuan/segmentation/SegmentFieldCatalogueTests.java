package io.keyuan.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.pipeline.PipelineSegmentFields;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The catalogue as the application assembles it: segmentation's own fields and those other modules provide. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "seg-catalogue",
        roles = {"STAFF", "MANAGER"})
class SegmentFieldCatalogueTests {
    @Autowired
    SegmentFieldCatalogue catalogue;

    @Autowired
    SegmentService segments;

    @Test
    void every_field_of_every_module_has_a_label_and_a_group_heading_in_every_language() {
        Set<String> missing = new TreeSet<>();
        for (CatalogueField f : catalogue.fields()) {
            for (Locale locale : KeyuanI18NProvider.LOCALES) {
                for (String key : List.of(f.labelKey(), f.group().labelKey())) {
                    if (!KeyuanI18NProvider.has(key, locale)) {
                        missing.add(locale + " " + key);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(catalogue.fields()).contains(PipelineSegmentFields.OPEN_DEAL_STAGE);
    }

    @Test
    void the_pipeline_field_keeps_the_key_and_the_sql_that_stored_rules_were_written_with() {
        assertThat(catalogue.find("OPEN_DEAL_STAGE")).contains(PipelineSegmentFields.OPEN_DEAL_STAGE);
        RuleNode stored = RuleText.read("AND(CITY EQ(\"上海\"), OPEN_DEAL_STAGE NOT_IN(\"3\", \"4\"))", catalogue);

        assertThat(RuleText.write(stored)).isEqualTo("AND(CITY EQ(\"上海\"), OPEN_DEAL_STAGE NOT_IN(\"3\", \"4\"))");
        assertThat(SqlRuleCompiler.compile(
                                RuleText.read("OPEN_DEAL_STAGE IN(\"3\")", catalogue), LocalDate.of(2026, 1, 1))
                        .where())
                .isEqualTo("(EXISTS (SELECT 1 FROM deal d JOIN pipeline_stage ds ON ds.id = d.stage_id"
                        + " WHERE d.customer_id = c.id AND ds.kind = 'OPEN' AND d.stage_id IN (:p0)))");
    }

    @Test
    void the_builder_lists_fields_by_group_with_segmentations_own_first_in_their_old_order() {
        List<CatalogueField> fields = catalogue.fields();

        assertThat(fields.getFirst()).isEqualTo(SegmentField.NAME);
        assertThat(fields.getLast()).isEqualTo(PipelineSegmentFields.OPEN_DEAL_STAGE);
        assertThat(fields.stream().mapToInt(f -> f.group().order()).toArray()).isSorted();
    }

    @Test
    void a_field_the_catalogue_does_not_know_is_refused() {
        assertThatThrownBy(() -> RuleText.read("NO_SUCH_FIELD GE(\"9\")", catalogue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NO_SUCH_FIELD");
        // built in code but provided by no module: never compiled against the database
        ProvidedField<Integer> stray = ProvidedField.define("STRAY_SCORE", FieldType.NUMBER, FieldGroup.PURCHASES, 1)
                .sql("(SELECT 1)")
                .from(new FactSource<Integer>("test/stray", (jdbc, ids) -> java.util.Map.of()), ProvidedField.itself());
        RuleNode rule = RuleNode.when(stray, Operator.GE, "1");

        assertThat(segments.check(rule))
                .containsExactly(new RuleProblem("", "segment.rule.error.unknown-field", "STRAY_SCORE"));
        assertThatThrownBy(() -> segments.count(rule)).isInstanceOf(RuleException.class);
    }
}
