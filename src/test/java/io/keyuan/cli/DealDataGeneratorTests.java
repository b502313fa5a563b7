package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.pipeline.NewDeal;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DealDataGeneratorTests {
    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");

    private static PipelineDetail funnel() {
        List<StageRow> stages = List.of(
                new StageRow(11, 1, 1, "a", null, 10, StageKind.OPEN, 30, 0),
                new StageRow(12, 1, 2, "b", null, 40, StageKind.OPEN, 14, 0),
                new StageRow(13, 1, 3, "c", null, 70, StageKind.OPEN, 7, 0),
                new StageRow(14, 1, 4, "won", null, 100, StageKind.WON, null, 0),
                new StageRow(15, 1, 5, "lost", null, 0, StageKind.LOST, null, 0));
        return new PipelineDetail(new PipelineSummary(1, "p", null, false, true, true, 0), stages);
    }

    private static List<NewDeal> deals(boolean openOnly) {
        DealDataGenerator g = new DealDataGenerator(
                3,
                NOW,
                funnel(),
                List.of(100L, 101L),
                List.of(new ChannelSummary(5, "c", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, true)),
                List.of(7L));
        return java.util.stream.LongStream.range(1, 2_001)
                .mapToObj(id -> g.deal(id, openOnly, 365))
                .toList();
    }

    @Test
    void every_deal_walks_forward_through_the_stages_between_its_opening_and_now() {
        Map<Long, StageRow> stages =
                funnel().stages().stream().collect(Collectors.toMap(StageRow::id, Function.identity()));
        for (NewDeal d : deals(false)) {
            assertThat(d.history().getFirst().from()).isNull();
            assertThat(d.history().getFirst().to()).isEqualTo(11);
            assertThat(d.history().getLast().to()).isEqualTo(d.stageId());
            assertThat(d.history().getFirst().at()).isAfterOrEqualTo(d.createdAt());
            assertThat(d.history().getLast().at()).isBeforeOrEqualTo(NOW);
            for (int i = 1; i < d.history().size(); i++) {
                NewDeal.Step s = d.history().get(i);
                assertThat(s.from()).isEqualTo(d.history().get(i - 1).to());
                assertThat(s.at()).isAfterOrEqualTo(d.history().get(i - 1).at());
                assertThat(stages.get(s.to()).position())
                        .isGreaterThan(stages.get(s.from()).position());
            }
            assertThat(d.lostReason() != null).isEqualTo(d.stageId() == 15);
            assertThat(d.method()).isEqualTo(AcquisitionMethod.RESEARCH);
        }
    }

    @Test
    void open_only_deals_stay_in_open_stages_and_the_mix_is_funnel_shaped() {
        assertThat(deals(true)).allSatisfy(d -> assertThat(d.stageId()).isBetween(11L, 13L));
        Map<Long, Long> byStage =
                deals(false).stream().collect(Collectors.groupingBy(NewDeal::stageId, Collectors.counting()));
        assertThat(byStage.keySet()).containsExactlyInAnyOrder(11L, 12L, 13L, 14L, 15L);
        assertThat(byStage.get(11L)).isGreaterThan(byStage.get(13L));
    }
}
