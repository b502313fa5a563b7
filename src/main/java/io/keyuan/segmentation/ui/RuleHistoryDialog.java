package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import io.keyuan.segmentation.RuleDescriber;
import io.keyuan.segmentation.RuleException;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleProblem;
import io.keyuan.segmentation.RuleVersionRow;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A segment's saved versions (number, when, who, note); the selected one is shown as a line diff against the
 * version before it or against the current one, each changed line marked with + or − as well as coloured, so
 * that the change does not depend on seeing colour. Managers restore a version as a new one.
 */
class RuleHistoryDialog extends Dialog {
    enum Against {
        PREVIOUS,
        CURRENT
    }

    final Grid<RuleVersionRow> versions = new Grid<>();
    final RadioButtonGroup<Against> against = new RadioButtonGroup<>();
    final Div diff = new Div();
    final Span error = new Span();
    final Button restore = new Button();
    List<RuleDescriber.DiffLine> shown = List.of();

    private final SegmentService segments;
    private final RuleDescriber describer;
    private final SegmentSummary segment;
    private final Map<Long, String> channelNames;
    private final List<RuleVersionRow> rows;

    RuleHistoryDialog(
            SegmentService segments,
            RuleDescriber describer,
            SegmentSummary segment,
            boolean manager,
            Consumer<SegmentSummary> onRestored) {
        this.segments = segments;
        this.describer = describer;
        this.segment = segment;
        this.channelNames = describer.channelNames();
        this.rows = segments.versions(segment.id());
        setHeaderTitle(getTranslation("segment.history.title", segment.name()));
        setId("segment-history-dialog");
        setWidth("900px");

        versions.setId("history-versions");
        versions.addColumn(r -> r.versionNo() == segment.ruleVersion()
                        ? r.versionNo() + " " + getTranslation("segment.history.current")
                        : String.valueOf(r.versionNo()))
                .setHeader(getTranslation("segment.history.version"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        versions.addColumn(r -> Formats.dateTime(r.savedAt()))
                .setHeader(getTranslation("segment.history.when"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        versions.addColumn(RuleVersionRow::savedBy)
                .setHeader(getTranslation("segment.history.who"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        versions.addColumn(r -> describer.note(r.changeNote(), getLocale()))
                .setHeader(getTranslation("segment.history.note"));
        versions.setItems(rows);
        // a few versions show whole; a long history scrolls
        versions.setAllRowsVisible(rows.size() <= 6);
        versions.setHeight(rows.size() <= 6 ? null : "14em");
        versions.addSelectionListener(e -> showDiff());

        against.setId("history-against");
        against.setLabel(getTranslation("segment.history.against"));
        against.setItems(Against.values());
        against.setItemLabelGenerator(a -> getTranslation("segment.history.against." + a.name()));
        against.setValue(Against.PREVIOUS);
        against.addValueChangeListener(e -> showDiff());

        diff.setId("history-diff");
        diff.getStyle()
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("white-space", "pre")
                .set("overflow", "auto")
                .set("max-height", "20em");
        error.setId("history-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");

        restore.setText(getTranslation("segment.history.restore"));
        restore.setId("history-restore");
        restore.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        restore.setVisible(manager);
        restore.setEnabled(false);
        restore.addClickListener(e -> restoreSelected(onRestored));
        Button close = new Button(getTranslation("action.close"), e -> close());
        close.setId("history-close");
        getFooter().add(close, restore);

        add(new VerticalLayout(versions, against, diff, error));
        if (!rows.isEmpty()) {
            versions.select(rows.getFirst());
        }
    }

    private void showDiff() {
        diff.removeAll();
        error.setText("");
        RuleVersionRow selected = versions.asSingleSelect().getValue();
        restore.setEnabled(selected != null && selected.versionNo() != segment.ruleVersion());
        if (selected == null) {
            shown = List.of();
            diff.add(new Span(getTranslation("segment.history.pick")));
            return;
        }
        RuleNode base = null;
        if (against.getValue() == Against.CURRENT) {
            base = segment.rule();
        } else {
            for (RuleVersionRow r : rows) {
                if (r.versionNo() < selected.versionNo()) {
                    base = r.rule();
                    break; // rows are newest first: the first older one is the version before
                }
            }
        }
        List<RuleDescriber.Line> now = describer.describe(selected.rule(), getLocale(), channelNames);
        List<RuleDescriber.Line> before =
                base == null ? List.of() : describer.describe(base, getLocale(), channelNames);
        if (base == null) {
            diff.add(new Div(getTranslation("segment.history.first")));
        }
        // against the previous version: what this one changed; against the current one: what restoring it would
        shown = RuleDescriber.diff(before, now);
        for (RuleDescriber.DiffLine line : shown) {
            diff.add(line(line));
        }
    }

    private Div line(RuleDescriber.DiffLine d) {
        String marker = switch (d.change()) {
            case ADDED -> "+ ";
            case REMOVED -> "− ";
            case UNCHANGED -> "  ";
        };
        // the marker and the indent stay out of the line-through, so that "−" still reads as a minus
        String indented = d.line().indented();
        String words = indented.stripLeading();
        Span text = new Span(words);
        Div div = new Div(new Span(marker + indented.substring(0, indented.length() - words.length())), text);
        div.addClassName("diff-" + d.change().name().toLowerCase(java.util.Locale.ROOT));
        switch (d.change()) {
            case ADDED -> {
                div.getStyle().set("background", "var(--lumo-success-color-10pct)");
                div.getElement().setAttribute("title", getTranslation("segment.history.added"));
            }
            case REMOVED -> {
                div.getStyle().set("background", "var(--lumo-error-color-10pct)");
                text.getStyle().set("text-decoration", "line-through");
                div.getElement().setAttribute("title", getTranslation("segment.history.removed"));
            }
            case UNCHANGED -> div.getStyle().set("color", "var(--lumo-secondary-text-color)");
        }
        return div;
    }

    private void restoreSelected(Consumer<SegmentSummary> onRestored) {
        RuleVersionRow selected = versions.asSingleSelect().getValue();
        if (selected == null) {
            return;
        }
        try {
            SegmentSummary saved = segments.restore(segment.id(), segment.version(), selected.versionNo());
            Notifications.success(this, "segment.history.restored", saved.ruleVersion());
            close();
            onRestored.accept(saved);
        } catch (RuleException e) {
            StringBuilder text = new StringBuilder();
            for (RuleProblem p : e.problems()) {
                text.append(getTranslation(
                                "segment.editor.problem",
                                p.path().isEmpty() ? getTranslation("segment.editor.root") : p.path(),
                                getTranslation(p.key(), p.args())))
                        .append(' ');
            }
            error.setText(getTranslation(
                    "segment.history.cannot-restore", text.toString().strip()));
        } catch (KeyuanException e) {
            error.setText(Notifications.describe(this, e));
        }
    }
}
