package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.segmentation.domain.Segment;
import io.keyuan.segmentation.domain.SegmentRuleSet;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rule set's settings: its name, whether its segments exclude each other, and their priority order — the order
 * that decides an exclusive set, changed with up / down buttons; segments are renamed and deleted here too, and the
 * set itself deleted (each delete confirmed, naming what goes with it). Read-only for staff.
 */
class RuleSetPanel extends VerticalLayout {
    final TextField name = new TextField();
    final Button rename = new Button();
    final Button deleteSet = new Button();
    final RadioButtonGroup<RuleSetMode> mode = new RadioButtonGroup<>();
    final Grid<SegmentSummary> order = new Grid<>();
    final Span empty = new Span();
    private final SegmentService segments;
    private final SegmentMembershipService membership;
    private final boolean manager;
    private final Consumer<RuleSetSummary> onChanged;
    private final Runnable onSetDeleted;
    private RuleSetSummary set;
    private List<SegmentSummary> list = List.of();
    private boolean loading;

    RuleSetPanel(
            SegmentService segments,
            SegmentMembershipService membership,
            boolean manager,
            Consumer<RuleSetSummary> onChanged,
            Runnable onSetDeleted) {
        this.segments = segments;
        this.membership = membership;
        this.manager = manager;
        this.onChanged = onChanged;
        this.onSetDeleted = onSetDeleted;
        setPadding(false);
        name.setId("segment-set-name");
        name.setLabel(getTranslation("segment.rule-set.name"));
        name.setMaxLength(SegmentRuleSet.NAME_LENGTH);
        name.setWidth("16em");
        name.addKeyPressListener(Key.ENTER, e -> renameSet());
        rename.setText(getTranslation("segment.settings.rename"));
        rename.setId("segment-set-rename");
        rename.addClickListener(e -> renameSet());
        deleteSet.setText(getTranslation("segment.settings.delete-set"));
        deleteSet.setIcon(VaadinIcon.TRASH.create());
        deleteSet.setId("segment-set-delete");
        deleteSet.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        deleteSet.addClickListener(e -> confirmDeleteSet());
        HorizontalLayout naming = new HorizontalLayout(name, rename, deleteSet);
        naming.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        naming.setVisible(manager);
        for (var c : List.of(name, rename, deleteSet)) {
            c.setVisible(manager);
        }
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
            order.addComponentColumn(this::actions)
                    .setHeader(getTranslation("segment.settings.move"))
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        order.setAllRowsVisible(true);
        order.setWidth(manager ? "44em" : "36em");
        empty.setId("segment-order-empty");
        empty.setText(getTranslation("segment.settings.empty"));
        add(naming, mode, order, empty);
    }

    void show(RuleSetSummary set, List<SegmentSummary> segmentsOfSet) {
        this.set = set;
        this.list = segmentsOfSet;
        loading = true;
        try {
            mode.setValue(set == null ? null : set.mode());
            name.setValue(set == null ? "" : set.name());
            name.setInvalid(false);
        } finally {
            loading = false;
        }
        order.setItems(segmentsOfSet);
        order.setVisible(!segmentsOfSet.isEmpty());
        empty.setVisible(set != null && segmentsOfSet.isEmpty());
        setVisible(set != null);
    }

    /** Up, down, rename and delete for one segment. */
    private HorizontalLayout actions(SegmentSummary s) {
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
        Button renameOne = new Button(VaadinIcon.EDIT.create(), e -> renameSegment(s));
        renameOne.setId("segment-rename-" + s.id());
        renameOne.setAriaLabel(getTranslation("segment.settings.rename-segment", s.name()));
        renameOne.setTooltipText(getTranslation("segment.settings.rename-segment", s.name()));
        Button deleteOne = new Button(VaadinIcon.TRASH.create(), e -> confirmDeleteSegment(s));
        deleteOne.setId("segment-delete-" + s.id());
        deleteOne.setAriaLabel(getTranslation("segment.settings.delete-segment", s.name()));
        deleteOne.setTooltipText(getTranslation("segment.settings.delete-segment", s.name()));
        deleteOne.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button b : List.of(up, down, renameOne, deleteOne)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        HorizontalLayout actions = new HorizontalLayout(up, down, renameOne, deleteOne);
        actions.setSpacing(false);
        return actions;
    }

    void renameSet() {
        if (!manager || set == null) {
            return;
        }
        try {
            RuleSetSummary saved = segments.renameRuleSet(set.id(), set.version(), name.getValue());
            name.setInvalid(false);
            Notifications.success(this, "segment.settings.renamed");
            onChanged.accept(saved);
        } catch (KeyuanException e) {
            name.setErrorMessage(Notifications.describe(this, e));
            name.setInvalid(true);
        }
    }

    /** A small dialog with the segment's name, saved with Enter. */
    void renameSegment(SegmentSummary s) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("segment.settings.rename-segment", s.name()));
        TextField field = new TextField(getTranslation("segment.settings.name"));
        field.setId("segment-rename-name");
        field.setMaxLength(Segment.NAME_LENGTH);
        field.setValue(s.name());
        field.setWidthFull();
        dialog.add(field);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                segments.renameSegment(s.id(), s.version(), field.getValue());
                dialog.close();
                Notifications.success(this, "segment.settings.renamed");
                onChanged.accept(set);
            } catch (KeyuanException ex) {
                field.setErrorMessage(Notifications.describe(this, ex));
                field.setInvalid(true);
            }
        });
        save.setId("segment-rename-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(dialog);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
        field.focus();
    }

    ConfirmDialog confirmDeleteSegment(SegmentSummary s) {
        ConfirmDialog dialog = confirm(
                getTranslation("segment.settings.delete-segment", s.name()),
                getTranslation(
                        "segment.settings.delete-segment.text",
                        s.name(),
                        Formats.number(membership.memberCount(s.id()), getLocale()),
                        s.ruleVersion()));
        dialog.setId("segment-delete-confirm");
        dialog.addConfirmListener(e -> {
            try {
                segments.deleteSegment(s.id(), s.version());
                Notifications.success(this, "segment.settings.deleted", s.name());
            } catch (KeyuanException ex) {
                Notifications.error(this, Notifications.describe(this, ex));
            }
            onChanged.accept(set);
        });
        dialog.open();
        return dialog;
    }

    ConfirmDialog confirmDeleteSet() {
        RuleSetSummary doomed = set;
        ConfirmDialog dialog = confirm(
                getTranslation("segment.settings.delete-set"),
                getTranslation("segment.settings.delete-set.text", doomed.name(), list.size()));
        dialog.setId("segment-set-delete-confirm");
        dialog.addConfirmListener(e -> {
            try {
                segments.deleteRuleSet(doomed.id(), doomed.version());
                Notifications.success(this, "segment.settings.deleted", doomed.name());
                onSetDeleted.run();
            } catch (KeyuanException ex) {
                Notifications.error(this, Notifications.describe(this, ex));
                onChanged.accept(doomed);
            }
        });
        dialog.open();
        return dialog;
    }

    private ConfirmDialog confirm(String header, String text) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.setConfirmText(getTranslation("action.delete"));
        dialog.setConfirmButtonTheme("error primary");
        return dialog;
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
