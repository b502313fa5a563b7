package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A catalogue field another module contributes through {@link SegmentFieldProvider}: its SQL over that module's
 * own tables and its in-memory value from a {@link FactSource}. Built with {@link #define} and kept as a constant
 * of the providing module; two fields are equal when their keys are.
 *
 * <p>The SQL follows {@link SegmentField}'s conventions: correlated on {@code c.id} (the customer row of
 * {@link SqlRuleCompiler#FROM}), constant text only — values reach the database as bound parameters the compiler
 * adds — with {@code :today} for the business date and, in a windowed field, {@code :since} for the first day of
 * the window. Its value must be NULL exactly when the in-memory value is null, and compare the same way.
 *
 * <ul>
 *   <li>NUMBER, DATE, TEXT, BOOLEAN, ENUM: {@link Builder#sql} is a scalar expression, e.g. a subquery
 *       {@code (SELECT ... WHERE x.customer_id = c.id ...)}.
 *   <li>STAGE (a set of ids, for IN / NOT IN / empty): {@link Builder#set} names the rows of the customer
 *       ({@code "deal d ... WHERE d.customer_id = c.id AND ..."}) and the id column; the compiler writes the EXISTS.
 * </ul>
 */
public final class ProvidedField<D> implements CatalogueField {
    /** Keys are what {@link RuleText} reads as a word: capital letters and underscores. */
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z_]*");

    /** A field's in-memory value from its customer's data (null when the source had none) and the business date. */
    @FunctionalInterface
    public interface Value<D> {
        Object of(D data, LocalDate today);
    }

    /** As {@link Value}, for a windowed field: {@code since} is the first day of the window, both ends included. */
    @FunctionalInterface
    public interface WindowValue<D> {
        Object of(D data, LocalDate today, LocalDate since);
    }

    private final String key;
    private final FieldType type;
    private final Class<? extends Enum<?>> enumType;
    private final boolean windowed;
    private final String sql;
    private final String setColumn;
    private final FieldGroup group;
    private final int order;
    private final String labelKey;
    private final FactSource<D> source;
    private final WindowValue<D> value;

    private ProvidedField(Builder b, FactSource<D> source, WindowValue<D> value, boolean windowed) {
        this.key = b.key;
        this.type = b.type;
        this.enumType = b.enumType;
        this.windowed = windowed;
        this.sql = b.sql;
        this.setColumn = b.setColumn;
        this.group = b.group;
        this.order = b.order;
        this.labelKey = b.labelKey == null ? "segment.field." + b.key : b.labelKey;
        this.source = Objects.requireNonNull(source, "source");
        this.value = Objects.requireNonNull(value, "value");
        if (type == FieldType.CHANNEL) {
            throw new IllegalArgumentException(key + ": channels are segmentation's own field");
        }
        if ((type == FieldType.ENUM) != (enumType != null)) {
            throw new IllegalArgumentException(key + ": an ENUM field, and only it, names its enum");
        }
        if ((type == FieldType.STAGE) != (setColumn != null) || sql == null) {
            throw new IllegalArgumentException(key + ": give set(rows, column) for STAGE, sql(expression) otherwise");
        }
        if (windowed != sql.contains(":since")) {
            throw new IllegalArgumentException(key + ": a windowed field's SQL, and only it, uses :since");
        }
    }

    /** Starts a field with its stable key, type and place in the rule builder. */
    public static Builder define(String key, FieldType type, FieldGroup group, int order) {
        return new Builder(key, type, group, order);
    }

    /** The parts of a field before its value is given; {@link #from} or {@link #windowedFrom} completes it. */
    public static final class Builder {
        private final String key;
        private final FieldType type;
        private final FieldGroup group;
        private final int order;
        private Class<? extends Enum<?>> enumType;
        private String sql;
        private String setColumn;
        private String labelKey;

        private Builder(String key, FieldType type, FieldGroup group, int order) {
            if (key == null || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("A field key is capital letters and underscores: " + key);
            }
            this.key = key;
            this.type = Objects.requireNonNull(type);
            this.group = Objects.requireNonNull(group);
            this.order = order;
        }

        /** The enum whose names an ENUM field holds; labels are {@code enum.<SimpleName>.<NAME>}. */
        public Builder enumType(Class<? extends Enum<?>> enumType) {
            this.enumType = enumType;
            return this;
        }

        /** The field's scalar SQL expression (every type but STAGE). */
        public Builder sql(String expression) {
            this.sql = expression;
            return this;
        }

        /**
         * A STAGE field's rows: {@code rows} is the FROM and WHERE of the customer's rows, without SELECT ({@code
         * "deal d JOIN ... WHERE d.customer_id = c.id AND ..."}), {@code idColumn} the id a rule names.
         */
        public Builder set(String rows, String idColumn) {
            this.sql = rows;
            this.setColumn = idColumn;
            return this;
        }

        /** Another label key than {@code segment.field.<key>}. */
        public Builder labelKey(String labelKey) {
            this.labelKey = labelKey;
            return this;
        }

        /** A field without a window, valued from {@code source}. */
        public <D> ProvidedField<D> from(FactSource<D> source, Value<D> value) {
            Objects.requireNonNull(value, "value");
            return new ProvidedField<>(this, source, (d, today, since) -> value.of(d, today), false);
        }

        /** A field counted over the last N days (the rule's window), valued from {@code source}. */
        public <D> ProvidedField<D> windowedFrom(FactSource<D> source, WindowValue<D> value) {
            return new ProvidedField<>(this, source, value, true);
        }
    }

    @Override
    public String name() {
        return key;
    }

    @Override
    public FieldType type() {
        return type;
    }

    @Override
    public Class<? extends Enum<?>> enumType() {
        return enumType;
    }

    @Override
    public boolean windowed() {
        return windowed;
    }

    @Override
    public FieldGroup group() {
        return group;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String labelKey() {
        return labelKey;
    }

    public FactSource<D> source() {
        return source;
    }

    /** The scalar expression, or for a STAGE field the rows of the customer. */
    String sql() {
        return sql;
    }

    /** A STAGE field's id column; null for other types. */
    String setColumn() {
        return setColumn;
    }

    @Override
    public Object valueOf(CustomerFacts facts, LocalDate today, Integer windowDays) {
        if (windowed && windowDays == null) {
            throw new IllegalArgumentException("window");
        }
        D data = facts.provided(source);
        Object v = value.of(data, today, windowed ? SegmentField.since(today, windowDays) : null);
        return normalized(v);
    }

    /** The typed forms the compilers compare: BigDecimal numbers, enum names, sorted id lists (null when empty). */
    private Object normalized(Object v) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case NUMBER -> v instanceof BigDecimal ? v : new BigDecimal(v.toString());
            case ENUM -> v instanceof Enum<?> e ? e.name() : v;
            case STAGE -> {
                Collection<?> ids = (Collection<?>) v;
                yield ids.isEmpty()
                        ? null
                        : List.copyOf(new TreeSet<>(ids.stream()
                                .map(id -> ((Number) id).longValue())
                                .toList()));
            }
            default -> v;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProvidedField<?> other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }

    /** For sources of plain per-customer values: {@code (data, today) -> data}. */
    public static <D> Value<D> itself() {
        return (d, today) -> d;
    }
}
