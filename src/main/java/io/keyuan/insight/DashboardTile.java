package io.keyuan.insight;

import java.math.BigDecimal;

/**
 * One tile of the home dashboard: a figure ({@code value}), the same figure a month before ({@code previous}; null
 * when there is none to compare with, or the tile compares nothing) and, for some tiles, a second figure ({@code
 * detail}: the number of open deals under their value, the overdue items under the open ones). Percentages and NPS
 * are points (25.0 is 25 %); a figure that cannot be computed — a win rate without closed deals, NPS without answers —
 * is null, shown as "—".
 */
public record DashboardTile(Figure figure, BigDecimal value, BigDecimal previous, BigDecimal detail) {

    /** What a figure is counted in. */
    public enum Kind {
        COUNT,
        MONEY,
        /** A share in percent (a win rate); its change is in percentage points. */
        PERCENT,
        /** A score on its own scale (NPS, −100 to 100); its change is in points. */
        POINTS
    }

    /** Which way a figure went since the month before. */
    public enum Trend {
        UP,
        DOWN,
        SAME,
        /** Nothing to compare with. */
        NONE
    }

    /** The tiles, in the order the dashboard shows them; docs/insight.md says what each counts. */
    public enum Figure {
        NEW_CUSTOMERS(Kind.COUNT, null, true, true),
        REVENUE(Kind.MONEY, null, true, true),
        PIPELINE_VALUE(Kind.MONEY, Kind.COUNT, false, true),
        WIN_RATE(Kind.PERCENT, null, true, true),
        ACTIVE_CUSTOMERS(Kind.COUNT, null, true, true),
        CHURNED_CUSTOMERS(Kind.COUNT, null, true, false),
        NPS(Kind.POINTS, null, true, true),
        MY_OPEN_DEALS(Kind.COUNT, Kind.MONEY, false, true),
        MY_WON_DEALS(Kind.COUNT, Kind.MONEY, true, true),
        MY_OPEN_FEEDBACK(Kind.COUNT, Kind.COUNT, false, false),
        FEEDBACK_DUE(Kind.COUNT, Kind.COUNT, false, false),
        PHONE_CALLS(Kind.COUNT, null, false, false);

        private final Kind kind;
        private final Kind detailKind;
        private final boolean compared;
        private final boolean higherIsBetter;

        Figure(Kind kind, Kind detailKind, boolean compared, boolean higherIsBetter) {
            this.kind = kind;
            this.detailKind = detailKind;
            this.compared = compared;
            this.higherIsBetter = higherIsBetter;
        }

        public Kind kind() {
            return kind;
        }

        /** The kind of the second figure; null for tiles without one. */
        public Kind detailKind() {
            return detailKind;
        }

        /** Whether the tile compares with the month before. */
        public boolean compared() {
            return compared;
        }

        /** Whether a rise is good news (more churned customers is not). */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }
    }

    /** value − previous; null when either is missing. */
    public BigDecimal change() {
        return value == null || previous == null ? null : value.subtract(previous);
    }

    public Trend trend() {
        BigDecimal change = change();
        if (change == null) {
            return Trend.NONE;
        }
        return switch (change.signum()) {
            case 1 -> Trend.UP;
            case -1 -> Trend.DOWN;
            default -> Trend.SAME;
        };
    }

    /** Whether the change is good news (null when there is none or nothing changed). */
    public Boolean better() {
        Trend t = trend();
        if (t == Trend.NONE || t == Trend.SAME) {
            return null;
        }
        return (t == Trend.UP) == figure.higherIsBetter();
    }
}
