package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import io.keyuan.pricing.SegmentChoice;
import io.keyuan.pricing.TierService;
import io.keyuan.pricing.domain.PriceTier;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.Notifications;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Edit one tier and the segments it follows (Enter saves, Esc closes). Read-only for staff. */
class TierDialog extends Dialog {
    private final TierService tiers;
    private final PriceTier tier;
    private final Runnable onChange;
    final TextField code = new TextField();
    final TextField name = new TextField();
    final IntegerField priority = new IntegerField();
    final TextField description = new TextField();
    final MultiSelectComboBox<SegmentChoice> segments = new MultiSelectComboBox<>();
    final Button save = new Button();
    final Button delete = new Button();
    private final BeanValidationBinder<PriceTier> binder = new BeanValidationBinder<>(PriceTier.class);

    TierDialog(TierService tiers, PriceTier tier, boolean manager, Runnable onChange) {
        this.tiers = tiers;
        this.tier = tier;
        this.onChange = onChange;
        setId("tier-dialog");
        setWidth("min(44rem, 95vw)");
        setHeaderTitle(tier.isNew() ? getTranslation("pricing.tier.new") : tier.getName());

        code.setLabel(getTranslation("pricing.tier.field.code"));
        code.setId("tier-code");
        code.setMaxLength(PriceTier.CODE_LENGTH);
        name.setLabel(getTranslation("pricing.tier.field.name"));
        name.setId("tier-name");
        name.setMaxLength(PriceTier.NAME_LENGTH);
        priority.setLabel(getTranslation("pricing.tier.field.priority"));
        priority.setId("tier-priority");
        priority.setMin(1);
        priority.setHelperText(getTranslation("pricing.tier.field.priority-help"));
        description.setLabel(getTranslation("pricing.tier.field.description"));
        description.setId("tier-description");
        description.setMaxLength(PriceTier.DESCRIPTION_LENGTH);
        segments.setLabel(getTranslation("pricing.tier.field.segments"));
        segments.setId("tier-segments");
        List<SegmentChoice> choices = new ArrayList<>(tiers.segmentChoices());
        Set<Long> known = choices.stream().map(SegmentChoice::id).collect(Collectors.toSet());
        for (Long id : tier.getSegmentIds()) {
            if (!known.contains(id)) { // a deleted segment stays bound until a manager removes it here
                choices.add(new SegmentChoice(id, "", getTranslation("pricing.tier.deleted-segment", id)));
            }
        }
        segments.setItems(choices);
        segments.setItemLabelGenerator(c -> c.ruleSetName().isEmpty() ? c.name() : c.label());

        String required = getTranslation("validation.required");
        binder.forField(code).asRequired(required).bind("code");
        binder.forField(name).asRequired(required).bind("name");
        binder.forField(priority)
                .withConverter((Integer p) -> p == null ? 0 : p, (Integer m) -> m == null || m == 0 ? null : m)
                .bind(PriceTier::getPriority, PriceTier::setPriority);
        binder.forField(description).bind("description");
        binder.forField(segments)
                .bind(
                        t -> choices.stream()
                                .filter(c -> t.getSegmentIds().contains(c.id()))
                                .collect(Collectors.toCollection(LinkedHashSet::new)),
                        (t, chosen) -> t.setSegmentIds(
                                chosen.stream().map(SegmentChoice::id).collect(Collectors.toSet())));
        binder.readBean(tier);
        binder.setReadOnly(!manager);

        FormLayout form = new FormLayout(code, name, priority, description, segments);
        form.setColspan(segments, 2);
        add(form);

        Button close = new Button(getTranslation(manager ? "action.cancel" : "action.close"), e -> close());
        close.setId("tier-close");
        if (manager) {
            save.setText(getTranslation("action.save"));
            save.setId("tier-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            save.addClickShortcut(Key.ENTER).listenOn(this);
            if (!tier.isNew()) {
                delete.setText(getTranslation("action.delete"));
                delete.setId("tier-delete");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                delete.getStyle().set("margin-inline-end", "auto");
                delete.addClickListener(e -> confirmDelete());
                getFooter().add(delete);
            }
            getFooter().add(close, save);
        } else {
            getFooter().add(close);
        }
    }

    void save() {
        if (!binder.writeBeanIfValid(tier)) {
            Notifications.fixErrors(this, List.of(code, name, priority));
            return;
        }
        try {
            tiers.save(tier);
            Notifications.success(this, "pricing.tier.saved", tier.getName());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            Notifications.showOnField(
                    this, Map.of("code", code, "name", name, "priority", priority, "description", description), e);
        }
    }

    private void confirmDelete() {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("pricing.tier.delete-title"),
                getTranslation("pricing.tier.delete-text", tier.getName()),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> tiers.delete(tier.getId(), tier.getVersion()))) {
                        close();
                        onChange.run();
                    }
                });
        d.setConfirmButtonTheme("error primary");
        d.setCancelable(true);
        d.setCancelText(getTranslation("action.cancel"));
        d.open();
    }
}
