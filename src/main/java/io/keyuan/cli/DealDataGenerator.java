package io.keyuan.cli;

import io.keyuan.channel.ChannelSummary;
import io.keyuan.pipeline.NewDeal;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.shared.BusinessTime;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible deals that walk a pipeline's stages as real ones do: most stop early, the furthest are won or
 * lost, every step lies between the deal's opening and now.
 */
final class DealDataGenerator {
    private static final String[] TITLES = {
        "企业版软件采购", "年度维保服务", "门店装修方案", "员工培训课程", "会员年卡", "设备租赁", "定制礼品", "物流配送合作", "广告投放套餐", "云服务器扩容"
    };
    private static final String[] LOST_REASONS = {"价格偏高", "选择了竞品", "预算取消", "需求变化", "联系不上"};

    private final SplittableRandom random;
    private final Instant now;
    private final PipelineDetail pipeline;
    private final List<Long> customers;
    private final List<ChannelSummary> channels;
    private final List<Long> owners;
    private final List<StageRow> open;
    private final List<StageRow> won;
    private final StageRow lost;

    DealDataGenerator(
            long seed,
            Instant now,
            PipelineDetail pipeline,
            List<Long> customers,
            List<ChannelSummary> channels,
            List<Long> owners) {
        this.random = new SplittableRandom(seed);
        this.now = now;
        this.pipeline = pipeline;
        this.customers = customers;
        this.channels = channels;
        this.owners = owners;
        this.open = pipeline.stages().stream()
                .filter(s -> s.kind() == StageKind.OPEN)
                .toList();
        this.won = pipeline.stages().stream()
                .filter(s -> s.kind() == StageKind.WON)
                .toList();
        this.lost = pipeline.stages().stream()
                .filter(s -> s.kind() == StageKind.LOST)
                .findFirst()
                .orElse(null);
    }

    /** A deal opened up to {@code maxAgeDays} ago; {@code openOnly} keeps it in an open stage. */
    NewDeal deal(long id, boolean openOnly, int maxAgeDays) {
        Instant created = now.minus(Duration.ofSeconds(random.nextLong(Math.max(1, maxAgeDays) * 86_400L)));
        List<StageRow> walk = new ArrayList<>();
        int reach = 0;
        while (reach < open.size() - 1 && random.nextInt(100) < 62) {
            reach++;
        }
        walk.addAll(open.subList(0, reach + 1));
        String lostReason = null;
        if (!openOnly) {
            int roll = random.nextInt(100);
            boolean atEnd = reach == open.size() - 1;
            if (atEnd && roll < 55 && !won.isEmpty()) {
                walk.add(won.getFirst());
                for (int i = 1; i < won.size() && random.nextBoolean(); i++) {
                    walk.add(won.get(i));
                }
            } else if (lost != null && roll < (atEnd ? 75 : 45)) {
                walk.add(lost);
                lostReason = LOST_REASONS[random.nextInt(LOST_REASONS.length)];
            }
        }
        long life = Math.max(1, Duration.between(created, now).toSeconds());
        double[] at = new double[walk.size()];
        for (int i = 1; i < at.length; i++) {
            at[i] = random.nextDouble();
        }
        Arrays.sort(at);
        List<NewDeal.Step> steps = new ArrayList<>();
        Long from = null;
        for (int i = 0; i < walk.size(); i++) {
            steps.add(new NewDeal.Step(from, walk.get(i).id(), created.plusSeconds((long) (at[i] * life))));
            from = walk.get(i).id();
        }
        ChannelSummary channel = channels.isEmpty() ? null : channels.get(random.nextInt(channels.size()));
        long value = Math.round(Math.exp(Math.log(1_000) + random.nextDouble() * Math.log(500.0)) / 100) * 100;
        return new NewDeal(
                id,
                pipeline.pipeline().id(),
                walk.getLast().id(),
                TITLES[random.nextInt(TITLES.length)] + " " + (1000 + id % 9000),
                customers.get(random.nextInt(customers.size())),
                BigDecimal.valueOf(value).setScale(2),
                owners.isEmpty() ? null : owners.get(random.nextInt(owners.size())),
                channel == null ? null : channel.id(),
                channel == null ? null : channel.method(),
                created,
                // Open deals expect to close a few weeks to a few months after they were opened.
                walk.getLast().kind() == StageKind.OPEN
                        ? LocalDate.ofInstant(created, BusinessTime.ZONE).plusDays(30 + random.nextInt(120))
                        : null,
                lostReason,
                steps);
    }
}
