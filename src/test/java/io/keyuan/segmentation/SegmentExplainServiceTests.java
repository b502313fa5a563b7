package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.or;
import static io.keyuan.segmentation.RuleNode.when;
import static io.keyuan.segmentation.RuleNode.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.pipeline.PipelineSegmentFields;
import io.keyuan.shared.NotFoundException;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.test.context.support.WithMockUser;

/** "Why" a customer is in a segment, and the catalogue's newer fields against real data. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "seg-manager",
        roles = {"STAFF", "MANAGER"})
class SegmentExplainServiceTests {
    @Autowired
    SegmentExplainService explain;

    @Autowired
    SegmentService segments;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void explain_shows_each_condition_with_the_customer_value_and_agrees_with_the_sql() {
        LocalDate today = LocalDate.now(clock);
        String city = "城" + TestData.letters(8);
        long stage = openStage();
        long x = insertCustomer(city, null);
        long y = insertCustomer(null, x);
        buy(x, today.minusDays(5), "60.00");
        buy(x, today.minusDays(30), "50.00");
        buy(x, today.minusDays(31), "1000.00");
        deal(x, stage);
        RuleNode first = and(
                when(SegmentField.CITY, Operator.EQ, city),
                within(30, SegmentField.SPEND_IN_WINDOW, Operator.GE, "110"),
                not(when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IS_EMPTY)));
        RuleNode second =
                or(when(SegmentField.REFERRED_COUNT, Operator.GE, "1"), when(SegmentField.AGE, Operator.LT, "18"));
        RuleSetSummary set = segments.createRuleSet("为什么" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary a = segments.createSegment(set.id(), "近期消费", first, null);
        SegmentSummary b = segments.createSegment(set.id(), "介绍人", second, null);

        RuleSetExplanation forX = mine(explain.explain(x), set.id());

        assertThat(forX.assignedSegmentId()).isEqualTo(a.id());
        assertThat(forX.segments()).extracting(SegmentExplanation::segmentId).containsExactly(a.id(), b.id());
        SegmentExplanation ax = forX.segments().getFirst();
        assertThat(ax.matches()).isTrue();
        assertThat(ax.nodes()).extracting(RuleNodeExplanation::path).containsExactly("", "1", "2", "3", "3.1");
        assertThat(ax.nodes()).extracting(RuleNodeExplanation::result).containsExactly(true, true, true, true, false);
        assertThat(ax.nodes().get(1).value()).isEqualTo(city);
        assertThat((BigDecimal) ax.nodes().get(2).value()).isEqualByComparingTo("110.00");
        assertThat(ax.nodes().get(4).value()).isEqualTo(List.of(stage));
        assertThat(ax.nodes().get(4).node()).isEqualTo(when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IS_EMPTY));
        SegmentExplanation bx = forX.segments().get(1);
        assertThat(bx.nodes()).extracting(RuleNodeExplanation::result).containsExactly(true, true, false);
        assertThat((BigDecimal) bx.nodes().get(1).value()).isEqualByComparingTo("1");
        assertThat(bx.nodes().get(2).value()).isNull();

        RuleSetExplanation forY = mine(explain.explain(y), set.id());
        assertThat(forY.assignedSegmentId()).isNull();
        assertThat(forY.segments().getFirst().nodes().get(1).value()).isNull();

        for (long customer : List.of(x, y)) {
            for (SegmentExplanation s :
                    mine(explain.explain(customer), set.id()).segments()) {
                RuleNode rule = s.segmentId() == a.id() ? first : second;
                assertThat(s.matches())
                        .as("customer %d, %s", customer, s.name())
                        .isEqualTo(selects(rule, customer));
            }
        }
        assertThatThrownBy(() -> explain.explain(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_rule_naming_a_deleted_or_closed_stage_says_so() {
        long won = jdbc.queryForObject(
                "SELECT MIN(id) FROM pipeline_stage WHERE kind = 'WON'", new MapSqlParameterSource(), Long.class);
        long open = openStage();

        List<RuleProblem> problems = segments.check(
                when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IN, String.valueOf(open), "999999999", "" + won));

        assertThat(problems)
                .containsExactly(
                        new RuleProblem("", "segment.rule.error.stage-deleted", 999999999L),
                        new RuleProblem("", "segment.rule.error.stage-deleted", won));
    }

    @Test
    void sql_through_the_new_fields_is_refused_as_a_value_of_the_wrong_type_and_reaches_no_query() {
        String evil = "1) OR (1=1";

        assertThat(segments.check(within(30, SegmentField.PURCHASES_IN_WINDOW, Operator.GE, evil)))
                .containsExactly(new RuleProblem("", "segment.rule.error.value.number", evil));
        assertThat(segments.check(when(PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IN, evil)))
                .containsExactly(new RuleProblem("", "segment.rule.error.value.stage", evil));
        assertThat(segments.check(when(SegmentField.R_SCORE, Operator.EQ, "5; DROP TABLE customer")))
                .extracting(RuleProblem::key)
                .containsExactly("segment.rule.error.value.number");
        assertThatThrownBy(() -> segments.count(when(SegmentField.M_SCORE, Operator.EQ, evil)))
                .isInstanceOf(RuleException.class);
        assertThatThrownBy(() -> RuleText.read("SPEND_IN_WINDOW[30) OR (1=1] GE(\"1\")", TestCatalogue.FIELDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RuleSetExplanation mine(CustomerExplanation e, long setId) {
        return e.ruleSets().stream()
                .filter(s -> s.ruleSetId() == setId)
                .findFirst()
                .orElseThrow();
    }

    private boolean selects(RuleNode rule, long customerId) {
        SqlRuleCompiler.CompiledRule sql = SqlRuleCompiler.compile(rule, LocalDate.now(clock));
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + SqlRuleCompiler.FROM + " WHERE c.id = :customer AND " + sql.where(),
                sql.params().addValue("customer", customerId),
                Long.class);
        return n != null && n == 1;
    }

    private long openStage() {
        return jdbc.queryForObject(
                "SELECT MIN(id) FROM pipeline_stage WHERE pipeline_id = 1 AND kind = 'OPEN'",
                new MapSqlParameterSource(),
                Long.class);
    }

    private long insertCustomer(String city, Long referrer) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO customer (code, name, kind, city, referred_by_id, version, created_at, created_by,"
                        + " updated_at, updated_by) VALUES (:code, :name, 'PERSON', :city, :referrer, 0,"
                        + " UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("code", "SEGX" + TestData.unique())
                        .addValue("name", "解释" + TestData.letters(4))
                        .addValue("city", city)
                        .addValue("referrer", referrer),
                keys,
                new String[] {"id"});
        return keys.getKey().longValue();
    }

    private void buy(long customer, LocalDate date, String amount) {
        jdbc.update(
                "INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,"
                        + " created_at, created_by, updated_at, updated_by) VALUES (:id, :date, 'p', 1, :amount,"
                        + " 'STORE', 0, UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("id", customer)
                        .addValue("date", Date.valueOf(date))
                        .addValue("amount", new BigDecimal(amount)));
    }

    private void deal(long customer, long stage) {
        jdbc.update(
                "INSERT INTO deal (pipeline_id, stage_id, title, customer_id, stage_entered_at, version, created_at,"
                        + " created_by, updated_at, updated_by) VALUES (1, :stage, 'd', :id, UTC_TIMESTAMP(6), 0,"
                        + " UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("id", customer).addValue("stage", stage));
    }
}
