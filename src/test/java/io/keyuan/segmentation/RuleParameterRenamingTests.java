package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Rules matched together in one statement keep their own parameter values. */
class RuleParameterRenamingTests {
    @Test
    void two_rules_in_one_statement_keep_their_own_values() {
        LocalDate today = LocalDate.of(2026, 11, 22);
        RuleNode first = and(
                when(SegmentField.INCOME, Operator.GE, "5000"),
                when(SegmentField.AGE, Operator.BETWEEN, "25", "45"),
                when(SegmentField.CITY, Operator.IN, "上海", "北京"),
                when(SegmentField.LAST_PURCHASE, Operator.WITHIN_LAST_DAYS, "30"));
        RuleNode second = when(SegmentField.INCOME, Operator.GE, "100");
        MapSqlParameterSource params = new MapSqlParameterSource();

        String a = MembershipRefresher.renamed(SqlRuleCompiler.compile(first, today), 7, params);
        String b = MembershipRefresher.renamed(SqlRuleCompiler.compile(second, today), 12, params);

        assertThat(a).doesNotContain(":p0", ":today").contains(":s7_");
        assertThat(b).doesNotContain(":p0").contains(":s12_");
        SqlRuleCompiler.CompiledRule original = SqlRuleCompiler.compile(first, today);
        for (String name : original.params().getParameterNames()) {
            assertThat(a).contains(":s7_" + name);
            assertThat(params.getValue("s7_" + name))
                    .isEqualTo(original.params().getValue(name));
        }
        assertThat(params.getValue("s12_p0")).isEqualTo(new java.math.BigDecimal("100"));
        assertThat(a.replaceAll(":s7_", ":")).isEqualTo(original.where());
    }
}
