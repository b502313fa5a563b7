package io.keyuan.exchange.read;

import io.keyuan.shared.KeyuanException;

/** The file as a whole cannot be read as a sheet; the message key says why in words a user can act on. */
public class SheetRejectedException extends KeyuanException {
    public SheetRejectedException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
