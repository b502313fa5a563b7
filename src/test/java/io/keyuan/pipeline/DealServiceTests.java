package io.keyuan.pipeline;

import static io.keyuan.pipeline.TestPipelines.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.pipeline.domain.DealContact;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "deal-staff",
        roles = {"STAFF"})
class DealServiceTests {
    @Autowired
    PipelineService pipelines;

    @Autowired
    io.keyuan.security.UserAdminService userAdmin;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    private PipelineDetail funnel;
    private PipelineDetail decision;
    private Customer customer;

    @BeforeEach
    void pipelinesAndACustomer() {
        funnel = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "漏斗" + TestData.unique());
        decision = TestPipelines.copy(pipelines, TestPipelines.DECISION_TEMPLATE, "决策" + TestData.unique());
        customer = TestPipelines.customer(customers, "客户" + TestData.unique());
    }

    private Deal dealIn(PipelineDetail p, String value) {
        return TestPipelines.deal(deals, p.pipeline().id(), customer.getId(), "商机" + TestData.unique(), value);
    }

    @Test
    void a_customer_with_deals_is_not_deleted_and_the_confirmation_says_why() {
        Deal deal = dealIn(funnel, "1000");
        TestData.as(
                "deal-manager",
                () -> {
                    var impact = customers.deletionImpact(customer.getId());
                    assertThat(impact.blocked()).isTrue();
                    assertThat(impact.blockers())
                            .extracting(b -> b.countKey() + "=" + b.count())
                            .containsExactly("deal.count-of-customer=1");
                    Customer c = customers.get(customer.getId());
                    assertThatThrownBy(() -> customers.delete(c.getId(), c.getVersion(), 0))
                            .isInstanceOf(io.keyuan.shared.KeyuanException.class)
                            .hasMessageContaining("customer.error.delete-referenced");
                },
                "STAFF",
                "MANAGER");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deal WHERE id = ?", Integer.class, deal.getId()))
                .isEqualTo(1);
        // and the database refuses it too, whatever code path tries
        assertThatThrownBy(() -> jdbc.update("DELETE FROM customer WHERE id = ?", customer.getId()))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void a_new_deal_starts_in_the_first_open_stage_and_its_opening_is_in_the_history() {
        Deal d = dealIn(funnel, "100.00");

        assertThat(d.getStageId()).isEqualTo(stage(funnel, 1).id());
        List<StageChange> history = deals.history(d.getId());
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().fromStageId()).isNull();
        assertThat(history.getFirst().toStageId()).isEqualTo(stage(funnel, 1).id());
        assertThat(history.getFirst().changedBy()).isEqualTo(SystemActor.NAME);
    }

    @Test
    void a_deal_takes_source_channel_and_acquisition_method_from_its_customer_by_default() {
        ChannelSummary channel = SystemActor.call(() -> channels.create(new ChannelDraft(
                "渠道" + TestData.unique(), ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR, true, null)));
        Customer sourced = TestPipelines.customer(customers, "来源客户" + TestData.unique(), c -> {
            c.setSourceChannelId(channel.id());
            c.setAcquisitionMethod(AcquisitionMethod.EVENTS);
        });

        Deal d = TestPipelines.deal(deals, funnel.pipeline().id(), sourced.getId(), "默认渠道", "1");
        Deal chosen = TestPipelines.deal(
                deals,
                funnel.pipeline().id(),
                sourced.getId(),
                "指定方式",
                "1",
                x -> x.setAcquisitionMethod(AcquisitionMethod.CANVASSING));

        assertThat(d.getChannelId()).isEqualTo(channel.id());
        assertThat(d.getAcquisitionMethod()).isEqualTo(AcquisitionMethod.EVENTS);
        assertThat(chosen.getChannelId()).isEqualTo(channel.id());
        assertThat(chosen.getAcquisitionMethod()).isEqualTo(AcquisitionMethod.CANVASSING);
    }

    @Test
    void a_deal_keeps_its_contacts_with_their_roles() {
        Deal d = TestPipelines.deal(deals, funnel.pipeline().id(), customer.getId(), "联系人", "10", x -> {
            x.getContacts().add(new DealContact("张伟", ContactRole.DECISION_MAKER, "13800000000"));
            x.getContacts().add(new DealContact("  李娜 ", ContactRole.INFLUENCER, null));
            x.getContacts().add(new DealContact(" ", ContactRole.USER, null));
        });

        Deal read = deals.get(d.getId());
        assertThat(read.getContacts())
                .extracting(DealContact::getName, DealContact::getRole)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("张伟", ContactRole.DECISION_MAKER),
                        org.assertj.core.groups.Tuple.tuple("李娜", ContactRole.INFLUENCER));
    }

    @Test
    void a_deal_needs_a_title_and_an_existing_customer() {
        Deal noTitle = new Deal();
        noTitle.setPipelineId(funnel.pipeline().id());
        noTitle.setCustomerId(customer.getId());
        noTitle.setTitle("  ");
        Deal noCustomer = new Deal();
        noCustomer.setPipelineId(funnel.pipeline().id());
        noCustomer.setCustomerId(999_999_999L);
        noCustomer.setTitle("无客户");

        assertThatThrownBy(() -> deals.save(noTitle))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> deals.save(noCustomer))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("deal.error.customer-missing"));
    }

    @Test
    void an_edit_over_a_newer_version_is_refused_and_nothing_is_overwritten() {
        Deal d = dealIn(funnel, "100.00");
        Deal first = deals.get(d.getId());
        Deal second = deals.get(d.getId());
        first.setTitle("第一个修改");
        deals.save(first);
        second.setTitle("第二个修改");

        assertThatThrownBy(() -> deals.save(second)).isInstanceOf(StaleEditException.class);
        assertThat(deals.get(d.getId()).getTitle()).isEqualTo("第一个修改");
    }

    @Test
    void every_move_is_kept_with_from_to_when_and_who() {
        Deal d = dealIn(funnel, "100.00");
        Instant before = Instant.now().minusSeconds(1);

        DealCard moved = TestData.as(
                "wang",
                () -> deals.move(d.getId(), d.getVersion(), stage(funnel, 3).id()),
                "STAFF");

        assertThat(moved.stageId()).isEqualTo(stage(funnel, 3).id());
        assertThat(moved.version()).isEqualTo(d.getVersion() + 1);
        List<StageChange> history = deals.history(d.getId());
        assertThat(history).hasSize(2);
        StageChange last = history.getLast();
        assertThat(last.fromStageId()).isEqualTo(stage(funnel, 1).id());
        assertThat(last.toStageId()).isEqualTo(stage(funnel, 3).id());
        assertThat(last.changedBy()).isEqualTo("wang");
        assertThat(last.changedAt()).isAfter(before);
    }

    @Test
    void skipping_a_stage_is_refused_with_the_reason_when_the_pipeline_forbids_it() {
        Deal d = dealIn(decision, "100.00");

        assertThatThrownBy(() ->
                        deals.move(d.getId(), d.getVersion(), stage(decision, 3).id()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("deal.error.skip-forbidden"));
        assertThatThrownBy(() ->
                        deals.win(d.getId(), d.getVersion(), stage(decision, 5).id(), null))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("deal.error.skip-forbidden"));
        assertThat(deals.card(d.getId()).stageId()).isEqualTo(stage(decision, 1).id());
        assertThat(deals.history(d.getId())).hasSize(1);
    }

    @Test
    void moving_backwards_is_refused_with_the_reason_when_the_pipeline_forbids_it() {
        Deal d = dealIn(decision, "100.00");
        DealCard atTwo =
                deals.move(d.getId(), d.getVersion(), stage(decision, 2).id());

        assertThatThrownBy(() -> deals.move(
                        d.getId(), atTwo.version(), stage(decision, 1).id()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("deal.error.backward-forbidden"));
        assertThat(deals.card(d.getId()).stageId()).isEqualTo(stage(decision, 2).id());
    }

    @Test
    void the_same_moves_are_allowed_in_a_pipeline_that_allows_them() {
        Deal d = dealIn(funnel, "100.00");

        DealCard skipped =
                deals.move(d.getId(), d.getVersion(), stage(funnel, 4).id());
        DealCard back =
                deals.move(d.getId(), skipped.version(), stage(funnel, 2).id());

        assertThat(back.stageId()).isEqualTo(stage(funnel, 2).id());
        assertThat(deals.history(d.getId())).hasSize(3);
    }

    @Test
    void a_lost_deal_needs_a_reason() {
        Deal d = dealIn(decision, "100.00");
        long lost = stage(decision, 7).id();

        assertThatThrownBy(() -> deals.move(d.getId(), d.getVersion(), lost))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("deal.error.lost-reason-required");
                    assertThat(e.field()).isEqualTo("lostReason");
                });
        assertThatThrownBy(() -> deals.markLost(d.getId(), d.getVersion(), lost, "   "))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("deal.error.lost-reason-required"));
        assertThat(deals.card(d.getId()).stageId()).isEqualTo(stage(decision, 1).id());

        DealCard card = deals.markLost(d.getId(), d.getVersion(), lost, " 预算取消 ");

        assertThat(card.stageId()).isEqualTo(lost);
        assertThat(deals.get(d.getId()).getLostReason()).isEqualTo("预算取消");
    }

    @Test
    void a_lost_deal_cannot_be_reopened_when_the_pipeline_forbids_going_back() {
        Deal d = dealIn(decision, "100.00");
        DealCard lost =
                deals.markLost(d.getId(), d.getVersion(), stage(decision, 7).id(), "选择了竞品");

        assertThatThrownBy(() ->
                        deals.move(d.getId(), lost.version(), stage(decision, 1).id()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("deal.error.reopen-forbidden"));
    }

    @Test
    void winning_a_deal_can_record_the_purchase_with_the_customer() {
        Deal d = dealIn(funnel, "1000.00");
        long won = stage(funnel, 7).id();

        DealCard card = deals.win(
                d.getId(),
                d.getVersion(),
                won,
                new WinPurchase(
                        LocalDate.now(io.keyuan.shared.BusinessTime.ZONE),
                        "年度服务",
                        1,
                        new BigDecimal("1000.00"),
                        SalesChannel.STORE));

        assertThat(card.stageId()).isEqualTo(won);
        Deal read = deals.get(d.getId());
        assertThat(read.getPurchaseId()).isNotNull();
        assertThat(customers.purchaseCount(customer.getId())).isEqualTo(1);
        assertThat(customers.purchases(customer.getId(), 0, 10).getFirst().getProduct())
                .isEqualTo("年度服务");
    }

    @Test
    void a_move_over_a_newer_version_is_refused_and_reports_the_current_stage() {
        Deal d = dealIn(funnel, "100.00");
        TestData.as(
                "alice",
                () -> deals.move(d.getId(), d.getVersion(), stage(funnel, 2).id()),
                "STAFF");

        assertThatThrownBy(() -> TestData.as(
                        "bob",
                        () -> deals.move(
                                d.getId(), d.getVersion(), stage(funnel, 3).id()),
                        "STAFF"))
                .isInstanceOfSatisfying(DealMovedException.class, e -> {
                    assertThat(e.currentStageId()).isEqualTo(stage(funnel, 2).id());
                    assertThat(e.currentVersion()).isEqualTo(d.getVersion() + 1);
                    assertThat(e.messageKey()).isEqualTo("error.stale-by");
                    assertThat(e.args()[0]).isEqualTo("alice");
                });
        assertThat(deals.card(d.getId()).stageId()).isEqualTo(stage(funnel, 2).id());
        assertThat(deals.history(d.getId())).hasSize(2);
    }

    @Test
    void of_two_people_moving_the_same_deal_at_once_one_wins_and_the_other_is_told() throws Exception {
        Deal d = dealIn(funnel, "100.00");
        long[] targets = {stage(funnel, 2).id(), stage(funnel, 3).id()};
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                long target = targets[i];
                String who = "mover" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return TestData.as(who, () -> deals.move(d.getId(), d.getVersion(), target), "STAFF");
                    } catch (DealMovedException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get());
            }

            List<DealCard> wins = outcomes.stream()
                    .filter(DealCard.class::isInstance)
                    .map(DealCard.class::cast)
                    .toList();
            List<DealMovedException> refusals = outcomes.stream()
                    .filter(DealMovedException.class::isInstance)
                    .map(DealMovedException.class::cast)
                    .toList();
            assertThat(wins).hasSize(1);
            assertThat(refusals).hasSize(1);
            assertThat(refusals.getFirst().currentStageId())
                    .isEqualTo(wins.getFirst().stageId());
            assertThat(deals.card(d.getId()).stageId())
                    .isEqualTo(wins.getFirst().stageId());
            assertThat(deals.history(d.getId())).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_move_to_another_pipelines_stage_is_refused() {
        Deal d = dealIn(funnel, "100.00");

        assertThatThrownBy(() ->
                        deals.move(d.getId(), d.getVersion(), stage(decision, 2).id()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("deal.error.stage-other-pipeline"));
    }

    @Test
    void the_board_shows_per_stage_count_value_weighted_value_and_stale_deals() {
        long p = funnel.pipeline().id();
        Deal a = dealIn(funnel, "100.00");
        dealIn(funnel, "200.00");
        dealIn(funnel, "300.00");
        Deal big = dealIn(funnel, "1000.00");
        deals.move(big.getId(), big.getVersion(), stage(funnel, 2).id());
        // The first stage turns stale after 30 days.
        jdbc.update(
                "UPDATE deal SET stage_entered_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(40, ChronoUnit.DAYS)),
                a.getId());

        Board board = deals.board(p, DealFilter.none(), 2);

        BoardColumn first = board.columns().get(0);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.value()).isEqualByComparingTo("600.00");
        assertThat(first.weightedValue()).isEqualByComparingTo("30.00"); // 5 %
        assertThat(first.staleCount()).isEqualTo(1);
        assertThat(first.cards()).hasSize(2);
        BoardColumn second = board.columns().get(1);
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.weightedValue()).isEqualByComparingTo("100.00"); // 10 %
        assertThat(board.columns()).hasSize(8);
        assertThat(board.columns().subList(2, 8))
                .allSatisfy(c -> assertThat(c.count()).isZero());

        // Longest in the stage first: the stale deal leads the column.
        assertThat(first.cards().getFirst().id()).isEqualTo(a.getId());
        assertThat(first.cards().getFirst().stale()).isTrue();
        List<DealCard> more = deals.column(stage(funnel, 1).id(), DealFilter.none(), 2, 2);
        assertThat(more).hasSize(1);
        assertThat(more.getFirst().stale()).isFalse();
        assertThat(first.cards().subList(1, 2)).noneMatch(DealCard::stale);
    }

    @Test
    void the_list_sorts_by_each_column_both_ways_with_blank_values_last() {
        long p = funnel.pipeline().id();
        LocalDate today = LocalDate.now(io.keyuan.shared.BusinessTime.ZONE);
        TestPipelines.deal(deals, p, customer.getId(), "Bravo", "200.00", d -> d.setExpectedClose(today));
        TestPipelines.deal(deals, p, customer.getId(), "Alpha", "100.00", d -> d.setExpectedClose(null));
        TestPipelines.deal(deals, p, customer.getId(), "Charlie", "300.00", d -> d.setExpectedClose(today.plusDays(9)));

        assertThat(titles(p, DealSort.Field.TITLE, true)).containsExactly("Alpha", "Bravo", "Charlie");
        assertThat(titles(p, DealSort.Field.TITLE, false)).containsExactly("Charlie", "Bravo", "Alpha");
        assertThat(titles(p, DealSort.Field.VALUE, true)).containsExactly("Alpha", "Bravo", "Charlie");
        assertThat(titles(p, DealSort.Field.VALUE, false)).containsExactly("Charlie", "Bravo", "Alpha");
        assertThat(titles(p, DealSort.Field.EXPECTED_CLOSE, true))
                .as("no expected close: last")
                .containsExactly("Bravo", "Charlie", "Alpha");
        assertThat(titles(p, DealSort.Field.EXPECTED_CLOSE, false))
                .as("last both ways")
                .containsExactly("Charlie", "Bravo", "Alpha");
        assertThat(titles(p, DealSort.Field.UPDATED, false)).containsExactly("Charlie", "Alpha", "Bravo");
        assertThat(titles(p, DealSort.Field.STAGE, true)).hasSize(3);
        assertThat(titles(p, DealSort.Field.CUSTOMER, true)).hasSize(3);
    }

    private List<String> titles(long pipelineId, DealSort.Field field, boolean ascending) {
        return deals.page(pipelineId, DealFilter.none(), new DealSort(field, ascending), 0, 50).stream()
                .map(DealCard::title)
                .toList();
    }

    @Test
    void the_board_and_the_list_follow_the_filters() {
        long p = funnel.pipeline().id();
        dealIn(funnel, "100.00");
        dealIn(funnel, "200.00");
        TestPipelines.deal(deals, p, customer.getId(), "大单", "5000.00", d -> d.setOwnerId(424242L));
        DealFilter atLeast150 = DealFilter.none().withValue(new BigDecimal("150"), null);

        assertThat(deals.board(p, atLeast150, 10).columns().getFirst().count()).isEqualTo(2);
        assertThat(deals.board(p, DealFilter.none().withOwner(424242L), 10)
                        .columns()
                        .getFirst()
                        .value())
                .isEqualByComparingTo("5000.00");
        assertThat(deals.count(p, atLeast150)).isEqualTo(2);
        assertThat(deals.page(p, atLeast150, 0, 10))
                .extracting(DealCard::value)
                .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(new BigDecimal("150")));
        LocalDate today = LocalDate.now(io.keyuan.shared.BusinessTime.ZONE);
        assertThat(deals.count(p, DealFilter.none().withPeriod(today.minusDays(1), today)))
                .isEqualTo(3);
        assertThat(deals.count(p, DealFilter.none().withPeriod(today.minusDays(30), today.minusDays(1))))
                .isZero();
        assertThat(deals.page(p, new DealFilter(null, null, null, null, null, null, "大"), 0, 10))
                .extracting(DealCard::title)
                .containsExactly("大单");
    }

    @Test
    void totals_count_open_deals_and_their_value_and_the_deals_closed_in_the_period_for_an_owner_or_everyone() {
        io.keyuan.security.UserAccount owner = SystemActor.call(() ->
                userAdmin.create("deal.owner." + TestData.unique(), "商机负责人", "STAFF", "owner-" + TestData.unique()));
        java.time.Instant from = java.time.Instant.now().minusSeconds(3600);
        java.time.Instant to = java.time.Instant.now().plusSeconds(3600);
        DealTotals before = TestData.as("deal-manager", () -> deals.totals(from, to), "STAFF", "MANAGER");
        List<Deal> made = new java.util.ArrayList<>();
        for (String v : List.of("100.00", "250.00", "40.00", "60.00")) {
            made.add(TestPipelines.deal(
                    deals, funnel.pipeline().id(), customer.getId(), "合计" + v, v, d -> d.setOwnerId(owner.id())));
        }
        deals.win(
                made.get(2).getId(), made.get(2).getVersion(), stage(funnel, 7).id(), null);
        deals.markLost(
                made.get(3).getId(), made.get(3).getVersion(), stage(funnel, 8).id(), "价格");

        DealTotals own = TestData.as(owner.username(), () -> deals.myTotals(from, to), "STAFF");
        assertThat(own).isEqualTo(new DealTotals(2, new BigDecimal("350.00"), 1, new BigDecimal("40.00"), 1));
        assertThat(own.winRate()).isEqualByComparingTo("0.5");
        DealTotals all = TestData.as("deal-manager", () -> deals.totals(from, to), "STAFF", "MANAGER");
        assertThat(all.open() - before.open()).isEqualTo(2);
        assertThat(all.won() - before.won()).isEqualTo(1);
        assertThat(all.lost() - before.lost()).isEqualTo(1);
        // a period before the moves counts no closed deal; staff are refused everyone's totals
        DealTotals earlier =
                TestData.as(owner.username(), () -> deals.myTotals(from.minusSeconds(7200), from), "STAFF");
        assertThat(earlier.won() + earlier.lost()).isZero();
        assertThat(earlier.winRate()).isNull();
        assertThatThrownBy(() -> deals.totals(from, to))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
