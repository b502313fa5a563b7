package io.keyuan.pipeline.ui;

import static io.keyuan.pipeline.TestPipelines.stage;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.NewDeal;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@AsStaff
class PipelineBoardViewTest extends KeyuanViewTest {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.keyuan.pipeline.DealBulkLoader loader;

    private PipelineDetail funnel;
    private Customer customer;

    @BeforeEach
    void aPipeline() {
        funnel = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "看板" + unique());
        customer = TestPipelines.customer(customers, "看板客户" + unique());
    }

    private Deal deal(PipelineDetail p, String title, String value) {
        return TestPipelines.deal(deals, p.pipeline().id(), customer.getId(), title, value);
    }

    private PipelineBoardView openBoard(PipelineDetail p) {
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate(
                        PipelineBoardView.class,
                        com.vaadin.flow.router.QueryParameters.of(
                                "pipeline", String.valueOf(p.pipeline().id())));
        return $(PipelineBoardView.class).single();
    }

    private DealCard card(long dealId) {
        return SystemActor.call(() -> deals.card(dealId));
    }

    @Test
    void the_board_shows_a_column_per_stage_with_totals_and_cards() {
        deal(funnel, "甲商机", "100.00");
        deal(funnel, "乙商机", "300.00");

        PipelineBoardView view = openBoard(funnel);

        assertThat(view.columns).hasSize(8);
        StageRow first = stage(funnel, 1);
        PipelineBoardView.ColumnView column = view.columns.get(first.id());
        assertThat(column.shownCards()).extracting(DealCard::title).containsExactlyInAnyOrder("甲商机", "乙商机");
        assertThat(textOf(column))
                .contains(
                        t("pipeline.stage.targets"),
                        t("pipeline.board.total", "¥400.00"),
                        t("pipeline.board.weighted", "¥20.00", 5));
        assertThat(textOf(view)).doesNotContain("pipeline.stage.");
    }

    @Test
    void template_stage_and_pipeline_names_follow_the_users_language_until_renamed() {
        PipelineDetail untouched = SystemActor.call(() -> pipelines.copy(TestPipelines.DECISION_TEMPLATE, null));
        setLocale(java.util.Locale.ENGLISH);

        PipelineBoardView view = openBoard(untouched);

        assertThat(view.pipeline.getItemLabelGenerator().apply(view.pipeline.getValue()))
                .isEqualTo("Purchase decision");
        assertThat(textOf(view.board)).contains("Awareness", "Knowledge", "Post-purchase review", "Lost");
        assertThat(textOf(view.board)).doesNotContain("意识");
        setLocale(java.util.Locale.TRADITIONAL_CHINESE);
        PipelineBoardView tw = openBoard(funnel);
        assertThat(textOf(tw.board)).contains("所有目標對象", "接觸和資訊處理");
    }

    @Test
    void dropping_a_card_on_another_stage_moves_the_deal_and_keeps_the_change() {
        Deal d = deal(funnel, "拖动", "100.00");
        PipelineBoardView view = openBoard(funnel);

        view.drop(card(d.getId()), stage(funnel, 2));

        assertThat(card(d.getId()).stageId()).isEqualTo(stage(funnel, 2).id());
        assertThat(view.columns.get(stage(funnel, 2).id()).shownCards())
                .extracting(DealCard::id)
                .containsExactly(d.getId());
        assertThat(SystemActor.call(() -> deals.history(d.getId())).getLast().changedBy())
                .isEqualTo(STAFF_USER);
    }

    @Test
    void a_move_the_pipeline_forbids_is_refused_with_the_reason() {
        PipelineDetail decision = TestPipelines.copy(pipelines, TestPipelines.DECISION_TEMPLATE, "决策看板" + unique());
        Deal d = deal(decision, "跳级", "100.00");
        PipelineBoardView view = openBoard(decision);

        view.drop(card(d.getId()), stage(decision, 3));

        assertThat(notificationTexts()).contains(t("deal.error.skip-forbidden"));
        assertThat(card(d.getId()).stageId()).isEqualTo(stage(decision, 1).id());
    }

    @Test
    void a_deal_someone_else_moved_meanwhile_is_shown_where_it_is_now() {
        Deal d = deal(funnel, "并发", "100.00");
        PipelineBoardView view = openBoard(funnel);
        DealCard seen = view.columns.get(stage(funnel, 1).id()).shownCards().getFirst();
        SystemActor.call(
                () -> deals.move(d.getId(), d.getVersion(), stage(funnel, 4).id()));

        view.drop(seen, stage(funnel, 2));

        assertThat(notificationTexts())
                .anySatisfy(text -> assertThat(text).contains(t("deal.moved.now-in", t("pipeline.stage.shortlist"))));
        assertThat(card(d.getId()).stageId()).isEqualTo(stage(funnel, 4).id());
        assertThat(view.columns.get(stage(funnel, 4).id()).shownCards())
                .extracting(DealCard::id)
                .containsExactly(d.getId());
        assertThat(view.columns.get(stage(funnel, 2).id()).shownCards()).isEmpty();
    }

    @Test
    void dropping_on_a_lost_stage_asks_for_the_reason() {
        Deal d = deal(funnel, "流失", "100.00");
        PipelineBoardView view = openBoard(funnel);

        view.drop(card(d.getId()), stage(funnel, 8));
        DealMoves.LostDialog dialog = $(DealMoves.LostDialog.class).single();
        test($(Button.class).id("deal-lost-confirm")).click();

        assertThat(dialog.reason.isInvalid()).isTrue();
        assertThat(card(d.getId()).stageId()).isEqualTo(stage(funnel, 1).id());

        test(dialog.reason).setValue("预算不足");
        test($(Button.class).id("deal-lost-confirm")).click();

        assertThat(card(d.getId()).stageId()).isEqualTo(stage(funnel, 8).id());
        assertThat(SystemActor.call(() -> deals.get(d.getId()).getLostReason())).isEqualTo("预算不足");
    }

    @Test
    void dropping_on_the_won_stage_can_record_the_purchase() {
        Deal d = deal(funnel, "赢单", "888.00");
        PipelineBoardView view = openBoard(funnel);

        view.drop(card(d.getId()), stage(funnel, 7));
        DealMoves.WinDialog dialog = $(DealMoves.WinDialog.class).single();
        assertThat(dialog.amount.getValue()).isEqualByComparingTo("888.00");
        test($(Button.class).id("deal-win-confirm")).click();

        assertThat(card(d.getId()).stageId()).isEqualTo(stage(funnel, 7).id());
        assertThat(SystemActor.call(() -> customers.purchaseCount(customer.getId())))
                .isEqualTo(1);
    }

    @Test
    void a_long_column_shows_its_first_cards_and_more_on_request() {
        for (int i = 0; i < PipelineBoardView.PER_COLUMN + 5; i++) {
            deal(funnel, "批量" + i, "10.00");
        }
        PipelineBoardView view = openBoard(funnel);
        PipelineBoardView.ColumnView column = view.columns.get(stage(funnel, 1).id());

        assertThat(column.shownCards()).hasSize(PipelineBoardView.PER_COLUMN);
        assertThat(column.more.isVisible()).isTrue();
        test(column.more).click();

        assertThat(column.shownCards()).hasSize(PipelineBoardView.PER_COLUMN + 5);
        assertThat(column.shownCards()).extracting(DealCard::id).doesNotHaveDuplicates();
        assertThat(column.more.isVisible()).isFalse();
    }

    @Test
    void at_5000_open_deals_the_board_shows_totals_for_all_and_renders_only_each_columns_first_cards() {
        long next = SystemActor.call(() -> loader.nextDealId());
        List<NewDeal> many = new java.util.ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 5_000; i++) {
            StageRow s = stage(funnel, 1 + i % 6);
            Instant at = now.minus(i % 50, ChronoUnit.DAYS);
            many.add(new NewDeal(
                    next + i,
                    funnel.pipeline().id(),
                    s.id(),
                    "批量商机" + i,
                    customer.getId(),
                    new BigDecimal("100.00"),
                    null,
                    null,
                    null,
                    at,
                    null,
                    null,
                    List.of(new NewDeal.Step(null, s.id(), at))));
        }
        SystemActor.run(() -> loader.insert(many));

        long started = System.nanoTime();
        PipelineBoardView view = openBoard(funnel);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(view.columns.values().stream()
                        .mapToLong(c -> c.column.count())
                        .sum())
                .isEqualTo(5_000);
        assertThat(view.columns.values())
                .allSatisfy(c -> assertThat(c.shownCards().size()).isLessThanOrEqualTo(PipelineBoardView.PER_COLUMN));
        assertThat(textOf(view.columns.get(stage(funnel, 1).id()))).contains(t("pipeline.board.total", "¥83,400.00"));
        System.out.printf("board of 5,000 deals opened in %d ms%n", millis);
    }

    @Test
    void stale_cards_are_marked_and_counted() {
        Deal d = deal(funnel, "停滞", "10.00");
        deal(funnel, "新鲜", "10.00");
        jdbc.update(
                "UPDATE deal SET stage_entered_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(45, ChronoUnit.DAYS)),
                d.getId());

        PipelineBoardView view = openBoard(funnel);

        PipelineBoardView.ColumnView column = view.columns.get(stage(funnel, 1).id());
        assertThat(column.shownCards())
                .filteredOn(DealCard::stale)
                .extracting(DealCard::id)
                .containsExactly(d.getId());
        assertThat(textOf(column)).contains(t("pipeline.board.stale-count", 1));
    }

    @Test
    void the_value_filter_narrows_every_column() {
        deal(funnel, "小单", "50.00");
        deal(funnel, "大单", "5000.00");
        PipelineBoardView view = openBoard(funnel);

        test(view.filters.minValue).setValue(new BigDecimal("1000"));

        assertThat(view.columns.get(stage(funnel, 1).id()).shownCards())
                .extracting(DealCard::title)
                .containsExactly("大单");
    }

    @Test
    void staff_opens_a_deal_in_the_dialog_from_the_new_button() {
        PipelineBoardView view = openBoard(funnel);
        String title = "新商机" + unique();

        test($(Button.class).id("deal-new")).click();
        DealDialog dialog = $(DealDialog.class).single();
        test(dialog.title).setValue(title);
        dialog.customer.setValue(
                SystemActor.call(() -> customers.ref(customer.getId()).orElseThrow()));
        test(dialog.value).setValue(new BigDecimal("1200.00"));
        test($(Button.class).id("deal-contact-add")).click();
        DealDialog.ContactRow contact = dialog.contactRows().getFirst();
        test(contact.name).setValue("赵敏");
        contact.role.setValue(io.keyuan.pipeline.ContactRole.DECISION_MAKER);
        test($(Button.class).id("deal-save")).click();

        assertThat(dialog.isOpened()).isFalse();
        DealCard created = view.columns.get(stage(funnel, 1).id()).shownCards().stream()
                .filter(c -> c.title().equals(title))
                .findFirst()
                .orElseThrow();
        Deal saved = SystemActor.call(() -> deals.get(created.id()));
        assertThat(saved.getValue()).isEqualByComparingTo("1200.00");
        assertThat(saved.getContacts()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("赵敏");
            assertThat(c.getRole()).isEqualTo(io.keyuan.pipeline.ContactRole.DECISION_MAKER);
        });
    }

    @Test
    void a_deal_without_title_or_customer_is_not_saved() {
        openBoard(funnel);

        test($(Button.class).id("deal-new")).click();
        DealDialog dialog = $(DealDialog.class).single();
        test($(Button.class).id("deal-save")).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.title.isInvalid()).isTrue();
        assertThat(dialog.customer.isInvalid()).isTrue();
    }

    @Test
    void a_deal_is_moved_from_its_dialog_with_the_keyboard() {
        Deal d = deal(funnel, "键盘", "10.00");
        PipelineBoardView view = openBoard(funnel);

        view.open(card(d.getId()));
        DealDialog dialog = $(DealDialog.class).single();
        dialog.moveTo.setValue(stage(funnel, 3));
        test($(Button.class).id("deal-move")).click();

        assertThat(card(d.getId()).stageId()).isEqualTo(stage(funnel, 3).id());
        assertThat(dialog.isOpened()).isFalse();
    }
}
