package io.keyuan.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The sessions open on this node, so that a changed account's sessions end the moment the change commits: their
 * Vaadin UIs close and push stops there and then, rather than on the session's next request (which
 * {@link StaleSessionFilter} refuses on every node). The administrator's own session, when they reset their own
 * password, stays signed in under the new stamp.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenSessions implements HttpSessionListener {
    private static final Logger log = LoggerFactory.getLogger(OpenSessions.class);
    private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;
    private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.add(event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onRightsChanged(AccountRightsChanged change) {
        String current = currentSessionId();
        List<HttpSession> others = new ArrayList<>();
        for (HttpSession session : sessions) {
            try {
                if (!(session.getAttribute(CONTEXT) instanceof SecurityContext context)
                        || context.getAuthentication() == null
                        || !(context.getAuthentication().getPrincipal() instanceof StampedUser user)
                        || !user.getUsername().equals(change.username())) {
                    continue;
                }
                if (session.getId().equals(current)) {
                    restamp(session, context.getAuthentication(), user, change.securityStamp());
                } else {
                    others.add(session);
                }
            } catch (IllegalStateException invalidated) {
                sessions.remove(session);
            }
        }
        if (!others.isEmpty()) {
            // Not on this thread: an administrator's change arrives in their own Vaadin request, which holds their
            // Vaadin session's lock, and ending another Vaadin session from there trips over it.
            Thread.ofVirtual().name("end-sessions").start(() -> end(others, change.username()));
        }
    }

    private void end(List<HttpSession> doomed, String username) {
        int ended = 0;
        for (HttpSession session : doomed) {
            try {
                session.invalidate();
                ended++;
            } catch (IllegalStateException alreadyEnded) {
                // its own next request got there first
            }
            sessions.remove(session);
        }
        if (ended > 0) {
            log.info("Ended {} open session(s) of {}: the account was changed by an administrator", ended, username);
        }
    }

    private static void restamp(HttpSession session, Authentication auth, StampedUser user, int stamp) {
        StampedUser restamped = new StampedUser(user.getUsername(), "", true, true, user.getAuthorities(), stamp);
        Authentication renewed =
                UsernamePasswordAuthenticationToken.authenticated(restamped, null, auth.getAuthorities());
        SecurityContext context = new SecurityContextImpl(renewed);
        session.setAttribute(CONTEXT, context);
        SecurityContextHolder.getContextHolderStrategy().getContext().setAuthentication(renewed);
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
