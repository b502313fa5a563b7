package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void a_spec_becomes_an_echarts_option_with_gaps_for_missing_values() {
        Chart chart = new Chart();
        chart.show(
                new ChartSpec(
                        ChartSpec.Kind.BAR_AND_LINE,
                        List.of("2026-10", "2026-11"),
                        List.of(
                                new ChartSpec.Series("营收", List.of(1200, 800.5)),
                                new ChartSpec.Series("ROI", Arrays.asList(1.5, null))),
                        "¥"),
                "没有数据");
        String json = chart.optionJson();
        assertThat(json)
                .contains("\"data\":[\"2026-10\",\"2026-11\"]")
                .contains("\"type\":\"bar\"")
                .contains("\"type\":\"line\"")
                .contains("\"yAxisIndex\":1")
                .contains("\"data\":[1.5,\"-\"]")
                .contains("\"name\":\"¥\"");
        assertThat(chart.getElement().getAttribute("aria-label")).isEqualTo("营收, ROI");
    }

    @Test
    void a_chart_with_nothing_to_draw_says_why_instead_of_a_blank_frame() {
        Chart chart = new Chart();
        chart.show(
                new ChartSpec(
                        ChartSpec.Kind.LINE,
                        List.of("2026-10"),
                        List.of(new ChartSpec.Series("CAC", Arrays.asList((Number) null))),
                        null),
                "这个期间没有新客户");
        assertThat(chart.optionJson()).isNull();
        assertThat(chart.getElement().getAttribute("data-empty")).isEqualTo("这个期间没有新客户");
        assertThat(chart.getElement().getAttribute("aria-label")).isEqualTo("这个期间没有新客户");
    }

    @Test
    void a_series_must_have_one_value_per_category() {
        assertThatThrownBy(() -> new ChartSpec(
                        ChartSpec.Kind.BAR, List.of("a", "b"), List.of(new ChartSpec.Series("x", List.of(1))), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values for 2 categories");
    }

    @Test
    void a_funnel_keeps_its_stages_in_order_without_axes() {
        Chart chart = new Chart();
        chart.show(
                new ChartSpec(
                        ChartSpec.Kind.FUNNEL,
                        List.of("初选", "精选", "成交"),
                        List.of(new ChartSpec.Series("到达", Arrays.asList(3, null, 1))),
                        null),
                "没有商机");
        assertThat(chart.optionJson())
                .contains("\"type\":\"funnel\"")
                .contains("\"sort\":\"none\"")
                .contains("{\"name\":\"初选\",\"value\":3},{\"name\":\"精选\",\"value\":0}")
                .contains("\"max\":3.0")
                .doesNotContain("xAxis");
    }
}
