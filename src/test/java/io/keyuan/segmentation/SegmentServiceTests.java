package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.or;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "seg-manager",
        roles = {"STAFF", "MANAGER"})
class SegmentServiceTests {
    @Autowired
    SegmentService segments;

    @Autowired
    ChannelService channels;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    SegmentExplainService explain;

    @Autowired
    SegmentRuleExport ruleExport;

    @Test
    void a_manager_saves_rules_as_numbered_versions_with_notes() {
        RuleSetSummary set = segments.createRuleSet("价值分层" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        RuleNode first = when(SegmentField.TOTAL_SPEND, Operator.GE, "5000");
        RuleNode second = and(first, when(SegmentField.LAST_PURCHASE, Operator.WITHIN_LAST_DAYS, "90"));

        SegmentSummary created = segments.createSegment(set.id(), "高价值", first, "初版");
        SegmentSummary other = segments.createSegment(set.id(), "其他", or(not(first)), null);
        SegmentSummary saved = segments.saveRule(created.id(), created.version(), second, "只算近期客户");

        assertThat(saved.ruleVersion()).isEqualTo(2);
        assertThat(saved.rule()).isEqualTo(second);
        assertThat(segments.segments(set.id())).extracting(SegmentSummary::name).containsExactly("高价值", "其他");
        assertThat(other.priority()).isGreaterThan(created.priority());
        List<RuleVersionRow> history = segments.versions(created.id());
        assertThat(history).extracting(RuleVersionRow::versionNo).containsExactly(2, 1);
        assertThat(history).extracting(RuleVersionRow::changeNote).containsExactly("只算近期客户", "初版");
        assertThat(history).extracting(RuleVersionRow::savedBy).containsOnly("seg-manager");
        assertThat(history.get(1).rule()).isEqualTo(first);
        assertThat(segments.ruleSets()).contains(set);
    }

    @Test
    void a_manager_orders_the_segments_of_an_exclusive_set() {
        RuleSetSummary set = segments.createRuleSet("优先级" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary a =
                segments.createSegment(set.id(), "A", when(SegmentField.REFERRED, Operator.EQ, "true"), null);
        SegmentSummary b =
                segments.createSegment(set.id(), "B", when(SegmentField.REFERRED, Operator.EQ, "false"), null);

        assertThat(segments.reorder(set.id(), List.of(b.id(), a.id())))
                .extracting(SegmentSummary::name)
                .containsExactly("B", "A");
        assertThatThrownBy(() -> segments.reorder(set.id(), List.of(b.id())))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.error.reorder-mismatch"));
        assertThat(segments.segments(set.id())).extracting(SegmentSummary::name).containsExactly("B", "A");
    }

    @Test
    void a_save_over_a_newer_version_is_refused() {
        RuleSetSummary set = segments.createRuleSet("并发" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary s =
                segments.createSegment(set.id(), "A", when(SegmentField.REFERRED, Operator.EQ, "true"), null);
        segments.saveRule(s.id(), s.version(), when(SegmentField.REFERRED, Operator.EQ, "false"), "改");

        assertThatThrownBy(() ->
                        segments.saveRule(s.id(), s.version(), when(SegmentField.GENDER, Operator.EQ, "FEMALE"), "晚了"))
                .isInstanceOf(StaleEditException.class);
        assertThat(segments.versions(s.id())).hasSize(2);
    }

    @Test
    void an_incomplete_or_contradictory_rule_is_explained_and_not_saved() {
        RuleSetSummary set = segments.createRuleSet("错误" + TestData.unique(), RuleSetMode.OVERLAPPING);
        RuleNode contradictory =
                and(when(SegmentField.AGE, Operator.GT, "40"), when(SegmentField.AGE, Operator.LT, "30"));

        assertThatThrownBy(() -> segments.createSegment(set.id(), "矛盾", contradictory, null))
                .isInstanceOfSatisfying(RuleException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("segment.rule.error.contradiction");
                    assertThat(e.field()).isEqualTo("2");
                });
        assertThatThrownBy(() -> segments.createSegment(set.id(), "空", and(), null))
                .isInstanceOfSatisfying(
                        RuleException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.rule.error.empty-group"));
        assertThatThrownBy(() ->
                        segments.createSegment(set.id(), "类型", when(SegmentField.INCOME, Operator.GE, "很多"), null))
                .isInstanceOfSatisfying(
                        RuleException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.rule.error.value.number"));
        assertThat(segments.segments(set.id())).isEmpty();
    }

    @Test
    void a_rule_naming_a_deleted_channel_says_so() {
        ChannelSummary channel = channels.create(new ChannelDraft(
                "将删除" + TestData.unique(), ChannelCategory.ONLINE, AcquisitionMethod.ADVERTISING, true, null));
        RuleSetSummary set = segments.createRuleSet("渠道" + TestData.unique(), RuleSetMode.OVERLAPPING);
        RuleNode rule = or(
                when(SegmentField.CITY, Operator.EQ, "上海"),
                not(when(SegmentField.SOURCE_CHANNEL, Operator.IN, String.valueOf(channel.id()))));
        SegmentSummary s = segments.createSegment(set.id(), "渠道客户", rule, null);

        channels.delete(channel.id(), channels.get(channel.id()).getVersion());

        assertThat(segments.check(s.rule()))
                .containsExactly(new RuleProblem("2.1", "segment.rule.error.channel-deleted", channel.id()));
        assertThatThrownBy(() -> segments.saveRule(s.id(), s.version(), rule, "再存"))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.rule.error.channel-deleted"));
    }

    @Test
    void count_and_sample_show_what_a_rule_selects_now() {
        String city = "城" + TestData.unique();
        long a = insertCustomer("甲", city, new BigDecimal("8000"));
        long b = insertCustomer("乙", city, new BigDecimal("3000"));
        insertCustomer("丙", city, null);
        RuleNode rich = and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.INCOME, Operator.GE, "3000"));

        assertThat(segments.count(rich)).isEqualTo(2);
        assertThat(segments.count(when(SegmentField.CITY, Operator.EQ, city))).isEqualTo(3);
        assertThat(segments.sample(rich, 10)).extracting(CustomerMatch::id).containsExactly(b, a);
        assertThat(segments.sample(rich, 1)).extracting(CustomerMatch::id).containsExactly(b);
    }

    @Test
    void sql_in_a_value_is_only_ever_a_plain_value() {
        String evil = "x' OR '1'='1 -- " + TestData.letters(6);
        String evilName = "'); DROP TABLE customer; -- " + TestData.letters(6);

        assertThat(segments.count(when(SegmentField.CITY, Operator.EQ, evil))).isZero();
        assertThat(segments.count(when(SegmentField.CITY, Operator.CONTAINS, evil)))
                .isZero();
        assertThat(segments.count(when(SegmentField.NAME, Operator.IN, evilName, evil)))
                .isZero();

        long id = insertCustomer(evilName, evil, null);

        assertThat(segments.count(when(SegmentField.CITY, Operator.EQ, evil))).isEqualTo(1);
        assertThat(segments.sample(when(SegmentField.NAME, Operator.EQ, evilName), 5))
                .containsExactly(new CustomerMatch(id, evilName, evil));
        RuleSetSummary set = segments.createRuleSet("注入" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary saved = segments.createSegment(
                set.id(), evil.substring(0, 20), when(SegmentField.CITY, Operator.EQ, evil), evil);
        assertThat(segments.segment(saved.id()).rule()).isEqualTo(when(SegmentField.CITY, Operator.EQ, evil));
        assertThat(segments.versions(saved.id()).getFirst().changeNote()).isEqualTo(evil);
    }

    @Test
    @WithMockUser(username = "seg-staff", roles = "STAFF")
    void staff_read_and_count_but_cannot_edit_segment_rules() {
        RuleNode rule = when(SegmentField.GENDER, Operator.EQ, "FEMALE");

        assertThat(segments.count(rule)).isNotNegative();
        assertThat(segments.ruleSets()).isNotNull();
        assertThatThrownBy(() -> segments.createRuleSet("员工" + TestData.unique(), RuleSetMode.EXCLUSIVE))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> segments.saveRule(1, 0, rule, null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_segment_whose_stored_rule_cannot_be_read_is_listed_as_unreadable_matches_no_one_and_can_be_set_again() {
        RuleSetSummary set = segments.createRuleSet("损坏" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        String city = "坏" + TestData.unique();
        long customer = insertCustomer("甲", city, null);
        SegmentSummary fine = segments.createSegment(set.id(), "正常", when(SegmentField.CITY, Operator.EQ, city), null);
        SegmentSummary broken =
                segments.createSegment(set.id(), "损坏", when(SegmentField.CITY, Operator.EQ, city), "初版");
        jdbc.update(
                "UPDATE segment_rule_version SET rule_text = 'CITY EQ(' WHERE segment_id = :id",
                new MapSqlParameterSource("id", broken.id()));

        List<SegmentSummary> listed = segments.segments(set.id());

        assertThat(listed).extracting(SegmentSummary::id).containsExactly(fine.id(), broken.id());
        assertThat(listed.get(0).unreadable()).isFalse();
        SegmentSummary read = listed.get(1);
        assertThat(read.unreadable()).isTrue();
        assertThat(segments.check(read.rule()))
                .as("the stand-in rule cannot be saved as it is")
                .isNotEmpty();
        assertThat(segments.versions(broken.id()))
                .singleElement()
                .satisfies(v -> assertThat(v.changeNote()).isEqualTo("初版"));
        var why = explain.explain(customer).ruleSets().stream()
                .filter(r -> r.ruleSetId() == set.id())
                .findFirst()
                .orElseThrow();
        assertThat(why.segments())
                .extracting(SegmentExplanation::segmentId, SegmentExplanation::matches)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(fine.id(), true),
                        org.assertj.core.groups.Tuple.tuple(broken.id(), false));
        assertThat(why.segments().get(1).nodes()).isEmpty();
        assertThat(ruleExport.export(
                        List.of(set.id()),
                        java.util.Locale.CHINA,
                        java.io.OutputStream.nullOutputStream(),
                        n -> {},
                        () -> false))
                .as("the sheet still exports, the broken rule as stored")
                .isEqualTo(2);

        SegmentSummary repaired =
                segments.saveRule(broken.id(), read.version(), when(SegmentField.CITY, Operator.EQ, city), "重新设置");
        assertThat(repaired.unreadable()).isFalse();
        assertThat(repaired.ruleVersion()).isEqualTo(2);
    }

    @Test
    void a_manager_renames_rule_sets_and_segments_with_names_kept_unique_and_stale_edits_refused() {
        RuleSetSummary set = segments.createRuleSet("旧名" + TestData.unique(), RuleSetMode.OVERLAPPING);
        RuleSetSummary other = segments.createRuleSet("他名" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary a = segments.createSegment(set.id(), "甲", when(SegmentField.GENDER, Operator.EQ, "MALE"), null);
        segments.createSegment(set.id(), "乙", when(SegmentField.GENDER, Operator.EQ, "FEMALE"), null);
        String newName = "新名" + TestData.unique();

        RuleSetSummary renamed = segments.renameRuleSet(set.id(), set.version(), "  " + newName + " ");
        SegmentSummary renamedSegment = segments.renameSegment(a.id(), a.version(), "甲二");

        assertThat(renamed.name()).isEqualTo(newName);
        assertThat(renamedSegment.name()).isEqualTo("甲二");
        assertThat(renamedSegment.ruleVersion())
                .as("a name is not a rule version")
                .isEqualTo(1);
        assertThatThrownBy(() -> segments.renameRuleSet(renamed.id(), renamed.version(), other.name()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("segment.error.name-taken"));
        assertThatThrownBy(() -> segments.renameSegment(a.id(), renamedSegment.version(), "乙"))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("segment.error.name-taken"));
        assertThatThrownBy(() -> segments.renameSegment(a.id(), renamedSegment.version(), " "))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.error.name-required"));
        assertThatThrownBy(() -> segments.renameSegment(a.id(), a.version(), "甲三"))
                .isInstanceOf(StaleEditException.class);
        assertThatThrownBy(() -> segments.renameRuleSet(set.id(), set.version(), "又一名" + TestData.unique()))
                .isInstanceOf(StaleEditException.class);
        assertThat(segments.segment(a.id()).name()).isEqualTo("甲二");
    }

    private long insertCustomer(String name, String city, BigDecimal income) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO customer (code, name, kind, city, income, version, created_at, created_by, updated_at,"
                        + " updated_by) VALUES (:code, :name, 'PERSON', :city, :income, 0, UTC_TIMESTAMP(6), 'test',"
                        + " UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("code", "SEGS" + TestData.unique())
                        .addValue("name", name)
                        .addValue("city", city)
                        .addValue("income", income),
                keys,
                new String[] {"id"});
        return keys.getKey().longValue();
    }
}
