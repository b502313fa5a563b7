package io.keyuan.shared.ui;

import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors while Vaadin handles a request: a failure that passed through none of the portal's code — Vaadin refusing a
 * message no Vaadin client sends (an event type it does not know, a field of the wrong type, a node that is gone) —
 * is the client's, and logs one line; anything that ran through the portal's code is ours and keeps Vaadin's full
 * report with its stack trace.
 */
class ClientErrorHandler implements ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientErrorHandler.class);
    private final ErrorHandler standard = new DefaultErrorHandler();

    @Override
    public void error(ErrorEvent event) {
        Throwable t = event.getThrowable();
        if (throughOurCode(t)) {
            standard.error(event);
        } else {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            log.warn(
                    "Refused a request the client should not have sent: {}: {}",
                    root.getClass().getName(),
                    root.getMessage());
        }
    }

    /**
     * Whether the portal's code is on the stack below Vaadin's request handling (the portal's servlet filters sit
     * above it on every request and do not count), or anywhere on a thread of its own.
     */
    static boolean throughOurCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement frame : c.getStackTrace()) {
                if (frame.getClassName().equals("com.vaadin.flow.server.VaadinService")
                        && frame.getMethodName().equals("handleRequest")) {
                    break;
                }
                if (frame.getClassName().startsWith("io.keyuan.")) {
                    return true;
                }
            }
        }
        return false;
    }
}
