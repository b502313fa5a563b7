package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.SalesChannel;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealMovedException;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.WinPurchase;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Notifications;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * Moving a deal, from the board (drag and drop) or the deal dialog: a lost stage asks for the reason, a won stage
 * offers to record the purchase; a refusal says why, and a deal someone else moved meanwhile is shown where it
 * is now.
 */
final class DealMoves {
    private DealMoves() {}

    /** Moves the deal to the stage; {@code onDone} runs after a move and after a refusal (to show the truth). */
    static void move(
            Component source,
            DealService deals,
            DealCard card,
            StageRow to,
            LongFunction<String> stageName,
            Runnable onDone) {
        if (card.stageId() == to.id()) {
            return;
        }
        if (to.kind() == StageKind.LOST) {
            new LostDialog(source, deals, card, to, stageName, onDone).open();
        } else if (to.kind() == StageKind.WON) {
            new WinDialog(source, deals, card, to, stageName, onDone).open();
        } else {
            attempt(source, () -> deals.move(card.id(), card.version(), to.id()), stageName, onDone, Map.of());
        }
    }

    /** Runs a move; true when it went through or was refused for good (the dialog may close). */
    static boolean attempt(
            Component source,
            Supplier<DealCard> move,
            LongFunction<String> stageName,
            Runnable onDone,
            Map<String, ? extends com.vaadin.flow.component.HasValidation> fields) {
        try {
            DealCard moved = move.get();
            Notifications.success(source, "deal.moved", moved.title(), stageName.apply(moved.stageId()));
            onDone.run();
            return true;
        } catch (DealMovedException e) {
            Notifications.error(
                    source,
                    Notifications.describe(source, e) + " "
                            + source.getTranslation("deal.moved.now-in", stageName.apply(e.currentStageId())));
            onDone.run();
            return true;
        } catch (KeyuanException e) {
            if (e.field() != null && fields.containsKey(e.field())) {
                Notifications.showOnField(source, fields, e);
                return false;
            }
            Notifications.error(source, Notifications.describe(source, e));
            onDone.run();
            return true;
        } catch (AccessDeniedException e) {
            Notifications.error(source, Notifications.describe(source, e));
            return true;
        }
    }

    /** Asks why the deal was lost; the reason is required. */
    static final class LostDialog extends Dialog {
        final TextArea reason = new TextArea();

        LostDialog(
                Component source,
                DealService deals,
                DealCard card,
                StageRow to,
                LongFunction<String> stageName,
                Runnable onDone) {
            setId("deal-lost-dialog");
            setHeaderTitle(getTranslation("deal.lost.title", card.title()));
            reason.setId("deal-lost-reason");
            reason.setLabel(getTranslation("deal.field.lost-reason"));
            reason.setRequiredIndicatorVisible(true);
            reason.setMaxLength(Deal.LOST_REASON_LENGTH);
            reason.setWidth("min(28rem, 80vw)");
            add(reason);
            Button confirm = new Button(getTranslation("deal.lost.confirm"), e -> {
                if (reason.getValue().isBlank()) {
                    reason.setErrorMessage(getTranslation("deal.error.lost-reason-required"));
                    reason.setInvalid(true);
                    return;
                }
                if (attempt(
                        source,
                        () -> deals.markLost(card.id(), card.version(), to.id(), reason.getValue()),
                        stageName,
                        onDone,
                        Map.of("lostReason", reason))) {
                    close();
                }
            });
            confirm.setId("deal-lost-confirm");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            Button cancel = new Button(getTranslation("action.cancel"), e -> close());
            getFooter().add(cancel, confirm);
            reason.focus();
        }
    }

    /** Closes the deal as won and, when asked, records the purchase with the customer. */
    static final class WinDialog extends Dialog {
        final Checkbox record = new Checkbox();
        final DatePicker date = new DatePicker();
        final TextField product = new TextField();
        final IntegerField quantity = new IntegerField();
        final BigDecimalField amount = new BigDecimalField();
        final Select<SalesChannel> channel = new Select<>();

        WinDialog(
                Component source,
                DealService deals,
                DealCard card,
                StageRow to,
                LongFunction<String> stageName,
                Runnable onDone) {
            setId("deal-win-dialog");
            setHeaderTitle(getTranslation("deal.win.title", card.title()));
            record.setId("deal-win-record");
            record.setLabel(getTranslation("deal.win.record-purchase"));
            record.setValue(true);
            date.setLabel(getTranslation("purchase.field.date"));
            date.setI18n(DatePickers.i18n(this));
            date.setValue(LocalDate.now(BusinessTime.ZONE));
            date.setMax(LocalDate.now(BusinessTime.ZONE));
            product.setId("deal-win-product");
            product.setLabel(getTranslation("purchase.field.product"));
            product.setValue(card.title().length() > 100 ? card.title().substring(0, 100) : card.title());
            product.setMaxLength(100);
            quantity.setLabel(getTranslation("purchase.field.quantity"));
            quantity.setValue(1);
            quantity.setMin(1);
            quantity.setStepButtonsVisible(true);
            amount.setId("deal-win-amount");
            amount.setLabel(getTranslation("purchase.field.amount"));
            amount.setValue(card.value());
            channel.setLabel(getTranslation("purchase.field.channel"));
            channel.setItems(SalesChannel.values());
            channel.setItemLabelGenerator(EnumLabels.generator(this));
            channel.setValue(SalesChannel.STORE);
            FormLayout form = new FormLayout(date, product, quantity, amount, channel);
            record.addValueChangeListener(e -> form.setEnabled(e.getValue()));
            add(new Paragraph(getTranslation("deal.win.text", stageName.apply(to.id()))), record, form);
            Button confirm = new Button(getTranslation("deal.win.confirm"), e -> {
                WinPurchase purchase = record.getValue()
                        ? new WinPurchase(
                                date.getValue(),
                                product.getValue(),
                                quantity.getValue() == null ? 0 : quantity.getValue(),
                                amount.getValue(),
                                channel.getValue())
                        : null;
                if (attempt(
                        source,
                        () -> deals.win(card.id(), card.version(), to.id(), purchase),
                        stageName,
                        onDone,
                        Map.of("product", product, "amount", amount, "quantity", quantity, "purchaseDate", date))) {
                    close();
                }
            });
            confirm.setId("deal-win-confirm");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            confirm.addClickShortcut(Key.ENTER, com.vaadin.flow.component.KeyModifier.CONTROL);
            Button cancel = new Button(getTranslation("action.cancel"), e -> close());
            getFooter().add(cancel, confirm);
        }
    }
}
