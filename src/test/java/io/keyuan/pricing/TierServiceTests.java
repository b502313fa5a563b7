package io.keyuan.pricing;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.pricing.domain.PriceTier;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RefreshWait;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Tiers follow segments: the first tier (by priority) one of whose segments holds a customer is theirs, named by
 * the lowest such segment; a valid manual tier wins; the derivation runs after every refresh and change.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "tier-manager",
        roles = {"STAFF", "MANAGER"})
class TierServiceTests {
    @Autowired
    TierService tiers;

    @Autowired
    CustomerTiers customerTiers;

    @Autowired
    CustomerService customers;

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobService jobs;

    /** Customers of one city and the segments over them: local (city), rich (city and income ≥ 100000), other. */
    record World(
            String city,
            String otherCity,
            SegmentSummary local,
            SegmentSummary rich,
            SegmentSummary other,
            Customer modest,
            Customer wealthy,
            Customer elsewhere,
            Customer nowhere) {}

    private World world() {
        String u = TestData.unique();
        String city = "价" + u;
        String otherCity = "别" + u;
        Customer modest = TestCustomers.inCity(customers, "TM" + u, "普通", city, "50000");
        Customer wealthy = TestCustomers.inCity(customers, "TW" + u, "富裕", city, "200000");
        Customer elsewhere = TestCustomers.inCity(customers, "TE" + u, "外地", otherCity, "50000");
        Customer nowhere = TestCustomers.inCity(customers, "TN" + u, "无", "无城" + u, "50000");
        SegmentSummary[] made = SystemActor.call(() -> {
            RuleSetSummary set = segments.createRuleSet("定价" + u, RuleSetMode.OVERLAPPING);
            SegmentSummary local =
                    segments.createSegment(set.id(), "本地" + u, when(SegmentField.CITY, Operator.EQ, city), null);
            SegmentSummary rich = segments.createSegment(
                    set.id(),
                    "富裕" + u,
                    and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.INCOME, Operator.GE, "100000")),
                    null);
            SegmentSummary other =
                    segments.createSegment(set.id(), "外地" + u, when(SegmentField.CITY, Operator.EQ, otherCity), null);
            return new SegmentSummary[] {local, rich, other};
        });
        refresh();
        return new World(city, otherCity, made[0], made[1], made[2], modest, wealthy, elsewhere, nowhere);
    }

    private void refresh() {
        SystemActor.run(() -> assertThat(
                        RefreshWait.ended(membership, membership.startRefresh()).running())
                .isFalse());
    }

    private PriceTier tier(String name, Long... segmentIds) {
        PriceTier t = new PriceTier();
        t.setCode("T" + TestData.unique());
        t.setName(name + TestData.unique());
        t.setSegmentIds(Set.of(segmentIds));
        PriceTier saved = tiers.save(t);
        settled();
        return saved;
    }

    /** Saving, moving, binding a tier or deleting a segment queues a derivation of everyone: wait for it. */
    private void settled() {
        TierDerivationWait.settled(tiers, jobs);
    }

    private Optional<TierAssignment> tierOf(Customer c) {
        return customerTiers.of(c.getId());
    }

    private void assertTier(Customer c, PriceTier tier, TierSource source, Long segmentId) {
        TierAssignment a = tierOf(c).orElseThrow(() -> new AssertionError(c.getName() + " has no tier"));
        assertThat(a.tierId()).as(c.getName()).isEqualTo(tier.getId());
        assertThat(a.source()).as(c.getName()).isEqualTo(source);
        assertThat(a.segmentId()).as(c.getName()).isEqualTo(segmentId);
    }

    private Map<String, Object> storedRow(Customer c) {
        return jdbc.queryForMap("SELECT * FROM customer_price_tier WHERE customer_id = ?", c.getId());
    }

    @Test
    void the_first_tier_by_priority_wins_and_the_lowest_segment_of_a_tier_names_the_reason() {
        World w = world();
        PriceTier vip = tier("VIP", w.rich().id());
        PriceTier standard = tier("标准", w.rich().id(), w.local().id(), w.other().id());

        // saving a tier derives everyone again
        assertTier(w.wealthy(), vip, TierSource.SEGMENT, w.rich().id());
        assertThat(tierOf(w.wealthy()).orElseThrow().segmentName())
                .isEqualTo(w.rich().name());
        assertTier(w.modest(), standard, TierSource.SEGMENT, w.local().id());
        assertTier(w.elsewhere(), standard, TierSource.SEGMENT, w.other().id());
        assertThat(tierOf(w.nowhere())).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer_price_tier WHERE customer_id = ?",
                        Long.class,
                        w.nowhere().getId()))
                .isZero();

        // 标准 goes first: the wealthy customer is in two of its segments, the lower id names it
        tiers.moveUp(standard.getId());
        settled();
        List<TierRow> order = tiers.tiers();
        assertThat(order).extracting(TierRow::id).containsSubsequence(standard.getId(), vip.getId());
        assertThat(w.local().id()).isLessThan(w.rich().id());
        assertTier(w.wealthy(), standard, TierSource.SEGMENT, w.local().id());
        TierRow row = order.stream()
                .filter(r -> r.id() == standard.getId())
                .findFirst()
                .orElseThrow();
        assertThat(row.customers()).isEqualTo(3);
        assertThat(row.segmentIds())
                .containsExactly(w.local().id(), w.rich().id(), w.other().id());

        // and back
        tiers.moveDown(standard.getId());
        settled();
        assertTier(w.wealthy(), vip, TierSource.SEGMENT, w.rich().id());
        assertThat(tiers.tiers().stream()
                        .filter(r -> r.id() == vip.getId())
                        .findFirst()
                        .orElseThrow()
                        .customers())
                .isEqualTo(1);
    }

    @Test
    void an_unchanged_assignment_keeps_its_time_and_unbinding_moves_customers_on() {
        World w = world();
        PriceTier vip = tier("VIP", w.rich().id());
        PriceTier standard = tier("标准", w.local().id());
        Object before = storedRow(w.modest()).get("assigned_at");

        tiers.rederiveAll();
        assertThat(storedRow(w.modest()).get("assigned_at")).isEqualTo(before);

        tiers.unbind(vip.getId(), w.rich().id());
        settled();
        assertTier(w.wealthy(), standard, TierSource.SEGMENT, w.local().id());
        tiers.bind(vip.getId(), w.rich().id());
        settled();
        assertTier(w.wealthy(), vip, TierSource.SEGMENT, w.rich().id());
    }

    @Test
    void a_manual_tier_wins_while_it_holds_and_expires() {
        World w = world();
        PriceTier vip = tier("VIP", w.rich().id());
        PriceTier standard = tier("标准", w.local().id());
        LocalDate today = LocalDate.now(BusinessTime.ZONE);

        ManualTier manual = TestData.as(
                "tier-staff", () -> tiers.setManual(w.modest().getId(), vip.getId(), "  年度大单  ", today), "STAFF");
        assertThat(manual.reason()).isEqualTo("年度大单");
        assertThat(manual.setBy()).isEqualTo("tier-staff");
        assertThat(manual.valid()).isTrue();
        TierAssignment a = tierOf(w.modest()).orElseThrow();
        assertThat(a.tierId()).isEqualTo(vip.getId());
        assertThat(a.source()).isEqualTo(TierSource.MANUAL);
        assertThat(a.setBy()).isEqualTo("tier-staff");
        assertThat(a.reason()).isEqualTo("年度大单");
        assertThat(a.validUntil()).isEqualTo(today);
        // a manual tier also gives a tier to a customer in no segment, and survives a full derivation
        tiers.setManual(w.nowhere().getId(), standard.getId(), "试用", null);
        tiers.rederiveAll();
        assertTier(w.modest(), vip, TierSource.MANUAL, null);
        assertTier(w.nowhere(), standard, TierSource.MANUAL, null);

        // the day passes: the reader no longer reports it, and the next derivation drops it
        jdbc.update(
                "UPDATE customer_tier_override SET valid_until = ? WHERE customer_id = ?",
                java.sql.Date.valueOf(today.minusDays(1)),
                w.modest().getId());
        assertTier(w.modest(), standard, TierSource.SEGMENT, w.local().id());
        assertThat(tiers.manual(w.modest().getId()).orElseThrow().valid()).isFalse();
        tiers.rederiveAll();
        assertThat(storedRow(w.modest()).get("source")).isEqualTo("SEGMENT");
        assertTier(w.modest(), standard, TierSource.SEGMENT, w.local().id());

        TestData.as("tier-staff", () -> tiers.clearManual(w.nowhere().getId()), "STAFF");
        assertThat(tierOf(w.nowhere())).isEmpty();
        assertThat(tiers.manual(w.nowhere().getId())).isEmpty();
    }

    @Test
    void a_manual_tier_needs_a_tier_a_reason_and_an_end_not_in_the_past() {
        World w = world();
        PriceTier vip = tier("VIP", w.rich().id());
        LocalDate yesterday = LocalDate.now(BusinessTime.ZONE).minusDays(1);
        long customer = w.modest().getId();

        assertField(() -> tiers.setManual(customer, null, "r", null), "tierId");
        assertField(() -> tiers.setManual(customer, vip.getId(), " ", null), "reason");
        assertField(() -> tiers.setManual(customer, vip.getId(), "r", yesterday), "validUntil");
        assertField(() -> tiers.setManual(customer, vip.getId(), "x".repeat(201), null), "reason");
        assertThat(tiers.manual(customer)).isEmpty();
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void a_membership_refresh_derives_again_without_losing_manual_tiers() {
        World w = world();
        PriceTier standard = tier("标准", w.local().id());
        tiers.setManual(w.elsewhere().getId(), standard.getId(), "特批", null);
        Customer newcomer = TestCustomers.inCity(customers, "TA" + TestData.unique(), "新来", w.city(), "1");
        assertThat(tierOf(newcomer)).isEmpty();

        refresh(); // the refresh's event, heard after its commit, derives every tier again

        assertTier(newcomer, standard, TierSource.SEGMENT, w.local().id());
        assertTier(w.elsewhere(), standard, TierSource.MANUAL, null);
        assertTier(w.modest(), standard, TierSource.SEGMENT, w.local().id());
    }

    @Test
    void a_deleted_segment_stays_bound_but_gives_no_tier() {
        World w = world();
        PriceTier standard = tier("标准", w.local().id(), w.other().id());
        assertTier(w.elsewhere(), standard, TierSource.SEGMENT, w.other().id());
        SegmentSummary other = SystemActor.call(() -> segments.segment(w.other().id()));

        SystemActor.run(() -> segments.deleteSegment(other.id(), other.version()));
        settled();

        assertThat(tierOf(w.elsewhere())).isEmpty();
        assertTier(w.modest(), standard, TierSource.SEGMENT, w.local().id());
        assertThat(tiers.get(standard.getId()).getSegmentIds())
                .contains(w.other().id());
        assertThat(tiers.segmentChoices())
                .extracting(SegmentChoice::id)
                .doesNotContain(w.other().id());
    }

    @Test
    void codes_names_and_priorities_are_unique_and_a_stale_edit_is_refused() {
        PriceTier a = tier("甲");
        PriceTier dupCode = new PriceTier();
        dupCode.setCode(a.getCode().toLowerCase());
        dupCode.setName("乙" + TestData.unique());
        assertField(() -> tiers.save(dupCode), "code");
        PriceTier dupName = new PriceTier();
        dupName.setCode("T" + TestData.unique());
        dupName.setName(a.getName());
        assertField(() -> tiers.save(dupName), "name");
        PriceTier dupPriority = new PriceTier();
        dupPriority.setCode("T" + TestData.unique());
        dupPriority.setName("丙" + TestData.unique());
        dupPriority.setPriority(a.getPriority());
        assertField(() -> tiers.save(dupPriority), "priority");

        PriceTier mine = tiers.get(a.getId());
        PriceTier theirs = tiers.get(a.getId());
        theirs.setDescription("他们的");
        tiers.save(theirs);
        mine.setDescription("我的");
        assertThatThrownBy(() -> tiers.save(mine)).isInstanceOf(io.keyuan.shared.StaleEditException.class);

        PriceTier current = tiers.get(a.getId());
        tiers.delete(current.getId(), current.getVersion());
        assertThat(tiers.tiers()).extracting(TierRow::id).doesNotContain(a.getId());
    }

    @Test
    void rederive_all_counts_the_customers_with_a_tier() {
        World w = world();
        tier("标准", w.local().id());
        long expected = jdbc.queryForObject("SELECT COUNT(*) FROM customer_price_tier", Long.class);
        assertThat(TestData.as("tier-staff", () -> tiers.rederiveAll(), "STAFF"))
                .isEqualTo(expected);
        assertThat(SystemActor.call(() -> tiers.rederiveAll())).isEqualTo(expected);
    }

    @Test
    @WithMockUser(username = "tier-staff", roles = "STAFF")
    void staff_cannot_edit_tiers_but_read_them() {
        PriceTier t = SystemActor.call(() -> tier("只读"));

        assertThat(tiers.tiers()).extracting(TierRow::id).contains(t.getId());
        assertThat(tiers.get(t.getId()).getName()).isEqualTo(t.getName());
        PriceTier edited = tiers.get(t.getId());
        edited.setName("改" + TestData.unique());
        assertThatThrownBy(() -> tiers.save(edited)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.moveUp(t.getId())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.moveDown(t.getId())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.bind(t.getId(), 1L)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.unbind(t.getId(), 1L)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.delete(t.getId(), t.getVersion())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(
            username = "nobody",
            roles = {})
    void without_a_role_nothing_is_read() {
        assertThatThrownBy(() -> tiers.tiers()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.setManual(1L, 1L, "r", null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tiers.rederiveAll()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> customerTiers.of(1L)).isInstanceOf(AccessDeniedException.class);
    }
}
