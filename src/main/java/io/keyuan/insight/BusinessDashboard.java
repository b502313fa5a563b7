package io.keyuan.insight;

import io.keyuan.pipeline.DealTotals;
import io.keyuan.survey.Scores;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The business at a glance for managers: {@code month} (the current one) against the month before, tile by tile,
 * with the figures they come from (deals closed and NPS answers of both months) and how current the rollups behind
 * them are: {@code channelFiguresAsOf} (new customers, revenue: kept current by every change since that rebuild;
 * null before the first) and {@code customerSnapshotAsOf} (active and churned customers: as of that build; null
 * before the first).
 */
public record BusinessDashboard(
        YearMonth month,
        List<DashboardTile> tiles,
        DealTotals deals,
        DealTotals dealsBefore,
        Scores nps,
        Scores npsBefore,
        Instant channelFiguresAsOf,
        Instant customerSnapshotAsOf) {

    public BusinessDashboard {
        tiles = List.copyOf(tiles);
    }

    public DashboardTile tile(DashboardTile.Figure figure) {
        return tiles.stream().filter(t -> t.figure() == figure).findFirst().orElseThrow();
    }
}
