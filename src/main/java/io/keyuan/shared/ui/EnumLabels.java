package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ItemLabelGenerator;

/** Enum values are shown through the bundle key {@code enum.<Type>.<VALUE>}. */
public final class EnumLabels {
    private EnumLabels() {}

    public static String label(Component c, Enum<?> value) {
        if (value == null) {
            return "";
        }
        return c.getTranslation("enum." + value.getDeclaringClass().getSimpleName() + "." + value.name());
    }

    public static <E extends Enum<E>> ItemLabelGenerator<E> generator(Component c) {
        return value -> label(c, value);
    }
}
