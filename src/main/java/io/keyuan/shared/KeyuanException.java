package io.keyuan.shared;

import java.util.Arrays;

/**
 * A refusal a user can act on. It carries an i18n key and arguments instead of text, so the UI shows it in the
 * user's language; {@code field} names the form field at fault, when there is one.
 */
public class KeyuanException extends RuntimeException {
    private final String messageKey;
    private final transient Object[] args;
    private final String field;

    public KeyuanException(String messageKey, Object... args) {
        this(null, messageKey, args);
    }

    protected KeyuanException(String field, String messageKey, Object... args) {
        super(messageKey + (args.length == 0 ? "" : " " + Arrays.toString(args)));
        this.field = field;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    /**
     * A refusal raised often and caught at once (a sheet's cell rule, a million rows): no stack trace, and the
     * message is the key alone.
     */
    protected KeyuanException(String messageKey, Object[] args, boolean withoutStackTrace) {
        super(messageKey, null, false, !withoutStackTrace);
        this.field = null;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public static KeyuanException onField(String field, String messageKey, Object... args) {
        return new KeyuanException(field, messageKey, args);
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public String field() {
        return field;
    }
}
