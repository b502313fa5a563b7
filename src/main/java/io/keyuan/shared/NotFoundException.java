package io.keyuan.shared;

/** The record asked for does not exist (any more). */
public class NotFoundException extends KeyuanException {
    public NotFoundException(String what, Object id) {
        super(null, "error.not-found", what, id);
    }
}
