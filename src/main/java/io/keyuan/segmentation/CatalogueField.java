package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A field a rule condition can name: one of segmentation's own {@link SegmentField}s or a {@link ProvidedField}
 * another module contributes. {@link #name()} is the stable key stored in rule texts, rule versions and rule
 * sheets, and the i18n label is {@code segment.field.<key>}; {@link SegmentFieldCatalogue} resolves a key to its
 * field and refuses keys it does not know. Sealed so that only these two kinds reach the SQL compiler.
 */
public sealed interface CatalogueField permits SegmentField, ProvidedField {

    /** The stable key (capital letters and underscores), as rules store it. */
    String name();

    FieldType type();

    /** The enum whose names an ENUM field holds; null for other types. */
    Class<? extends Enum<?>> enumType();

    /** Whether a condition on this field needs {@link RuleNode.Condition#windowDays()}. */
    boolean windowed();

    /** The rule builder's heading the field is listed under. */
    FieldGroup group();

    /** The field's place within its group in the rule builder (lower first). */
    int order();

    /** The i18n key of the field's label. */
    default String labelKey() {
        return "segment.field." + name();
    }

    /**
     * The field's value for one customer on the business date {@code today}, in its typed form, over the last
     * {@code windowDays} days for a windowed field (null for the others). A STAGE field's value is the sorted list
     * of ids the customer has, null when there are none.
     */
    Object valueOf(CustomerFacts facts, LocalDate today, Integer windowDays);

    /** As {@link #valueOf(CustomerFacts, LocalDate, Integer)} for a field without a window. */
    default Object valueOf(CustomerFacts facts, LocalDate today) {
        return valueOf(facts, today, null);
    }

    /**
     * A value as typed by the user, in its typed form: String (TEXT, ENUM names), BigDecimal, LocalDate,
     * Boolean, Long (channel and stage ids); for WITHIN_LAST_DAYS an Integer day count.
     *
     * @throws IllegalArgumentException when the text is no such value
     */
    default Object parse(Operator operator, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        String v = text.strip();
        if (operator == Operator.WITHIN_LAST_DAYS) {
            int days = Integer.parseInt(v);
            if (days < 0 || days > 36_500) {
                throw new IllegalArgumentException("days");
            }
            return days;
        }
        return switch (type()) {
            case TEXT -> {
                if (v.length() > SegmentField.MAX_TEXT) {
                    throw new IllegalArgumentException("long");
                }
                yield v;
            }
            case NUMBER -> {
                BigDecimal n = new BigDecimal(v);
                if (n.scale() > 2 || n.abs().compareTo(SegmentField.MAX_NUMBER) > 0) {
                    throw new IllegalArgumentException("number");
                }
                yield n;
            }
            case DATE -> LocalDate.parse(v);
            case ENUM -> {
                for (Enum<?> e : enumType().getEnumConstants()) {
                    if (e.name().equals(v)) {
                        yield v;
                    }
                }
                throw new IllegalArgumentException("enum");
            }
            case BOOLEAN -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("boolean");
                }
                yield Boolean.valueOf(v);
            }
            case CHANNEL, STAGE -> Long.valueOf(v);
        };
    }
}
