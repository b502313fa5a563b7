package io.keyuan.insight;

import java.time.LocalDate;
import java.util.List;

/**
 * The signed-in person's own work on {@code today} (business time): their deals and feedback ({@code tiles}), and
 * what is due today or overdue ({@code today}: feedback due, phone-survey calls waiting).
 */
public record WorkDashboard(LocalDate today, List<DashboardTile> tiles, List<DashboardTile> dueToday) {
    public WorkDashboard {
        tiles = List.copyOf(tiles);
        dueToday = List.copyOf(dueToday);
    }

    public DashboardTile tile(DashboardTile.Figure figure) {
        return java.util.stream.Stream.concat(tiles.stream(), dueToday.stream())
                .filter(t -> t.figure() == figure)
                .findFirst()
                .orElseThrow();
    }

    /** Nothing to do: no open deal, no open feedback, no call waiting. */
    public boolean idle() {
        return java.util.stream.Stream.concat(tiles.stream(), dueToday.stream())
                .allMatch(t -> t.value() == null || t.value().signum() == 0);
    }
}
