package io.keyuan.shared.ui;

import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;

/**
 * Number fields that say why they are red: text that is no number gets a message (Vaadin's own check leaves it
 * empty). Ranges are the module's field rules, not the field's min and max, so the form says what the sheet says.
 */
public final class NumberFields {
    private NumberFields() {}

    public static BigDecimalField explained(BigDecimalField field) {
        field.setI18n(new BigDecimalField.BigDecimalFieldI18n()
                .setBadInputErrorMessage(field.getTranslation("validation.number"))
                .setRequiredErrorMessage(field.getTranslation("validation.required")));
        return field;
    }

    public static IntegerField explained(IntegerField field) {
        field.setI18n(new IntegerField.IntegerFieldI18n()
                .setBadInputErrorMessage(field.getTranslation("validation.whole-number"))
                .setRequiredErrorMessage(field.getTranslation("validation.required")));
        return field;
    }
}
