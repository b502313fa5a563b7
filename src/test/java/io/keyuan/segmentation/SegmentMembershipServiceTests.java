package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
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
import io.keyuan.shared.NotFoundException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@KeyuanIntegrationTest
@WithMockUser(
        username = "member-manager",
        roles = {"STAFF", "MANAGER"})
class SegmentMembershipServiceTests {
    @Autowired
    SegmentMembershipService membership;

    @Autowired
    MembershipRefresher refresher;

    @Autowired
    SegmentService segments;

    @Autowired
    ChannelService channels;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationEventMulticaster multicaster;

    @Autowired
    java.time.Clock clock;

    @Autowired
    io.keyuan.shared.jobs.JobService jobs;

    @Autowired
    io.keyuan.shared.jobs.JobMaintenance maintenance;

    @AfterEach
    void noListener() {
        refresher.afterEachUnit(null);
    }

    @Test
    void exclusive_sets_give_the_first_matching_segment_and_overlapping_sets_every_matching_one() {
        String city = "城" + TestData.unique();
        long rich = insertCustomer("甲", city, "8000");
        long modest = insertCustomer("乙", city, "3000");
        long unknown = insertCustomer("丙", city, null);
        RuleNode richRule =
                and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.INCOME, Operator.GE, "5000"));
        RuleNode anyRule = when(SegmentField.CITY, Operator.EQ, city);
        RuleSetSummary exclusive = segments.createRuleSet("互斥" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary exRich = segments.createSegment(exclusive.id(), "高收入", richRule, null);
        SegmentSummary exAny = segments.createSegment(exclusive.id(), "本城", anyRule, null);
        RuleSetSummary overlapping = segments.createRuleSet("重叠" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary ovRich = segments.createSegment(overlapping.id(), "高收入", richRule, null);
        SegmentSummary ovAny = segments.createSegment(overlapping.id(), "本城", anyRule, null);

        RefreshRun run = refreshAndWait();

        assertThat(run.status()).isEqualTo(RefreshStatus.DONE);
        assertThat(run.startedBy()).isEqualTo("member-manager");
        assertThat(run.trigger()).isEqualTo(RefreshTrigger.MANUAL);
        assertThat(run.segmentsDone()).isEqualTo(run.segmentsTotal());
        assertThat(memberIds(exRich.id())).containsExactly(rich);
        assertThat(memberIds(exAny.id())).containsExactly(modest, unknown);
        assertThat(memberIds(ovRich.id())).containsExactly(rich);
        assertThat(memberIds(ovAny.id())).containsExactly(rich, modest, unknown);
        assertThat(membership.memberCount(ovAny.id())).isEqualTo(3);
        assertThat(membership.members(ovAny.id(), rich, 1))
                .extracting(SegmentMember::customerId)
                .containsExactly(modest);
        assertThat(membership.membersAt(ovAny.id(), 2, 10))
                .extracting(SegmentMember::customerId)
                .containsExactly(unknown);
        assertThat(membership.overview())
                .filteredOn(r -> r.ruleSetId() == exclusive.id())
                .extracting(SegmentOverviewRow::segmentName, SegmentOverviewRow::members)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("高收入", 1L), org.assertj.core.groups.Tuple.tuple("本城", 2L));
    }

    @Test
    void entries_and_exits_are_recorded_with_dates_when_a_customer_moves_between_segments() {
        String city = "迁" + TestData.unique();
        long mover = insertCustomer("甲", city, "8000");
        long stayer = insertCustomer("乙", city, "1000");
        RuleSetSummary set = segments.createRuleSet("迁移" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary high = segments.createSegment(
                set.id(),
                "高",
                and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.INCOME, Operator.GE, "5000")),
                null);
        SegmentSummary rest = segments.createSegment(set.id(), "其余", when(SegmentField.CITY, Operator.EQ, city), null);
        RefreshRun first = refreshAndWait();
        jdbc.update("UPDATE customer SET income = 2000 WHERE id = :id", new MapSqlParameterSource("id", mover));

        RefreshRun second = refreshAndWait();

        assertThat(memberIds(high.id())).isEmpty();
        assertThat(memberIds(rest.id())).containsExactly(mover, stayer);
        assertThat(membership.segmentHistory(high.id()))
                .containsExactly(
                        new SegmentHistoryRow(second.id(), second.startedAt(), 0, 0, 1),
                        new SegmentHistoryRow(first.id(), first.startedAt(), 1, 1, 0));
        assertThat(membership.segmentHistory(rest.id()))
                .extracting(SegmentHistoryRow::members, SegmentHistoryRow::entered, SegmentHistoryRow::exited)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple(1L, 1L, 0L));
        // other tests' rule sets (everyone not referred, say) hold the same customers: look at this set only
        assertThat(membership.customerHistory(mover))
                .filteredOn(stay -> stay.ruleSetId() == set.id())
                .containsExactly(
                        new CustomerSegmentStay(rest.id(), "其余", set.id(), set.name(), second.startedAt(), null),
                        new CustomerSegmentStay(
                                high.id(), "高", set.id(), set.name(), first.startedAt(), second.startedAt()));
        assertThat(membership.currentSegments(mover))
                .filteredOn(stay -> stay.ruleSetId() == set.id())
                .extracting(CustomerSegmentStay::segmentId, CustomerSegmentStay::enteredAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(rest.id(), second.startedAt()));
        assertThat(membership.currentSegments(stayer))
                .filteredOn(stay -> stay.ruleSetId() == set.id())
                .extracting(CustomerSegmentStay::enteredAt)
                .containsExactly(first.startedAt());
        assertThat(second.entered()).isGreaterThanOrEqualTo(1);
        assertThat(second.exited()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cancel_stops_after_the_current_unit_and_leaves_the_rest_as_it_was() {
        String city = "停" + TestData.unique();
        insertCustomer("甲", city, "100");
        RuleSetSummary set = segments.createRuleSet("取消" + TestData.unique(), RuleSetMode.OVERLAPPING);
        segments.createSegment(set.id(), "一", when(SegmentField.CITY, Operator.EQ, city), null);
        SegmentSummary last = segments.createSegment(set.id(), "二", when(SegmentField.CITY, Operator.EQ, city), null);
        refresher.afterEachUnit(runId -> membership.cancel(runId));

        RefreshRun run = refreshAndWait();

        assertThat(run.status()).isEqualTo(RefreshStatus.CANCELLED);
        assertThat(run.segmentsDone()).isLessThan(run.segmentsTotal());
        assertThat(membership.segmentHistory(last.id())).isEmpty();
        assertThat(memberIds(last.id())).isEmpty();
        assertThat(membership.cancel(run.id()))
                .as("a finished run cannot be cancelled")
                .isFalse();
    }

    @Test
    void a_second_start_is_refused_while_a_refresh_runs_on_this_or_another_node() throws Exception {
        AtomicReference<RuntimeException> refusal = new AtomicReference<>();
        refresher.afterEachUnit(runId -> {
            if (refusal.get() == null) {
                try {
                    membership.startRefresh();
                    refusal.set(new IllegalStateException("a second run started"));
                } catch (RuntimeException e) {
                    refusal.set(e);
                }
            }
        });
        RuleSetSummary set = segments.createRuleSet("并行" + TestData.unique(), RuleSetMode.OVERLAPPING);
        segments.createSegment(set.id(), "一", when(SegmentField.CITY, Operator.EQ, "无此城" + TestData.unique()), null);
        refreshAndWait();
        assertThat(refusal.get())
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("segment.membership.error.running"));

        try (Connection otherNode = dataSource.getConnection();
                Statement s = otherNode.createStatement()) {
            // the finished run lets go of the lock a moment after it reports DONE
            try (ResultSet rs = s.executeQuery("SELECT GET_LOCK('" + MembershipRefresher.LOCK + "', 10)")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            long before = membership.runs(1).getFirst().id();
            assertThatThrownBy(() -> membership.startRefresh())
                    .isInstanceOfSatisfying(
                            KeyuanException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("segment.membership.error.running"));
            assertThat(membership.runs(1).getFirst().id()).isEqualTo(before);
            s.executeQuery("SELECT RELEASE_LOCK('" + MembershipRefresher.LOCK + "')")
                    .close();
        }
    }

    @Test
    @WithMockUser(username = "member-staff", roles = "STAFF")
    void staff_read_membership_but_cannot_start_or_cancel_a_refresh() {
        assertThatThrownBy(() -> membership.startRefresh()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> membership.cancel(1)).isInstanceOf(AccessDeniedException.class);
        assertThat(membership.runs(5)).isNotNull();
        assertThat(membership.overview()).isNotNull();
    }

    @Test
    void a_segment_whose_rule_names_a_deleted_channel_is_skipped_and_reported() {
        ChannelSummary channel = channels.create(new ChannelDraft(
                "将删" + TestData.unique(), ChannelCategory.ONLINE, AcquisitionMethod.ADVERTISING, true, null));
        RuleSetSummary set = segments.createRuleSet("跳过" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary broken = segments.createSegment(
                set.id(), "渠道", when(SegmentField.SOURCE_CHANNEL, Operator.IN, String.valueOf(channel.id())), null);
        channels.delete(channel.id(), channels.get(channel.id()).getVersion());

        RefreshRun run = refreshAndWait();

        assertThat(run.status()).isEqualTo(RefreshStatus.DONE);
        assertThat(run.skipped())
                .contains(new RefreshRun.SkippedSegment(
                        broken.id(), "渠道", "segment.rule.error.channel-deleted", String.valueOf(channel.id())));
        assertThat(membership.segmentHistory(broken.id())).isEmpty();
    }

    @Test
    void a_skipped_segment_of_an_exclusive_set_keeps_its_members_and_lower_segments_do_not_claim_them() {
        String city = "留" + TestData.unique();
        long rich = insertCustomer("甲", city, "9000");
        long other = insertCustomer("乙", city, "100");
        RuleSetSummary set = segments.createRuleSet("保留" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary top = segments.createSegment(
                set.id(),
                "高",
                and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.INCOME, Operator.GE, "5000")),
                null);
        SegmentSummary rest = segments.createSegment(set.id(), "其余", when(SegmentField.CITY, Operator.EQ, city), null);
        refreshAndWait();
        jdbc.update(
                "UPDATE segment_rule_version SET rule_text = 'not a rule' WHERE segment_id = :id",
                new MapSqlParameterSource("id", top.id()));

        RefreshRun run = refreshAndWait();

        assertThat(run.skipped())
                .contains(new RefreshRun.SkippedSegment(top.id(), "高", "segment.membership.skip.unreadable", null));
        assertThat(memberIds(top.id())).containsExactly(rich);
        assertThat(memberIds(rest.id())).containsExactly(other);
        // the unreadable rule would break every later test that reads all rule sets
        jdbc.update("DELETE FROM segment_rule_set WHERE id = :id", new MapSqlParameterSource("id", set.id()));
    }

    @Test
    void the_nightly_refresh_runs_as_the_system_actor_and_is_recorded_as_scheduled() {
        String city = "夜" + TestData.unique();
        long customer = insertCustomer("甲", city, null);
        RuleSetSummary set = segments.createRuleSet("夜间" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary segment =
                segments.createSegment(set.id(), "本城", when(SegmentField.CITY, Operator.EQ, city), null);

        io.keyuan.shared.jobs.JobId job = membership.nightlyRefresh().orElseThrow();

        RefreshRun run = RefreshWait.ended(membership, job);
        assertThat(membership.refreshJob(job).owner()).isEqualTo(io.keyuan.shared.SystemActor.NAME);
        assertThat(run.trigger()).isEqualTo(RefreshTrigger.SCHEDULED);
        assertThat(run.startedBy()).isEqualTo(io.keyuan.shared.SystemActor.NAME);
        assertThat(run.status()).isEqualTo(RefreshStatus.DONE);
        assertThat(memberIds(segment.id())).containsExactly(customer);
    }

    @Test
    void a_refresh_of_one_rule_set_leaves_the_other_sets_as_they_were_and_says_which_set_it_covered() {
        String city = "单" + TestData.unique();
        long customer = insertCustomer("甲", city, null);
        RuleSetSummary mine = segments.createRuleSet("本集" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary inMine =
                segments.createSegment(mine.id(), "本城", when(SegmentField.CITY, Operator.EQ, city), null);
        RuleSetSummary other = segments.createRuleSet("他集" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary inOther =
                segments.createSegment(other.id(), "本城", when(SegmentField.CITY, Operator.EQ, city), null);

        RefreshRun run = refreshAndWait(() -> membership.startRefresh(mine.id()));

        assertThat(run.status()).isEqualTo(RefreshStatus.DONE);
        assertThat(run.ruleSetId()).isEqualTo(mine.id());
        assertThat(run.ruleSetName()).isEqualTo(mine.name());
        assertThat(run.segmentsTotal()).isEqualTo(1);
        assertThat(memberIds(inMine.id())).containsExactly(customer);
        assertThat(memberIds(inOther.id())).isEmpty();
        assertThat(membership.segmentHistory(inOther.id())).isEmpty();

        RefreshRun all = refreshAndWait();
        assertThat(all.ruleSetId()).isNull();
        assertThat(all.ruleSetName()).isNull();
        assertThat(memberIds(inOther.id())).containsExactly(customer);
    }

    @Test
    void a_refresh_of_a_rule_set_that_does_not_exist_is_refused_records_no_run_and_frees_the_lock() {
        long before =
                membership.runs(1).stream().mapToLong(RefreshRun::id).max().orElse(0);

        assertThatThrownBy(() -> membership.startRefresh(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);

        assertThat(membership.runs(1).stream().mapToLong(RefreshRun::id).max().orElse(0))
                .isEqualTo(before);
        assertThat(refreshAndWait().status()).isEqualTo(RefreshStatus.DONE);
    }

    @Test
    @WithMockUser(username = "member-staff", roles = "STAFF")
    void staff_cannot_refresh_one_rule_set_either() {
        assertThatThrownBy(() -> membership.startRefresh(1L)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_end_of_a_refresh_is_announced_after_its_writes_with_each_segments_entries_and_exits() {
        List<SegmentMembershipRefreshed> heard = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<SegmentMembershipRefreshed>> listener =
                ApplicationListener.forPayload(e -> {
                    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                        problems.add("announced outside a transaction");
                    }
                    for (SegmentMembershipRefreshed.SegmentChange change : e.segments()) {
                        if (membership.memberCount(change.segmentId()) != change.members()) {
                            problems.add("announced before segment " + change.segmentId() + " was written");
                        }
                    }
                    heard.add(e);
                });
        multicaster.addApplicationListener(listener);
        try {
            String city = "告" + TestData.unique();
            long mover = insertCustomer("甲", city, "8000");
            insertCustomer("乙", city, "1000");
            RuleSetSummary set = segments.createRuleSet("通知" + TestData.unique(), RuleSetMode.EXCLUSIVE);
            SegmentSummary high = segments.createSegment(
                    set.id(),
                    "高",
                    and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.INCOME, Operator.GE, "5000")),
                    null);
            SegmentSummary rest =
                    segments.createSegment(set.id(), "其余", when(SegmentField.CITY, Operator.EQ, city), null);
            RefreshRun first = refreshAndWait(() -> membership.startRefresh(set.id()));
            jdbc.update("UPDATE customer SET income = 2000 WHERE id = :id", new MapSqlParameterSource("id", mover));

            RefreshRun second = refreshAndWait(() -> membership.startRefresh(set.id()));

            SegmentMembershipRefreshed one = heardOf(heard, first.id());
            SegmentMembershipRefreshed two = heardOf(heard, second.id());
            assertThat(one.segments())
                    .containsExactly(
                            new SegmentMembershipRefreshed.SegmentChange(high.id(), set.id(), 1, 1, 0),
                            new SegmentMembershipRefreshed.SegmentChange(rest.id(), set.id(), 1, 1, 0));
            assertThat(two.ruleSetId()).isEqualTo(set.id());
            assertThat(two.status()).isEqualTo(RefreshStatus.DONE);
            assertThat(two.segments())
                    .containsExactly(
                            new SegmentMembershipRefreshed.SegmentChange(high.id(), set.id(), 0, 0, 1),
                            new SegmentMembershipRefreshed.SegmentChange(rest.id(), set.id(), 2, 1, 0));
            assertThat(problems).isEmpty();
        } finally {
            multicaster.removeApplicationListener(listener);
        }
    }

    @Test
    void deleting_a_segment_removes_its_versions_membership_and_history_and_leaves_the_rest_of_its_set() {
        String city = "删" + TestData.unique();
        long customer = insertCustomer("甲", city, "8000");
        RuleSetSummary set = segments.createRuleSet("删除" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary doomed =
                segments.createSegment(set.id(), "将删", when(SegmentField.CITY, Operator.EQ, city), null);
        SegmentSummary kept = segments.createSegment(set.id(), "保留", when(SegmentField.CITY, Operator.EQ, city), null);
        refreshAndWait(() -> membership.startRefresh(set.id()));
        assertThat(memberIds(doomed.id())).containsExactly(customer);
        List<SegmentDeleted> heard = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<SegmentDeleted>> listener =
                ApplicationListener.forPayload(heard::add);
        multicaster.addApplicationListener(listener);
        try {
            segments.deleteSegment(doomed.id(), segments.segment(doomed.id()).version());
        } finally {
            multicaster.removeApplicationListener(listener);
        }

        assertThat(heard).containsExactly(new SegmentDeleted(doomed.id(), set.id(), "将删"));
        assertThat(segments.segments(set.id())).extracting(SegmentSummary::id).containsExactly(kept.id());
        assertThatThrownBy(() -> segments.segment(doomed.id())).isInstanceOf(NotFoundException.class);
        assertThat(segments.versions(doomed.id())).isEmpty();
        assertThat(memberIds(doomed.id())).isEmpty();
        assertThat(membership.segmentHistory(doomed.id())).isEmpty();
        assertThat(membership.customerHistory(customer)).noneMatch(stay -> stay.segmentId() == doomed.id());
        assertThat(memberIds(kept.id())).containsExactly(customer);
        assertThat(membership.overview()).noneMatch(r -> r.segmentId() == doomed.id());
    }

    @Test
    void deleting_a_rule_set_removes_it_with_every_segment_and_their_members() {
        String city = "集" + TestData.unique();
        long customer = insertCustomer("甲", city, null);
        RuleSetSummary set = segments.createRuleSet("整集" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary one = segments.createSegment(set.id(), "一", when(SegmentField.CITY, Operator.EQ, city), null);
        SegmentSummary two = segments.createSegment(set.id(), "二", when(SegmentField.CITY, Operator.EQ, city), null);
        refreshAndWait(() -> membership.startRefresh(set.id()));
        assertThat(memberIds(one.id())).containsExactly(customer);

        segments.deleteRuleSet(set.id(), set.version());

        assertThat(segments.ruleSets()).noneMatch(r -> r.id() == set.id());
        assertThat(segments.segments(set.id())).isEmpty();
        assertThat(memberIds(one.id())).isEmpty();
        assertThat(membership.currentSegments(customer))
                .noneMatch(stay -> stay.segmentId() == one.id() || stay.segmentId() == two.id());
        assertThat(membership.runs(1).getFirst().ruleSetName())
                .as("an old run still reads with the name the set had")
                .isEqualTo(set.name());
    }

    @Test
    void a_delete_is_refused_while_a_refresh_runs_and_over_a_newer_edit() throws Exception {
        RuleSetSummary set = segments.createRuleSet("锁定" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary segment = segments.createSegment(
                set.id(), "一", when(SegmentField.CITY, Operator.EQ, "无" + TestData.unique()), null);
        try (Connection otherNode = dataSource.getConnection();
                Statement st = otherNode.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT GET_LOCK('" + MembershipRefresher.LOCK + "', 10)")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> segments.deleteSegment(segment.id(), segment.version()))
                    .isInstanceOfSatisfying(
                            KeyuanException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("segment.error.refresh-running"));
            assertThatThrownBy(() -> segments.deleteRuleSet(set.id(), set.version()))
                    .isInstanceOfSatisfying(
                            KeyuanException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("segment.error.refresh-running"));
            st.executeQuery("SELECT RELEASE_LOCK('" + MembershipRefresher.LOCK + "')")
                    .close();
        }
        assertThat(segments.segment(segment.id()).name()).isEqualTo("一");

        SegmentSummary renamed = segments.renameSegment(segment.id(), segment.version(), "改名");
        assertThatThrownBy(() -> segments.deleteSegment(segment.id(), segment.version()))
                .isInstanceOf(io.keyuan.shared.StaleEditException.class);
        segments.deleteSegment(segment.id(), renamed.version());
        assertThat(segments.segments(set.id())).isEmpty();
    }

    @Test
    @WithMockUser(username = "member-staff", roles = "STAFF")
    void staff_cannot_rename_or_delete_segments_or_rule_sets() {
        assertThatThrownBy(() -> segments.renameRuleSet(1, 0, "x")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> segments.renameSegment(1, 0, "x")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> segments.deleteSegment(1, 0)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> segments.deleteRuleSet(1, 0)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_next_scheduled_refresh_is_the_next_three_o_clock_in_business_time_unless_switched_off() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(io.keyuan.shared.BusinessTime.ZONE));
        java.time.ZonedDateTime expected = now.toLocalDate().atTime(3, 0).atZone(io.keyuan.shared.BusinessTime.ZONE);
        if (!expected.isAfter(now)) {
            expected = expected.plusDays(1);
        }

        assertThat(new SegmentMembershipService(refresher, jobs, jdbc, SegmentMembershipService.DEFAULT_CRON, clock)
                        .nextScheduledRefresh())
                .contains(expected.toInstant());
        assertThat(membership.nextScheduledRefresh())
                .as("the tests switch the schedule off")
                .isEmpty();
        assertThat(new SegmentMembershipService(refresher, jobs, jdbc, "0 15 22 * * *", clock)
                        .nextScheduledRefresh()
                        .map(at -> at.atZone(io.keyuan.shared.BusinessTime.ZONE).toLocalTime()))
                .contains(java.time.LocalTime.of(22, 15));
    }

    @Test
    void a_count_taken_under_an_older_rule_mode_or_priority_is_marked_stale_until_the_next_refresh() {
        String city = "旧" + TestData.unique();
        insertCustomer("甲", city, "8000");
        RuleSetSummary set = segments.createRuleSet("过期" + TestData.unique(), RuleSetMode.EXCLUSIVE);
        SegmentSummary a = segments.createSegment(set.id(), "甲", when(SegmentField.CITY, Operator.EQ, city), null);
        SegmentSummary b = segments.createSegment(set.id(), "乙", when(SegmentField.CITY, Operator.EQ, city), null);
        assertThat(stale(a.id())).as("never counted is not stale").isFalse();
        refreshAndWait(() -> membership.startRefresh(set.id()));
        assertThat(stale(a.id())).isFalse();
        assertThat(stale(b.id())).isFalse();

        segments.saveRule(a.id(), a.version(), when(SegmentField.CITY, Operator.EQ, city + "外"), "改城市");
        assertThat(stale(a.id())).as("new rule version").isTrue();
        assertThat(stale(b.id())).isFalse();

        segments.reorder(set.id(), List.of(b.id(), a.id()));
        assertThat(stale(b.id())).as("exclusive set, new priority").isTrue();

        refreshAndWait(() -> membership.startRefresh(set.id()));
        assertThat(stale(a.id())).isFalse();
        assertThat(stale(b.id())).isFalse();

        RuleSetSummary current = segments.ruleSets().stream()
                .filter(r -> r.id() == set.id())
                .findFirst()
                .orElseThrow();
        segments.changeMode(set.id(), current.version(), RuleSetMode.OVERLAPPING);
        assertThat(stale(a.id())).as("new mode").isTrue();
        assertThat(stale(b.id())).isTrue();
    }

    @Test
    void a_refresh_is_a_job_that_shows_in_my_jobs_and_cancelling_the_job_stops_its_run() {
        String city = "任" + TestData.unique();
        insertCustomer("甲", city, "100");
        RuleSetSummary set = segments.createRuleSet("任务" + TestData.unique(), RuleSetMode.OVERLAPPING);
        segments.createSegment(set.id(), "一", when(SegmentField.CITY, Operator.EQ, city), null);
        SegmentSummary last = segments.createSegment(set.id(), "二", when(SegmentField.CITY, Operator.EQ, city), null);
        java.util.concurrent.atomic.AtomicReference<io.keyuan.shared.jobs.JobId> job =
                new java.util.concurrent.atomic.AtomicReference<>();
        refresher.afterEachUnit(runId -> jobs.cancel(job.get()));

        job.set(membership.startRefresh(set.id()));
        RefreshRun run = RefreshWait.ended(membership, job.get());

        io.keyuan.shared.jobs.JobView view = jobs.get(job.get());
        assertThat(view.kind()).isEqualTo("segment-refresh");
        assertThat(view.owner()).isEqualTo("member-manager");
        assertThat(view.status()).isEqualTo(io.keyuan.shared.jobs.JobStatus.CANCELLED);
        assertThat(view.subjectArgs()).containsExactly(set.name());
        assertThat(jobs.mine(20)).extracting(io.keyuan.shared.jobs.JobView::id).contains(job.get());
        assertThat(run.status()).isEqualTo(RefreshStatus.CANCELLED);
        assertThat(memberIds(last.id())).isEmpty();
    }

    @Test
    @WithMockUser(username = "member-staff", roles = "STAFF")
    void staff_see_the_refresh_going_on_but_cannot_cancel_it() throws Exception {
        RuleSetSummary set = io.keyuan.shared.SystemActor.call(
                () -> segments.createRuleSet("只读" + TestData.unique(), RuleSetMode.OVERLAPPING));
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        io.keyuan.shared.SystemActor.run(() -> segments.createSegment(
                set.id(), "一", when(SegmentField.CITY, Operator.EQ, "无" + TestData.unique()), null));
        refresher.afterEachUnit(runId -> {
            seen.countDown();
            try {
                go.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        io.keyuan.shared.jobs.JobId job = io.keyuan.shared.SystemActor.call(() -> membership.startRefresh(set.id()));
        try {
            assertThat(seen.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            assertThat(membership.currentRefresh())
                    .map(io.keyuan.shared.jobs.JobView::id)
                    .contains(job);
            assertThatThrownBy(() -> membership.cancel(job)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.cancel(job)).isInstanceOf(AccessDeniedException.class);
        } finally {
            go.countDown();
        }
        assertThat(RefreshWait.ended(membership, job).status()).isEqualTo(RefreshStatus.DONE);
    }

    @Test
    void a_refresh_left_running_by_a_crashed_node_is_marked_failed_and_its_retry_refreshes_the_same_rule_set() {
        String city = "崩" + TestData.unique();
        long customer = insertCustomer("甲", city, null);
        RuleSetSummary set = segments.createRuleSet("崩溃" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary segment =
                segments.createSegment(set.id(), "本城", when(SegmentField.CITY, Operator.EQ, city), null);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO job (kind, owner, parameters, status, retryable, node, queued_at, started_at, heartbeat_at)"
                        + " VALUES ('segment-refresh', 'member-manager', :params, 'RUNNING', TRUE, 'crashed-node',"
                        + " UTC_TIMESTAMP(6) - INTERVAL 20 MINUTE, UTC_TIMESTAMP(6) - INTERVAL 20 MINUTE,"
                        + " UTC_TIMESTAMP(6) - INTERVAL 10 MINUTE)",
                new MapSqlParameterSource("params", "{\"ruleSetId\":" + set.id() + ",\"trigger\":\"MANUAL\"}"),
                keys,
                new String[] {"id"});
        io.keyuan.shared.jobs.JobId crashed =
                io.keyuan.shared.jobs.JobId.of(keys.getKey().longValue());
        io.keyuan.shared.SystemActor.run(maintenance::recoverInterrupted);

        assertThat(jobs.get(crashed).status()).isEqualTo(io.keyuan.shared.jobs.JobStatus.FAILED);
        assertThat(jobs.get(crashed).errorArgs()).containsExactly("crashed-node");
        RefreshRun run = RefreshWait.ended(membership, jobs.retry(crashed));
        assertThat(run.status()).isEqualTo(RefreshStatus.DONE);
        assertThat(run.ruleSetId()).isEqualTo(set.id());
        assertThat(memberIds(segment.id())).containsExactly(customer);
    }

    private boolean stale(long segmentId) {
        return membership.overview().stream()
                .filter(r -> r.segmentId() == segmentId)
                .findFirst()
                .orElseThrow()
                .stale();
    }

    private static SegmentMembershipRefreshed heardOf(List<SegmentMembershipRefreshed> heard, long runId) {
        // the run reports DONE a moment before it lets go of its connection and announces the end
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            for (SegmentMembershipRefreshed e : heard) {
                if (e.runId() == runId) {
                    return e;
                }
            }
            assertThat(System.nanoTime()).as("run " + runId + " announced").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private RefreshRun refreshAndWait() {
        return refreshAndWait(membership::startRefresh);
    }

    private RefreshRun refreshAndWait(java.util.function.Supplier<io.keyuan.shared.jobs.JobId> start) {
        return RefreshWait.ended(membership, start.get());
    }

    private List<Long> memberIds(long segmentId) {
        List<Long> ids = new ArrayList<>();
        membership.members(segmentId, 0, 100).forEach(m -> ids.add(m.customerId()));
        return ids;
    }

    private long insertCustomer(String name, String city, String income) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO customer (code, name, kind, city, income, version, created_at, created_by, updated_at,"
                        + " updated_by) VALUES (:code, :name, 'PERSON', :city, :income, 0, UTC_TIMESTAMP(6), 'test',"
                        + " UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("code", "SEGM" + TestData.unique())
                        .addValue("name", name)
                        .addValue("city", city)
                        .addValue("income", income == null ? null : new BigDecimal(income)),
                keys,
                new String[] {"id"});
        return keys.getKey().longValue();
    }
}
