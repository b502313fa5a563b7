package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.keyuan.shared.KeyuanException;
import org.springframework.security.access.AccessDeniedException;

/** Uniform feedback: success toasts, and refusals from services translated into the user's language. */
public final class Notifications {
    private Notifications() {}

    public static void success(Component source, String key, Object... args) {
        Notification n = Notification.show(source.getTranslation(key, args), 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(Component source, String text) {
        Notification n = new Notification(text, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setId("error-notification");
        n.open();
    }

    /**
     * A form has invalid fields: says so at the bottom, where it covers no field's own message, and puts the
     * cursor in the first invalid field.
     */
    public static void fixErrors(
            Component form, java.util.Collection<? extends com.vaadin.flow.component.HasValue<?, ?>> fields) {
        Notification n =
                new Notification(form.getTranslation("form.fix-errors"), 6000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setId("error-notification");
        n.open();
        fields.stream()
                .filter(f -> f instanceof com.vaadin.flow.component.HasValidation v && v.isInvalid())
                .filter(f -> f instanceof com.vaadin.flow.component.Focusable<?>)
                .findFirst()
                .ifPresent(f -> ((com.vaadin.flow.component.Focusable<?>) f).focus());
    }

    /** The user-facing text for a refusal thrown by a service. */
    public static String describe(Component source, RuntimeException e) {
        if (e instanceof KeyuanException ke) {
            return source.getTranslation(ke.messageKey(), ke.args());
        }
        if (e instanceof AccessDeniedException) {
            return source.getTranslation("error.forbidden");
        }
        return source.getTranslation("error.unexpected");
    }

    /** Shows a refusal on the form field it names when the form has that field, else as a notification. */
    public static void showOnField(
            Component source,
            java.util.Map<String, ? extends com.vaadin.flow.component.HasValidation> fields,
            KeyuanException e) {
        var field = e.field() == null ? null : fields.get(e.field());
        if (field != null) {
            field.setErrorMessage(describe(source, e));
            field.setInvalid(true);
        } else {
            error(source, describe(source, e));
        }
    }

    /** Runs a service call and turns a refusal into an error notification; returns whether it succeeded. */
    public static boolean attempt(Component source, Runnable action) {
        try {
            action.run();
            return true;
        } catch (KeyuanException | AccessDeniedException e) {
            error(source, describe(source, e));
            return false;
        }
    }
}
