package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rule set's settings: whether its segments exclude each other, and their priority order — the order that
 * decides an exclusive set, changed with up / down buttons. Read-only for staff.
 */
class RuleSetPanel extends VerticalLayout {
    final RadioButtonGroup<RuleSetMode> mode = new RadioButtonGroup<>();
    final Grid<SegmentSummary> order = new Grid<>();
    final Span empty = new Span();
    private final SegmentService segments;
    private final boolean manager;
    private final Consumer<RuleSetSummary> onChanged;
    private RuleSetSummary set;
    private List<SegmentSummary> list = List.of();
    private boolean loading;

    RuleSetPanel(SegmentService segments, boolean manager, Consumer<RuleSetSummary> onChanged) {
        this.segments = segments;
        this.manager = manager;
        this.onChanged = onChanged;
        setPadding(false);
        mode.setId("segment-mode");
        mode.setLabel(getTranslation("segment.rule-set.mode"));
        mode.setItems(RuleSetMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("segment.mode." + m.name()));
        mode.setReadOnly(!manager);
        mode.addValueChangeListener(e -> {
            if (!loading && set != null && e.getValue() != null) {
                changeMode(e.getValue());
            }
        });
        order.setId("segment-order");
        order.addColumn(SegmentSummary::priority)
                .setHeader(getTranslation("segment.settings.priority"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        order.addColumn(SegmentSummary::name).setHeader(getTranslation("segment.settings.name"));
        order.addColumn(SegmentSummary::ruleVersion)
                .setHeader(getTranslation("segment.settings.version"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (manager) {
            order.addComponentColumn(s -> moves(s))
                    .setHeader(getTranslation("segment.settings.move"))
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        order.setAllRowsVisible(true);
        order.setWidth("36em");
        empty.setId("segment-order-empty");
        empty.setText(getTranslation("segment.settings.empty"));
        add(mode, order, empty);
    }

    void show(RuleSetSummary set, List<SegmentSummary> segmentsOfSet) {
        this.set = set;
        this.list = segmentsOfSet;
        loading = true;
        try {
            mode.setValue(set == null ? null : set.mode());
        } finally {
            loading = false;
        }
        order.setItems(segmentsOfSet);
        order.setVisible(!segmentsOfSet.isEmpty());
        empty.setVisible(set != null && segmentsOfSet.isEmpty());
        setVisible(set != null);
    }

    private HorizontalLayout moves(SegmentSummary s) {
        int at = list.indexOf(s);
        Button up = new Button(VaadinIcon.ARROW_UP.create(), e -> move(at, -1));
        up.setId("segment-up-" + s.id());
        up.setAriaLabel(getTranslation("segment.settings.up", s.name()));
        up.setTooltipText(getTranslation("segment.settings.up", s.name()));
        up.setEnabled(at > 0);
        Button down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> move(at, 1));
        down.setId("segment-down-" + s.id());
        down.setAriaLabel(getTranslation("segment.settings.down", s.name()));
        down.setTooltipText(getTranslation("segment.settings.down", s.name()));
        down.setEnabled(at < list.size() - 1);
        up.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        down.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(up, down);
    }

    void move(int index, int by) {
        int other = index + by;
        if (!manager || index < 0 || other < 0 || other >= list.size()) {
            return;
        }
        List<Long> ids = new ArrayList<>(list.stream().map(SegmentSummary::id).toList());
        ids.set(index, list.get(other).id());
        ids.set(other, list.get(index).id());
        try {
            segments.reorder(set.id(), ids);
            onChanged.accept(set);
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
            onChanged.accept(set);
        }
    }

    private void changeMode(RuleSetMode m) {
        try {
            RuleSetSummary saved = segments.changeMode(set.id(), set.version(), m);
            Notifications.success(this, "segment.settings.mode-saved");
            onChanged.accept(saved);
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
            onChanged.accept(set);
        }
    }
}
