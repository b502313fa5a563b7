package io.keyuan.cli;

import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerBulkLoader;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.pipeline.DealBulkLoader;
import io.keyuan.pipeline.DealFilter;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.NewDeal;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineReportService;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.BusinessTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The pipeline's server time at scale, through the services exactly as the views call them: the board of a
 * pipeline holding 5,000 open deals (per-stage totals plus each column's first 20 cards), a filtered board and a
 * column's "show more"; and the funnel report (conversion, time in stage, three breakdowns) over a pipeline of
 * 200,000 deals with their stage history, for a year.
 */
@Component
class PipelineBenchmark {
    /** The board's cards per column (PipelineBoardView.PER_COLUMN). */
    private static final int PER_COLUMN = 20;

    private static final int BATCH = 2_000;
    private static final String BOARD_PIPELINE = "基准看板";
    private static final String REPORT_PIPELINE = "基准报表";

    private final PipelineService pipelines;
    private final DealService deals;
    private final PipelineReportService reports;
    private final DealBulkLoader loader;
    private final CustomerBulkLoader customerLoader;
    private final CustomerService customers;
    private final ChannelService channels;
    private final UserDirectory users;
    private final DemoSeeder seeder;

    PipelineBenchmark(
            PipelineService pipelines,
            DealService deals,
            PipelineReportService reports,
            DealBulkLoader loader,
            CustomerBulkLoader customerLoader,
            CustomerService customers,
            ChannelService channels,
            UserDirectory users,
            DemoSeeder seeder) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.reports = reports;
        this.loader = loader;
        this.customerLoader = customerLoader;
        this.customers = customers;
        this.channels = channels;
        this.users = users;
        this.seeder = seeder;
    }

    int run(Options o) {
        int boardDeals = (int) o.longFlag("board-deals", 5_000, 100, 100_000);
        int reportDeals = (int) o.longFlag("report-deals", 200_000, 1_000, 2_000_000);
        int repeat = (int) o.longFlag("repeat", 9, 1, 1_000);
        int warmup = (int) o.longFlag("warmup", 3, 0, 100);
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        long haveCustomers = customerLoader.customerCount();
        if (haveCustomers < 2_000) {
            System.out.printf("# pipeline: seeding %,d customers%n", 2_000 - haveCustomers);
            seeder.seed((int) (2_000 - haveCustomers), 4242L, today, line -> System.out.println("#   " + line));
        }
        List<Long> customerIds = new ArrayList<>();
        for (int offset = 0; offset < 5_000; offset += CustomerService.MAX_PAGE) {
            List<CustomerRef> page = customers.findRefs(null, offset, CustomerService.MAX_PAGE);
            page.forEach(c -> customerIds.add(c.id()));
            if (page.size() < CustomerService.MAX_PAGE) {
                break;
            }
        }
        List<ChannelSummary> channelList = channels.summaries();
        List<Long> owners = users.activeUsers().stream().map(UserRef::id).toList();

        PipelineDetail board = ensure(BOARD_PIPELINE, boardDeals, true, 120, customerIds, channelList, owners);
        PipelineDetail report = ensure(REPORT_PIPELINE, reportDeals, false, 365, customerIds, channelList, owners);
        loader.analyze();
        long boardId = board.pipeline().id();
        long reportId = report.pipeline().id();
        long firstStage = board.stages().getFirst().id();
        System.out.printf(
                "# %d cores, JVM %s; board pipeline %,d deals, report pipeline %,d deals; %d warm-up + %d timed runs,"
                        + " median%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                loader.dealCount(boardId),
                loader.dealCount(reportId),
                warmup,
                repeat);

        double boardMs = Timing.median(
                warmup,
                repeat,
                () -> deals.board(boardId, DealFilter.none(), PER_COLUMN)
                        .columns()
                        .size());
        DealFilter filtered = DealFilter.none().withValue(new BigDecimal("50000"), null);
        double boardFilteredMs = Timing.median(
                warmup,
                repeat,
                () -> deals.board(boardId, filtered, PER_COLUMN).columns().size());
        double moreMs = Timing.median(
                warmup,
                repeat,
                () -> deals.column(firstStage, DealFilter.none(), PER_COLUMN * 5, PER_COLUMN)
                        .size());
        double reportsMs = Timing.median(
                Math.min(warmup, 1),
                Math.min(repeat, 5),
                () -> reports.report(reportId, today.minusDays(364), today)
                        .conversions()
                        .size());

        Timing.print("pipeline.board_5000_ms", boardMs);
        Timing.print("pipeline.board_5000_filtered_ms", boardFilteredMs);
        Timing.print("pipeline.board_5000_show_more_ms", moreMs);
        Timing.print("pipeline.reports_200k_ms", reportsMs);
        return 0;
    }

    private PipelineDetail ensure(
            String name,
            int wanted,
            boolean openOnly,
            int maxAgeDays,
            List<Long> customerIds,
            List<ChannelSummary> channelList,
            List<Long> owners) {
        PipelineSummary found = pipelines.pipelines().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElse(null);
        PipelineDetail detail =
                found == null ? pipelines.copy(pipelines.templates().getFirst().id(), name) : pipelines.get(found.id());
        long have = loader.dealCount(detail.pipeline().id());
        if (have >= wanted) {
            return detail;
        }
        long started = System.nanoTime();
        DealDataGenerator generator =
                new DealDataGenerator(7L + have, Instant.now(), detail, customerIds, channelList, owners);
        long next = loader.nextDealId();
        List<NewDeal> batch = new ArrayList<>(BATCH);
        for (long i = have; i < wanted; i++) {
            batch.add(generator.deal(next++, openOnly, maxAgeDays));
            if (batch.size() == BATCH || i == wanted - 1) {
                loader.insert(batch);
                batch.clear();
            }
        }
        System.out.printf(
                "# %s: %,d deals with their stage history written in %.1f s%n",
                name, wanted - have, (System.nanoTime() - started) / 1e9);
        return detail;
    }
}
