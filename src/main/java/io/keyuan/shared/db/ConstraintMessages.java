package io.keyuan.shared.db;

import io.keyuan.shared.KeyuanException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a constraint the database refused a write with into the refusal a user can act on: each service names
 * its tables' constraints (from the V*.sql migrations) with the form field and message they stand for, and a
 * constraint it does not name still says which rule it was, instead of a guess.
 */
public final class ConstraintMessages {
    /** What a constraint means on a form: the field at fault (or null) and the message key. */
    public record Meaning(String field, String messageKey) {}

    // MariaDB: Duplicate entry 'x' for key 'uk_customer_code' (1062); ... CONSTRAINT `fk_x` FOREIGN KEY ... (1451,
    // 1452); CONSTRAINT `ck_x` failed for `db`.`t` (4025)
    private static final Pattern DUPLICATE = Pattern.compile("for key '(?:[^'.]*\\.)?([^']+)'");
    private static final Pattern NAMED = Pattern.compile("CONSTRAINT [`\"]?([A-Za-z0-9_]+)[`\"]?");

    private ConstraintMessages() {}

    /** The name of the constraint behind a refused write, read from Hibernate's or the driver's exception. */
    public static Optional<String> constraintName(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException h
                    && h.getConstraintName() != null
                    && !h.getConstraintName().isBlank()) {
                return Optional.of(unqualified(h.getConstraintName()));
            }
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                Matcher m = DUPLICATE.matcher(sql.getMessage());
                if (m.find()) {
                    return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
                }
                m = NAMED.matcher(sql.getMessage());
                if (m.find()) {
                    return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    private static String unqualified(String name) {
        String n = name.replace("`", "");
        int dot = n.lastIndexOf('.');
        return (dot >= 0 ? n.substring(dot + 1) : n).toLowerCase(Locale.ROOT);
    }

    /**
     * The refusal for a write the database refused: the meaning the caller gave the constraint (with
     * {@code args} for its message), else {@code constraint.other} naming the constraint.
     */
    public static KeyuanException refusal(RuntimeException failure, Map<String, Meaning> meanings, Object... args) {
        String name = constraintName(failure).orElse("?");
        Meaning meaning = meanings.get(name);
        if (meaning == null) {
            return new KeyuanException("constraint.other", name);
        }
        return KeyuanException.onField(meaning.field(), meaning.messageKey(), args);
    }
}
