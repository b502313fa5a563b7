package io.keyuan.shared.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.server.VaadinRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chart drawn in the browser by Apache ECharts, loaded once per page from the {@code echarts} webjar as a static
 * resource (no frontend build: the README's commands need no Node). The server keeps the option as a JSON attribute
 * of the element, so browserless tests read what would be drawn; a small script draws it and redraws on resize.
 * An empty spec shows its explanation instead of a blank frame. Every chart in the portal has its table next to it,
 * so the figures stay readable, selectable and exported even where a chart cannot be seen.
 */
@Tag("div")
public class Chart extends Component implements HasSize {
    static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";
    static final String DRAW = "/scripts/keyuan-chart.js";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChartSpec spec;
    private String emptyText = "";

    public Chart() {
        addClassName("keyuan-chart");
        setWidthFull();
        setHeight("18rem");
        getElement().setAttribute("role", "img");
    }

    /** Draws {@code spec}, or shows {@code emptyText} when there is nothing in it to draw. */
    public void show(ChartSpec spec, String emptyText) {
        this.spec = spec;
        this.emptyText = emptyText == null ? "" : emptyText;
        boolean empty = spec == null || spec.isEmpty();
        getElement().setAttribute("data-empty", this.emptyText);
        if (empty) {
            getElement().removeAttribute("data-option");
            getElement().setAttribute("aria-label", this.emptyText);
        } else {
            getElement().setAttribute("data-option", JSON.writeValueAsString(spec.option()));
            getElement()
                    .setAttribute(
                            "aria-label",
                            String.join(
                                    ", ",
                                    spec.series().stream()
                                            .map(ChartSpec.Series::name)
                                            .toList()));
        }
        draw();
    }

    /** The spec last shown; null before the first. */
    public ChartSpec spec() {
        return spec;
    }

    /** The option as JSON, as the browser receives it; null when the chart shows its empty text. */
    public String optionJson() {
        return getElement().getAttribute("data-option");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        draw();
    }

    private void draw() {
        if (getUI().isEmpty()) {
            return;
        }
        String base = contextPath();
        getElement()
                .executeJs(
                        "const el = this, echartsUrl = $0, drawUrl = $1;"
                                + "const load = (url) => new Promise((ok, fail) => {"
                                + "  const known = document.querySelector('script[src=\"' + url + '\"]');"
                                + "  if (known) { if (known.dataset.loaded) { ok(); } else {"
                                + "    known.addEventListener('load', ok); known.addEventListener('error', fail); } return; }"
                                + "  const s = document.createElement('script'); s.src = url;"
                                + "  s.addEventListener('load', () => { s.dataset.loaded = '1'; ok(); });"
                                + "  s.addEventListener('error', fail); document.head.appendChild(s); });"
                                + "load(echartsUrl).then(() => load(drawUrl)).then(() => window.keyuanChart(el))"
                                + "  .catch(() => { el.textContent = el.getAttribute('data-empty') || ''; });",
                        base + ECHARTS,
                        base + DRAW);
    }

    private static String contextPath() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? "" : request.getContextPath();
    }
}
