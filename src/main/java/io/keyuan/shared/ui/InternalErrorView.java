package io.keyuan.shared.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.keyuan.shared.KeyuanException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything that failed while opening a view: logged for us, a calm page for the user. */
@AnonymousAllowed
public class InternalErrorView extends VerticalLayout implements HasErrorParameter<Exception> {
    private static final Logger log = LoggerFactory.getLogger(InternalErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        Exception e = parameter.getCaughtException();
        if (e instanceof io.keyuan.shared.NotFoundException) {
            // shown by the not-found page, inside the portal's frame
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, NotFoundView.RECORD);
            return HttpServletResponse.SC_NOT_FOUND;
        }
        if (e instanceof org.springframework.security.access.AccessDeniedException) {
            ErrorViews.fill(this, "access-denied", "error.forbidden.title", "error.forbidden.text");
            return HttpServletResponse.SC_FORBIDDEN;
        }
        if (!(e instanceof KeyuanException)) {
            log.error("Error while opening {}", event.getLocation().getPath(), e);
        }
        ErrorViews.fill(this, "internal-error", "error.internal.title", "error.internal.text");
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
