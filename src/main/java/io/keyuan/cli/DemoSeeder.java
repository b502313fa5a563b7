package io.keyuan.cli;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerBulkLoader;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.NewCustomer;
import io.keyuan.customer.NewPurchase;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Fills the database with demo channels, customers and purchases, through the modules' bulk APIs. */
@Component
class DemoSeeder {
    static final int BATCH = 2_000;

    private record DemoChannel(String name, ChannelCategory category, AcquisitionMethod method, int monthlyCost) {}

    private static final List<DemoChannel> CHANNELS = List.of(
            new DemoChannel("老客户介绍", ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, 3000),
            new DemoChannel("自然到店", ChannelCategory.NATURAL, AcquisitionMethod.CONSULTING, 0),
            new DemoChannel("搜索引擎优化", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, 12000),
            new DemoChannel("微信公众号", ChannelCategory.ONLINE, AcquisitionMethod.ADVERTISING, 8000),
            new DemoChannel("抖音广告", ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING, 30000),
            new DemoChannel("电话咨询", ChannelCategory.NATURAL, AcquisitionMethod.CONSULTING, 2000),
            new DemoChannel("行业交易会", ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR, 25000),
            new DemoChannel("社区活动", ChannelCategory.PROMOTION, AcquisitionMethod.EVENTS, 6000),
            new DemoChannel("合作伙伴推荐", ChannelCategory.PARTNER, AcquisitionMethod.REFERRAL, 5000),
            new DemoChannel("电子邮件营销", ChannelCategory.ONLINE, AcquisitionMethod.ADVERTISING, 3000),
            new DemoChannel("地推扫楼", ChannelCategory.PROMOTION, AcquisitionMethod.CANVASSING, 15000),
            new DemoChannel("异业联盟", ChannelCategory.PARTNER, AcquisitionMethod.EVENTS, 4000),
            new DemoChannel("口碑点评", ChannelCategory.REFERRAL, AcquisitionMethod.RESEARCH, 1000));

    private final ChannelService channels;
    private final CustomerBulkLoader loader;
    private final CustomerMetricsService metrics;
    private final UserDirectory users;

    DemoSeeder(
            ChannelService channels, CustomerBulkLoader loader, CustomerMetricsService metrics, UserDirectory users) {
        this.channels = channels;
        this.loader = loader;
        this.metrics = metrics;
        this.users = users;
    }

    /** Creates the demo channels with two years of monthly costs, unless channels exist already. */
    List<ChannelSummary> ensureChannels(long seed, LocalDate today) {
        if (!channels.summaries().isEmpty()) {
            return channels.summaries();
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
        for (DemoChannel d : CHANNELS) {
            ChannelSummary saved = channels.create(new ChannelDraft(d.name(), d.category(), d.method(), true, null));
            if (d.monthlyCost() > 0) {
                YearMonth month = YearMonth.from(today);
                for (int i = 0; i < 24; i++) {
                    int cost = d.monthlyCost() * (80 + random.nextInt(41)) / 100;
                    channels.setCost(saved.id(), month.minusMonths(i), BigDecimal.valueOf(cost), null);
                }
            }
        }
        channels.create(
                new ChannelDraft("报纸广告（已停用）", ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING, false, null));
        return channels.summaries();
    }

    /**
     * Tops the database up to {@code target} customers for a benchmark suite (reproducibly: the seed follows the count
     * already there), printing what it finds and how long seeding took as comment lines.
     */
    void ensureCustomers(String suite, int target) {
        long have = loader.customerCount();
        System.out.printf("# %s: %,d customers present, %,d wanted%n", suite, have, target);
        if (have < target) {
            long started = System.nanoTime();
            seed(
                    (int) (target - have),
                    42L + have,
                    LocalDate.now(io.keyuan.shared.BusinessTime.ZONE),
                    line -> System.out.println("#   " + line));
            System.out.printf("# seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** Adds {@code count} customers after the existing ones, with purchases, then refreshes the metrics. */
    long seed(int count, long seed, LocalDate today, Consumer<String> progress) {
        long purchaseCount = insert(count, seed, today, progress);
        refreshAfterInsert();
        return purchaseCount;
    }

    /**
     * Adds the customers with their purchases as {@link #seed} does, without the metrics refresh it ends with: for a
     * caller that adds more rows before refreshing once.
     */
    long insert(int count, long seed, LocalDate today, Consumer<String> progress) {
        List<ChannelSummary> channelList = ensureChannels(seed, today);
        List<Long> owners = users.activeUsers().stream().map(UserRef::id).toList();
        long firstId = loader.nextCustomerId();
        DemoDataGenerator generator = new DemoDataGenerator(seed, today, channelList, owners);
        List<NewCustomer> batch = new ArrayList<>(BATCH);
        List<NewPurchase> purchases = new ArrayList<>(BATCH * 5);
        long purchaseCount = 0;
        for (int i = 0; i < count; i++) {
            batch.add(generator.customer(firstId + i, firstId, purchases));
            if (batch.size() == BATCH || i == count - 1) {
                loader.insertCustomers(batch);
                loader.insertPurchases(purchases);
                purchaseCount += purchases.size();
                batch.clear();
                purchases.clear();
                if ((i + 1) % 100_000 == 0 || i == count - 1) {
                    progress.accept((i + 1) + " customers, " + purchaseCount + " purchases");
                }
            }
        }
        return purchaseCount;
    }

    /** Refreshes every customer's metrics and the optimizer's statistics after rows were added with {@link #insert}. */
    void refreshAfterInsert() {
        metrics.refreshAll(n -> {});
        loader.analyze();
    }
}
