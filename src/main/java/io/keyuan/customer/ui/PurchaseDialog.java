package io.keyuan.customer.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Notifications;
import java.time.LocalDate;

/** Records one purchase for a customer. */
class PurchaseDialog extends Dialog {
    final DatePicker date = new DatePicker();
    final TextField product = new TextField();
    final IntegerField quantity = new IntegerField();
    final BigDecimalField amount = new BigDecimalField();
    final Select<SalesChannel> channel = new Select<>();

    PurchaseDialog(CustomerService customers, long customerId, Runnable onSaved) {
        setId("purchase-dialog");
        setHeaderTitle(getTranslation("purchase.add"));
        date.setLabel(getTranslation("purchase.field.date"));
        date.setI18n(DatePickers.i18n(this));
        date.setMax(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE));
        date.setValue(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE));
        product.setLabel(getTranslation("purchase.field.product"));
        product.setMaxLength(Purchase.PRODUCT_LENGTH);
        product.setId("purchase-product");
        quantity.setLabel(getTranslation("purchase.field.quantity"));
        // the range is PurchaseRules.quantity, as in the sheet; the field's own min/max would say less
        io.keyuan.shared.ui.NumberFields.explained(quantity);
        quantity.setStepButtonsVisible(true);
        amount.setLabel(getTranslation("purchase.field.amount"));
        amount.setId("purchase-amount");
        io.keyuan.shared.ui.NumberFields.explained(amount);
        channel.setLabel(getTranslation("purchase.field.channel"));
        channel.setItems(SalesChannel.values());
        channel.setItemLabelGenerator(EnumLabels.generator(this));

        BeanValidationBinder<Purchase> binder = new BeanValidationBinder<>(Purchase.class);
        binder.forField(date)
                .asRequired(getTranslation("validation.required"))
                .withValidator(
                        d -> !d.isAfter(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE)),
                        getTranslation("purchase.error.future"))
                .bind("purchaseDate");
        binder.forField(product)
                .asRequired(getTranslation("validation.required"))
                .bind("product");
        binder.forField(quantity)
                .asRequired(getTranslation("validation.required"))
                .withValidator(io.keyuan.shared.ui.FieldRules.check(this, io.keyuan.customer.PurchaseRules::quantity))
                .bind("quantity");
        binder.forField(amount)
                .asRequired(getTranslation("validation.required"))
                .withValidator(io.keyuan.shared.ui.FieldRules.check(this, io.keyuan.shared.Amounts::money))
                .bind("amount");
        binder.forField(channel)
                .asRequired(getTranslation("validation.required"))
                .bind("channel");
        Purchase bean = new Purchase();
        bean.setPurchaseDate(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE));
        binder.readBean(bean);

        FormLayout form = new FormLayout(date, product, quantity, amount, channel);
        add(form);
        Button save = new Button(getTranslation("action.save"), e -> {
            if (!binder.writeBeanIfValid(bean)) {
                return;
            }
            try {
                customers.addPurchase(customerId, bean);
                Notifications.success(this, "purchase.saved");
                close();
                onSaved.run();
            } catch (KeyuanException ex) {
                Notifications.error(this, Notifications.describe(this, ex));
            }
        });
        save.setId("purchase-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).resetFocusOnActiveElement();
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        getFooter().add(cancel, save);
        product.focus();
    }
}
