package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.pricing.CustomerTiers;
import io.keyuan.pricing.ManualTier;
import io.keyuan.pricing.TierAssignment;
import io.keyuan.pricing.TierRow;
import io.keyuan.pricing.TierService;
import io.keyuan.pricing.TierSource;
import io.keyuan.pricing.domain.TierOverride;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.shared.ui.RecordSection;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The customer page's price tier: which tier prices them and why (the segment that put them there, or the manual
 * tier with who set it, when, why and until when), or that they have none and pay the prices for everyone. Staff set
 * or clear a manual tier here.
 */
@org.springframework.stereotype.Component
class CustomerTierSection implements RecordSection {
    private final CustomerTiers customerTiers;
    private final TierService tiers;

    CustomerTierSection(CustomerTiers customerTiers, TierService tiers) {
        this.customerTiers = customerTiers;
        this.tiers = tiers;
    }

    @Override
    public String page() {
        return CUSTOMER;
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public Component create(long customerId) {
        return new Panel(customerId);
    }

    /** The section itself, rebuilt in place after a manual tier is set or cleared. */
    final class Panel extends VerticalLayout {
        private final long customerId;
        final Span summary = new Span();
        final Span why = new Span();
        final Button setManual = new Button();
        final Button clearManual = new Button();

        Panel(long customerId) {
            this.customerId = customerId;
            setId("customer-tier");
            setPadding(false);
            setSpacing(false);
            setWidthFull();
            summary.setId("customer-tier-summary");
            summary.getStyle().set("font-weight", "600");
            why.setId("customer-tier-why");
            why.addClassName("keyuan-audit");
            setManual.setText(getTranslation("pricing.tier.manual.set"));
            setManual.setId("customer-tier-set");
            setManual.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            setManual.addClickListener(e -> new ManualTierDialog(this).open());
            clearManual.setText(getTranslation("pricing.tier.manual.clear"));
            clearManual.setId("customer-tier-clear");
            clearManual.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            clearManual.addClickListener(e -> {
                if (Notifications.attempt(this, () -> tiers.clearManual(customerId))) {
                    Notifications.success(this, "pricing.tier.manual.cleared");
                    load();
                }
            });
            add(
                    new H3(getTranslation("pricing.tier.section.title")),
                    summary,
                    why,
                    new HorizontalLayout(setManual, clearManual));
            load();
        }

        void load() {
            Optional<TierAssignment> tier = customerTiers.of(customerId);
            Optional<ManualTier> manual = tiers.manual(customerId);
            if (tier.isEmpty()) {
                summary.setText(getTranslation("pricing.tier.section.none"));
                why.setText(getTranslation("pricing.tier.section.none-why"));
            } else {
                TierAssignment a = tier.get();
                summary.setText(a.tierName());
                if (a.source() == TierSource.MANUAL) {
                    why.setText(getTranslation(
                            a.validUntil() == null
                                    ? "pricing.tier.section.manual-open"
                                    : "pricing.tier.section.manual-until",
                            manual.map(ManualTier::setBy).orElse(a.setBy()),
                            Formats.dateTime(manual.map(ManualTier::setAt).orElse(a.assignedAt())),
                            a.reason(),
                            Formats.date(a.validUntil())));
                } else {
                    why.setText(getTranslation(
                            "pricing.tier.section.segment",
                            a.segmentName() == null
                                    ? getTranslation("pricing.tier.deleted-segment", a.segmentId())
                                    : a.segmentName()));
                }
            }
            manual.filter(m -> !m.valid())
                    .ifPresent(m -> why.setText(why.getText() + " "
                            + getTranslation(
                                    "pricing.tier.section.manual-ended", m.tierName(), Formats.date(m.validUntil()))));
            clearManual.setVisible(manual.isPresent());
            setManual.setText(
                    getTranslation(manual.isPresent() ? "pricing.tier.manual.change" : "pricing.tier.manual.set"));
        }

        long customerId() {
            return customerId;
        }
    }

    /** Staff choose the tier, say why and until when (Enter saves, Esc closes). */
    final class ManualTierDialog extends Dialog {
        private final Panel panel;
        final Select<TierRow> tier = new Select<>();
        final TextField reason = new TextField();
        final DatePicker until = new DatePicker();
        final Button save = new Button();

        ManualTierDialog(Panel panel) {
            this.panel = panel;
            setId("manual-tier-dialog");
            setHeaderTitle(getTranslation("pricing.tier.manual.title"));
            tier.setLabel(getTranslation("pricing.tier.manual.tier"));
            tier.setId("manual-tier-tier");
            tier.setItems(tiers.tiers());
            tier.setItemLabelGenerator(TierRow::name);
            reason.setLabel(getTranslation("pricing.tier.manual.reason"));
            reason.setId("manual-tier-reason");
            reason.setMaxLength(TierOverride.REASON_LENGTH);
            reason.setRequiredIndicatorVisible(true);
            until.setLabel(getTranslation("pricing.tier.manual.until"));
            until.setId("manual-tier-until");
            until.setI18n(DatePickers.i18n(this));
            until.setMin(LocalDate.now(BusinessTime.ZONE));
            until.setHelperText(getTranslation("pricing.tier.manual.until-help"));
            tiers.manual(panel.customerId()).ifPresent(m -> {
                tier.getListDataView()
                        .getItems()
                        .filter(t -> t.id() == m.tierId())
                        .findFirst()
                        .ifPresent(tier::setValue);
                reason.setValue(m.reason());
                if (m.valid()) {
                    until.setValue(m.validUntil());
                }
            });
            add(new FormLayout(tier, reason, until));
            Button cancel = new Button(getTranslation("action.cancel"), e -> close());
            cancel.setId("manual-tier-cancel");
            save.setText(getTranslation("action.save"));
            save.setId("manual-tier-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            save.addClickShortcut(Key.ENTER).listenOn(this);
            getFooter().add(cancel, save);
        }

        void save() {
            try {
                TierRow chosen = tier.getValue();
                tiers.setManual(
                        panel.customerId(), chosen == null ? null : chosen.id(), reason.getValue(), until.getValue());
                Notifications.success(this, "pricing.tier.manual.saved");
                close();
                panel.load();
            } catch (KeyuanException e) {
                Notifications.showOnField(this, Map.of("tierId", tier, "reason", reason, "validUntil", until), e);
            }
        }
    }
}
