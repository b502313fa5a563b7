package io.keyuan.cli;

/** A command refused its input: the message is the one line the user sees. */
class CommandException extends RuntimeException {
    private final int exitCode;

    CommandException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandException(String message) {
        this(message, 2);
    }

    int exitCode() {
        return exitCode;
    }
}
