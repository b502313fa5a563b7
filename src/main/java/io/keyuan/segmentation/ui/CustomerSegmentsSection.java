package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.keyuan.segmentation.CatalogueField;
import io.keyuan.segmentation.CustomerExplanation;
import io.keyuan.segmentation.CustomerSegmentStay;
import io.keyuan.segmentation.RuleDescriber;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleNodeExplanation;
import io.keyuan.segmentation.RuleSetExplanation;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.SegmentExplainService;
import io.keyuan.segmentation.SegmentExplanation;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.RecordSection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The customer page's segments: for every rule set, whether each segment's rule matches the customer now and why
 * (each condition true or false with the customer's value), which segments the last refresh put them in, and their
 * entries and exits over time.
 */
@org.springframework.stereotype.Component
class CustomerSegmentsSection implements RecordSection {
    private final SegmentExplainService explain;
    private final SegmentMembershipService membership;
    private final RuleDescriber describer;

    CustomerSegmentsSection(
            SegmentExplainService explain, SegmentMembershipService membership, RuleDescriber describer) {
        this.explain = explain;
        this.membership = membership;
        this.describer = describer;
    }

    @Override
    public String page() {
        return CUSTOMER;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Component create(long customerId) {
        return new Panel(customerId);
    }

    /** The section itself; built when the page renders, in the page's locale. */
    final class Panel extends VerticalLayout {
        private final Map<Long, String> channelNames;
        private final Map<CatalogueField, Map<Long, String>> stageNames = new java.util.HashMap<>();

        Panel(long customerId) {
            setId("customer-segments");
            setPadding(false);
            setSpacing(false);
            setWidthFull();
            channelNames = describer.channelNames();
            add(new H3(getTranslation("segment.why.title")));

            CustomerExplanation why = explain.explain(customerId);
            List<CustomerSegmentStay> current = membership.currentSegments(customerId);
            Map<Long, CustomerSegmentStay> currentBySegment =
                    current.stream().collect(Collectors.toMap(CustomerSegmentStay::segmentId, s -> s, (a, b) -> a));
            if (why.ruleSets().isEmpty()) {
                Span empty = new Span(getTranslation("segment.why.no-rules"));
                empty.addClassName("keyuan-audit");
                add(empty);
                return;
            }
            Span hint = new Span(getTranslation("segment.why.hint"));
            hint.addClassName("keyuan-audit");
            add(hint);
            for (RuleSetExplanation set : why.ruleSets()) {
                add(ruleSet(set, currentBySegment));
            }
            add(history(customerId));
        }

        private Component ruleSet(RuleSetExplanation set, Map<Long, CustomerSegmentStay> current) {
            Div box = new Div();
            box.addClassName("keyuan-segment-set");
            H4 title = new H4(set.name() + " · "
                    + getTranslation("enum.RuleSetMode." + set.mode().name()));
            title.getStyle().set("margin", "var(--lumo-space-s) 0 0 0");
            box.add(title);
            if (set.segments().isEmpty()) {
                Span none = new Span(getTranslation("segment.why.no-segments"));
                none.addClassName("keyuan-audit");
                box.add(none);
            }
            for (SegmentExplanation segment : set.segments()) {
                box.add(segment(set, segment, current.get(segment.segmentId())));
            }
            return box;
        }

        private Component segment(RuleSetExplanation set, SegmentExplanation segment, CustomerSegmentStay stay) {
            Span verdict = new Span((segment.matches() ? "✓ " : "✗ ")
                    + getTranslation(segment.matches() ? "segment.why.matches" : "segment.why.no-match"));
            verdict.addClassNames("keyuan-badge", segment.matches() ? "why-true" : "why-false");
            Span name = new Span(segment.name());
            name.getStyle().set("font-weight", "600");
            HorizontalLayout summary = new HorizontalLayout(verdict, name);
            summary.setSpacing(true);
            summary.setAlignItems(Alignment.BASELINE);
            if (set.mode() == RuleSetMode.EXCLUSIVE
                    && segment.matches()
                    && set.assignedSegmentId() != null
                    && set.assignedSegmentId() != segment.segmentId()) {
                summary.add(note(getTranslation("segment.why.earlier-wins")));
            }
            summary.add(note(
                    stay == null
                            ? getTranslation("segment.why.not-member")
                            : getTranslation("segment.why.member-since", Formats.dateTime(stay.enteredAt()))));

            VerticalLayout lines = new VerticalLayout();
            lines.setPadding(false);
            lines.setSpacing(false);
            Map<String, RuleNodeExplanation> byPath = new HashMap<>();
            segment.nodes().forEach(n -> byPath.put(n.path(), n));
            if (segment.nodes().isEmpty()) {
                lines.add(note(getTranslation("segment.membership.skip.unreadable")));
            } else {
                for (RuleDescriber.Line line : describer.describe(rule(segment), getLocale(), channelNames)) {
                    lines.add(line(line, byPath));
                }
            }
            // under the rule, not in the summary: a click on the summary only opens or closes it
            Anchor members = new Anchor(
                    SegmentMembershipView.link(segment.segmentId()), getTranslation("segment.why.members-link"));
            members.setId("why-members-" + segment.segmentId());
            lines.add(members);
            Details details = new Details(summary, lines);
            details.setId("why-" + segment.segmentId());
            details.setWidthFull();
            return details;
        }

        private RuleNode rule(SegmentExplanation segment) {
            return segment.nodes().getFirst().node();
        }

        private Component line(RuleDescriber.Line line, Map<String, RuleNodeExplanation> byPath) {
            RuleNodeExplanation node = byPath.get(line.path());
            Div row = new Div();
            row.addClassName("keyuan-why-line");
            row.getStyle().set("padding-left", (line.depth() * 1.5) + "em");
            if (node == null) {
                row.setText(line.text());
                return row;
            }
            Span mark = new Span(node.result() ? "✓" : "✗");
            mark.addClassName(node.result() ? "why-true" : "why-false");
            mark.getElement()
                    .setAttribute(
                            "aria-label", getTranslation(node.result() ? "segment.why.true" : "segment.why.false"));
            row.add(mark, new Span(" " + line.text()));
            RuleNodeExplanation condition = node.node() instanceof RuleNode.Not
                    ? byPath.get(line.path().isEmpty() ? "1" : line.path() + ".1")
                    : node;
            if (condition != null && condition.node() instanceof RuleNode.Condition c) {
                Span value = new Span(" " + getTranslation("segment.why.value", show(c.field(), condition.value())));
                value.addClassName("keyuan-audit");
                row.add(value);
            }
            return row;
        }

        private String show(CatalogueField field, Object value) {
            if (value == null) {
                return getTranslation("segment.why.empty");
            }
            return switch (field.type()) {
                case ENUM -> getTranslation("enum." + field.enumType().getSimpleName() + "." + value);
                case BOOLEAN -> getTranslation(Boolean.TRUE.equals(value) ? "segment.yes" : "segment.no");
                case DATE -> value instanceof LocalDate d ? Formats.date(d) : String.valueOf(value);
                case NUMBER ->
                    value instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : String.valueOf(value);
                case CHANNEL -> channelNames.getOrDefault(value, "#" + value);
                case STAGE ->
                    value instanceof java.util.Collection<?> ids
                            ? ids.isEmpty()
                                    ? getTranslation("segment.why.empty")
                                    : ids.stream()
                                            .map(id -> stageName(field, id))
                                            .collect(Collectors.joining("、"))
                            : String.valueOf(value);
                default -> String.valueOf(value);
            };
        }

        private String stageName(CatalogueField field, Object id) {
            return stageNames
                    .computeIfAbsent(field, f -> describer.stageNames(f, getLocale()))
                    .getOrDefault(id, "#" + id);
        }

        private Component history(long customerId) {
            H4 title = new H4(getTranslation("segment.why.history"));
            title.getStyle().set("margin", "var(--lumo-space-m) 0 0 0");
            Grid<CustomerSegmentStay> grid = new Grid<>();
            grid.setId("customer-segment-history");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            grid.setAllRowsVisible(true);
            grid.setEmptyStateText(getTranslation("segment.why.history-empty"));
            grid.addColumn(s -> s.ruleSetName() + " › " + s.segmentName())
                    .setHeader(getTranslation("segment.why.segment"))
                    .setAutoWidth(true)
                    .setFlexGrow(1);
            grid.addColumn(s -> Formats.dateTime(s.enteredAt()))
                    .setHeader(getTranslation("segment.why.entered"))
                    .setAutoWidth(true);
            grid.addColumn(s -> s.exitedAt() == null
                            ? getTranslation("segment.why.still-in")
                            : Formats.dateTime(s.exitedAt()))
                    .setHeader(getTranslation("segment.why.exited"))
                    .setAutoWidth(true);
            grid.setItems(membership.customerHistory(customerId));
            VerticalLayout box = new VerticalLayout(title, grid);
            box.setPadding(false);
            box.setSpacing(false);
            return box;
        }

        private Span note(String text) {
            Span s = new Span(text);
            s.addClassName("keyuan-audit");
            return s;
        }
    }
}
