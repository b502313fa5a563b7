package io.keyuan.customer.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.NewPurchaseReturn;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.customer.ReturnedTotals;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.customer.domain.PurchaseReturn;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Records a return of one purchase: what is left to return is shown; Enter saves, Esc closes. */
class ReturnDialog extends Dialog {
    final Span left = new Span();
    final DatePicker date = new DatePicker();
    final IntegerField quantity = new IntegerField();
    final BigDecimalField amount = new BigDecimalField();
    final TextField reason = new TextField();
    final Button save = new Button();

    ReturnDialog(PurchaseReturns returns, Purchase purchase, Runnable onSaved) {
        setId("return-dialog");
        setHeaderTitle(getTranslation(
                "purchase.return.title", purchase.getProduct(), Formats.date(purchase.getPurchaseDate())));
        ReturnedTotals totals = returns.totals(purchase.getId());
        left.setId("return-left");
        left.addClassName("keyuan-audit");
        left.setText(getTranslation(
                "purchase.return.left",
                totals.quantityLeft(),
                totals.purchasedQuantity(),
                Formats.money(totals.amountLeft(), getLocale()),
                Formats.money(totals.purchasedAmount(), getLocale())));
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        date.setId("return-date");
        date.setLabel(getTranslation("purchase.return.field.date"));
        date.setI18n(DatePickers.i18n(this));
        date.setMin(purchase.getPurchaseDate());
        date.setMax(today);
        date.setValue(today);
        quantity.setId("return-quantity");
        quantity.setLabel(getTranslation("purchase.return.field.quantity"));
        quantity.setHelperText(getTranslation("purchase.return.field.quantity-help"));
        quantity.setValue(totals.quantityLeft() > 0 ? 1 : 0);
        quantity.setStepButtonsVisible(true);
        amount.setId("return-amount");
        amount.setLabel(getTranslation("purchase.return.field.amount"));
        reason.setId("return-reason");
        reason.setLabel(getTranslation("purchase.return.field.reason"));
        reason.setMaxLength(PurchaseReturn.REASON_LENGTH);
        reason.setRequiredIndicatorVisible(true);
        FormLayout form = new FormLayout(date, quantity, amount, reason);
        add(left, form);

        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        cancel.setId("return-cancel");
        save.setText(getTranslation("action.save"));
        save.setId("return-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            for (HasValidation f : List.<HasValidation>of(date, quantity, amount, reason)) {
                f.setInvalid(false);
            }
            try {
                returns.record(new NewPurchaseReturn(
                        purchase.getId(), date.getValue(), quantity.getValue(), amount.getValue(), reason.getValue()));
                Notifications.success(this, "purchase.return.saved");
                close();
                onSaved.run();
            } catch (KeyuanException ex) {
                Notifications.showOnField(
                        this, Map.of("date", date, "quantity", quantity, "amount", amount, "reason", reason), ex);
            }
        });
        save.addClickShortcut(Key.ENTER).listenOn(this);
        getFooter().add(cancel, save);
        amount.focus();
    }
}
