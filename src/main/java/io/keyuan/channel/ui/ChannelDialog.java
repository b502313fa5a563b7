package io.keyuan.channel.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelCostRow;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Edit one channel and its monthly costs. Read-only for staff. */
class ChannelDialog extends Dialog {
    private final ChannelService channels;
    private final SourceChannel channel;
    private final Runnable onChange;
    final TextField name = new TextField();
    final Select<ChannelCategory> category = new Select<>();
    final Select<AcquisitionMethod> method = new Select<>();
    final Checkbox active = new Checkbox();
    final TextArea description = new TextArea();
    final Grid<ChannelCostRow> costs = new Grid<>();
    final Select<YearMonth> costMonth = new Select<>();
    final BigDecimalField costAmount = new BigDecimalField();
    final Button save = new Button();
    private final BeanValidationBinder<SourceChannel> binder = new BeanValidationBinder<>(SourceChannel.class);

    ChannelDialog(ChannelService channels, SourceChannel channel, boolean manager, Runnable onChange) {
        this.channels = channels;
        this.channel = channel;
        this.onChange = onChange;
        setId("channel-dialog");
        setWidth("min(52rem, 95vw)");
        setHeaderTitle(channel.isNew() ? getTranslation("channel.new") : channel.getName());

        name.setLabel(getTranslation("channel.field.name"));
        name.setId("channel-name");
        name.setMaxLength(SourceChannel.NAME_LENGTH);
        category.setLabel(getTranslation("channel.field.category"));
        category.setId("channel-category");
        category.setItems(ChannelCategory.values());
        category.setItemLabelGenerator(EnumLabels.generator(this));
        method.setLabel(getTranslation("channel.field.method"));
        method.setId("channel-method");
        method.setItems(AcquisitionMethod.values());
        method.setItemLabelGenerator(EnumLabels.generator(this));
        active.setLabel(getTranslation("channel.field.active"));
        description.setLabel(getTranslation("channel.field.description"));
        description.setMaxLength(SourceChannel.DESCRIPTION_LENGTH);

        binder.forField(name).asRequired(getTranslation("validation.required")).bind("name");
        binder.forField(category)
                .asRequired(getTranslation("validation.required"))
                .bind("category");
        binder.forField(method)
                .asRequired(getTranslation("validation.required"))
                .bind("acquisitionMethod");
        binder.forField(active).bind("active");
        binder.forField(description).bind("description");
        binder.readBean(channel);
        binder.setReadOnly(!manager);

        FormLayout form = new FormLayout(name, category, method, active, description);
        form.setColspan(description, 2);
        VerticalLayout body = new VerticalLayout(form);
        body.setPadding(false);
        if (!channel.isNew()) {
            body.add(costSection(manager));
        }
        add(body);

        Button close = new Button(getTranslation(manager ? "action.cancel" : "action.close"), e -> close());
        close.setId("channel-close");
        if (manager) {
            save.setText(getTranslation("action.save"));
            save.setId("channel-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL)
                    .resetFocusOnActiveElement()
                    .setBrowserDefaultAllowed(false);
            if (!channel.isNew()) {
                Button delete = new Button(getTranslation("action.delete"), e -> confirmDelete());
                delete.setId("channel-delete");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                delete.getStyle().set("margin-inline-end", "auto");
                getFooter().add(delete);
            }
            getFooter().add(close, save);
        } else {
            getFooter().add(close);
        }
    }

    private VerticalLayout costSection(boolean manager) {
        H4 title = new H4(getTranslation("channel.costs.title"));
        costs.setId("channel-costs");
        costs.setHeight("14rem");
        costs.addThemeVariants(GridVariant.LUMO_COMPACT);
        costs.setEmptyStateText(getTranslation("channel.costs.empty"));
        costs.addColumn(r -> r.month().toString())
                .setHeader(getTranslation("channel.costs.month"))
                .setAutoWidth(true);
        costs.addColumn(r -> Formats.money(r.amount(), getLocale()))
                .setHeader(getTranslation("channel.costs.amount"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        costs.addColumn(r -> r.updatedBy() + " · " + Formats.dateTime(r.updatedAt()))
                .setHeader(getTranslation("audit.updated"))
                .setAutoWidth(true);
        if (manager) {
            costs.addComponentColumn(r -> {
                        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                            if (Notifications.attempt(this, () -> channels.deleteCost(r.id()))) {
                                loadCosts();
                            }
                        });
                        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                        remove.setAriaLabel(getTranslation("action.delete"));
                        return remove;
                    })
                    .setFlexGrow(0)
                    .setWidth("4rem");
        }
        loadCosts();
        VerticalLayout box = new VerticalLayout(title, costs);
        box.setPadding(false);
        if (manager) {
            List<YearMonth> months = new ArrayList<>();
            YearMonth now = YearMonth.now(Formats.ZONE);
            for (int i = 0; i < 36; i++) { // no future month: ChannelRules.costMonth
                months.add(now.minusMonths(i));
            }
            costMonth.setItems(months);
            costMonth.setValue(now);
            costMonth.setLabel(getTranslation("channel.costs.month"));
            costMonth.setId("channel-cost-month");
            costAmount.setLabel(getTranslation("channel.costs.amount"));
            costAmount.setId("channel-cost-amount");
            costAmount.setPrefixComponent(new Span("¥"));
            io.keyuan.shared.ui.NumberFields.explained(costAmount);
            Button set = new Button(getTranslation("channel.costs.set"), e -> setCost());
            set.setId("channel-cost-set");
            HorizontalLayout add = new HorizontalLayout(costMonth, costAmount, set);
            add.setAlignItems(FlexComponent.Alignment.BASELINE);
            box.add(add);
        }
        return box;
    }

    private void loadCosts() {
        costs.setItems(channels.costs(channel.getId()));
    }

    private void setCost() {
        try {
            channels.setCost(channel.getId(), costMonth.getValue(), costAmount.getValue(), null);
            costAmount.clear();
            costAmount.setInvalid(false);
            loadCosts();
        } catch (KeyuanException e) {
            costAmount.setErrorMessage(Notifications.describe(this, e));
            costAmount.setInvalid(true);
        }
    }

    void save() {
        if (!binder.writeBeanIfValid(channel)) {
            return;
        }
        try {
            channels.save(channel);
            Notifications.success(this, "channel.saved", channel.getName());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            Notifications.showOnField(this, java.util.Map.of("name", name), e);
        }
    }

    private void confirmDelete() {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("channel.delete.title"),
                getTranslation("channel.delete.text", channel.getName()),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> channels.delete(channel.getId(), channel.getVersion()))) {
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
