package io.keyuan.shared.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An unknown address, or one whose parameter does not parse ({@code customers/abc}): inside the portal's frame with
 * its navigation and a way home for a signed-in user, the login page for anyone else.
 */
@AnonymousAllowed
@ParentLayout(MainLayout.class)
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {
    static final String LOGIN_ROUTE = "login";
    /** The custom message of a reroute here for a record that does not exist (any more). */
    static final String RECORD = "keyuan:record-not-found";

    private final AuthenticationContext authentication;

    public NotFoundView(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        if (!authentication.isAuthenticated()) {
            event.forwardTo(LOGIN_ROUTE);
            return HttpServletResponse.SC_UNAUTHORIZED;
        }
        if (RECORD.equals(parameter.getCustomMessage())) {
            ErrorViews.fill(this, "not-found", "error.not-found.title", "error.record-not-found");
            return HttpServletResponse.SC_NOT_FOUND;
        }
        ErrorViews.fill(this, "not-found", "error.not-found.title", "error.not-found.text");
        Paragraph address = new Paragraph(
                getTranslation("error.not-found.address", event.getLocation().getPath()));
        address.setId("not-found-address");
        addComponentAtIndex(1, address);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
