package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.converter.Converter;
import io.keyuan.shared.KeyuanException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A module's field rule (the one its sheet columns apply too) on a form's binder: the rule's refusal becomes the
 * field's error message in the user's language, and what the rule normalises is what the bean gets.
 */
public final class FieldRules {
    private FieldRules() {}

    /**
     * A text field's rule as a converter: blank is null, a value is normalised by the rule or refused with its
     * message. {@code kept} is the stored value, accepted as it is (records from before the rule keep their data
     * until someone changes the field).
     */
    public static Converter<String, String> text(Component form, Function<String, ?> rule, Supplier<String> kept) {
        return new Converter<>() {
            @Override
            public Result<String> convertToModel(String value, com.vaadin.flow.data.binder.ValueContext context) {
                if (value == null || value.isBlank()) {
                    return Result.ok(null);
                }
                String stored = kept.get();
                if (stored != null && stored.equals(value.strip())) {
                    return Result.ok(stored);
                }
                try {
                    Object normal = rule.apply(value);
                    return Result.ok(normal == null ? null : normal.toString());
                } catch (KeyuanException e) {
                    return Result.error(form.getTranslation(e.messageKey(), e.args()));
                }
            }

            @Override
            public String convertToPresentation(String value, com.vaadin.flow.data.binder.ValueContext context) {
                return value == null ? "" : value;
            }
        };
    }

    /** A rule that only checks (amounts, quantities, months) as a validator with the rule's message. */
    public static <T> Validator<T> check(Component form, Function<T, ?> rule) {
        return (value, context) -> {
            if (value == null) {
                return ValidationResult.ok();
            }
            try {
                rule.apply(value);
                return ValidationResult.ok();
            } catch (KeyuanException e) {
                return ValidationResult.error(form.getTranslation(e.messageKey(), e.args()));
            }
        };
    }
}
