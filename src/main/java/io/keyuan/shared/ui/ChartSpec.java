package io.keyuan.shared.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Chart} draws: categories along one axis and one or more named series of values over them. Values
 * may be null (a month with no cost has no acquisition cost): the chart leaves a gap there rather than drawing a
 * zero. The spec turns itself into an Apache ECharts option; nothing else in the portal knows ECharts' format.
 */
public record ChartSpec(Kind kind, List<String> categories, List<Series> series, String unit) {

    /** How the series are drawn. */
    public enum Kind {
        BAR,
        STACKED_BAR,
        LINE,
        /** Bars for the first series, lines on a second axis for the rest (e.g. revenue against ROI). */
        BAR_AND_LINE,
        /** A funnel of the first series over the categories in their order (stages reached, say); no axes. */
        FUNNEL
    }

    /** One named row of values, one per category. */
    public record Series(String name, List<? extends Number> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    public ChartSpec {
        Objects.requireNonNull(kind, "kind");
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has "
                        + s.values().size() + " values for " + categories.size() + " categories");
            }
        }
    }

    /** True when there is nothing to draw: no category, or no value that is not null. */
    public boolean isEmpty() {
        return categories.isEmpty()
                || series.stream().allMatch(s -> s.values().stream().allMatch(Objects::isNull));
    }

    /** The ECharts option as plain maps and lists, ready for a JSON writer. */
    Map<String, Object> option() {
        if (kind == Kind.FUNNEL) {
            return funnelOption();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", Map.of("top", 0, "type", "scroll"));
        o.put("grid", Map.of("left", 8, "right", 8, "top", 36, "bottom", 8, "containLabel", true));
        o.put("xAxis", Map.of("type", "category", "data", categories));
        List<Object> axes = new ArrayList<>();
        axes.add(axis(unit));
        if (kind == Kind.BAR_AND_LINE && series.size() > 1) {
            axes.add(axis(null));
        }
        o.put("yAxis", axes);
        List<Object> drawn = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", s.name());
            boolean line = kind == Kind.LINE || (kind == Kind.BAR_AND_LINE && i > 0);
            d.put("type", line ? "line" : "bar");
            if (kind == Kind.STACKED_BAR) {
                d.put("stack", "all");
            }
            if (kind == Kind.BAR_AND_LINE && i > 0) {
                d.put("yAxisIndex", 1);
            }
            if (line) {
                d.put("connectNulls", false);
            }
            List<Object> values = new ArrayList<>(s.values().size());
            for (Number n : s.values()) {
                values.add(n == null ? "-" : n);
            }
            d.put("data", values);
            drawn.add(d);
        }
        o.put("series", drawn);
        return o;
    }

    /** The categories in their own order (sort none), widths by value, each labelled with its name and value. */
    private Map<String, Object> funnelOption() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("tooltip", Map.of("trigger", "item", "formatter", "{b}: {c}"));
        Series s = series.getFirst();
        List<Object> data = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < categories.size(); i++) {
            Number n = s.values().get(i);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", categories.get(i));
            d.put("value", n == null ? 0 : n);
            data.add(d);
            max = Math.max(max, n == null ? 0 : n.doubleValue());
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", s.name());
        f.put("type", "funnel");
        f.put("sort", "none");
        f.put("min", 0);
        f.put("max", max > 0 ? max : 1);
        f.put("minSize", "8%");
        f.put("gap", 2);
        f.put("left", "10%");
        f.put("width", "80%");
        f.put("top", 8);
        f.put("bottom", 8);
        f.put("label", Map.of("show", true, "position", "inside", "formatter", "{b}  {c}", "color", "#fff"));
        f.put("data", data);
        o.put("series", List.of(f));
        return o;
    }

    private static Map<String, Object> axis(String unit) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "value");
        if (unit != null && !unit.isBlank()) {
            a.put("name", unit);
        }
        return a;
    }
}
