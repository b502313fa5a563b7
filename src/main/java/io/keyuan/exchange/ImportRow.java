package io.keyuan.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * One data row of an upload, converted to the schema's types: String, Long, BigDecimal, LocalDate, LocalDateTime (DATE_TIME), Boolean, or an
 * enum constant's name for ENUM columns; null for an empty cell. {@link #has} tells whether the column is in the
 * file at all. An importer leaves a record's field alone when its column is absent or its cell is blank, unless the
 * import was asked to clear fields with blank cells ({@link ImportContext#clearBlanks()}). Besides errors, a row may
 * carry warnings (it is imported, and the dry run says what to look at) and the changes an update makes.
 */
public final class ImportRow {
    private final int rowNumber;
    private final SheetSchema schema;
    private final Object[] values;
    private final boolean[] present;
    private List<CellError> errors;
    private List<CellError> warnings;
    private List<FieldChange> changes;
    private ImportAction action;
    private long targetId;
    private Object state;

    public ImportRow(int rowNumber, SheetSchema schema, Object[] values, boolean[] present) {
        this.rowNumber = rowNumber;
        this.schema = schema;
        this.values = values;
        this.present = present;
    }

    public int rowNumber() {
        return rowNumber;
    }

    public boolean has(String key) {
        return present[schema.indexOf(key)];
    }

    public Object value(String key) {
        return values[schema.indexOf(key)];
    }

    /** Replaces a converted value (an importer's normalisation before matching). */
    public void set(String key, Object value) {
        values[schema.indexOf(key)] = value;
    }

    public String text(String key) {
        Object v = value(key);
        return v == null ? null : v.toString();
    }

    public void error(String columnKey, String messageKey, Object... args) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(new CellError(columnKey, messageKey, args));
        action = ImportAction.ERROR;
    }

    /** Something the user should look at that does not stop the row, such as a possible duplicate. */
    public void warn(String columnKey, String messageKey, Object... args) {
        if (warnings == null) {
            warnings = new ArrayList<>(1);
        }
        warnings.add(new CellError(columnKey, messageKey, args));
    }

    public List<CellError> warnings() {
        return warnings == null ? List.of() : warnings;
    }

    /** Records a field this row's update changes (for the dry run's before → after). */
    public void changed(String columnKey, String before, String after) {
        if (changes == null) {
            changes = new ArrayList<>(4);
        }
        changes.add(new FieldChange(columnKey, before, after));
    }

    public List<FieldChange> changes() {
        return changes == null ? List.of() : changes;
    }

    public boolean hasErrors() {
        return errors != null && !errors.isEmpty();
    }

    public List<CellError> errors() {
        return errors == null ? List.of() : errors;
    }

    public ImportAction action() {
        return action;
    }

    public void plan(ImportAction action, long targetId) {
        if (!hasErrors()) {
            this.action = action;
            this.targetId = targetId;
        }
    }

    public long targetId() {
        return targetId;
    }

    public void setTargetId(long targetId) {
        this.targetId = targetId;
    }

    /** Whatever the importer wants to carry from plan to apply (e.g. the resolved ids, the previous values). */
    public Object state() {
        return state;
    }

    public void setState(Object state) {
        this.state = state;
    }
}
