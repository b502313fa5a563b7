package io.keyuan.exchange;

import io.keyuan.shared.KeyuanException;

/**
 * A field rule a feature module declares once and applies both in its form and to its sheet column: turns a
 * cell's converted value into the value to store (e.g. a phone typed any way into its canonical form), or refuses
 * it with a reason. The engine applies it after the column's type conversion, on the reader thread.
 */
@FunctionalInterface
public interface CellRule {
    /**
     * The value to store; throws {@link Refused} (or any {@link KeyuanException}, so that a rule declared in a
     * module's root without this interface can be a method reference) when the value is not acceptable.
     */
    Object apply(Object value);

    /** Why a value is refused: an i18n message key and its arguments. */
    /**
     * Why a value is refused: an i18n message key and its arguments. A {@link KeyuanException}, so a form shows
     * it as it shows any refusal; without a stack trace, as a sheet may refuse a million cells.
     */
    final class Refused extends KeyuanException {
        public Refused(String messageKey, Object... args) {
            super(messageKey, args, true);
        }
    }
}
