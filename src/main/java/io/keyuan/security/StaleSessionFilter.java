package io.keyuan.security;

import io.keyuan.security.domain.AppUserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account an administrator has changed since it signed in (disabled, another role, a new
 * password): the session is invalidated and the request goes on anonymous, so a page request lands on the login
 * page and a Vaadin request (UIDL, push) finds its session expired and reloads into the login page. Runs on every
 * request right after the security context is loaded, before anything is authorised or written; the account's
 * stamp is read from the database each time, so it holds on every node.
 */
final class StaleSessionFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(StaleSessionFilter.class);
    private final AppUserRepository users;

    StaleSessionFilter(AppUserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        Authentication auth = holder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StampedUser user && !isCurrent(user)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyInvalidated) {
                    // another request of the same session got here first
                }
            }
            holder.clearContext();
            log.info("Ended a session of {}: the account was changed by an administrator", user.getUsername());
        }
        chain.doFilter(request, response);
    }

    private boolean isCurrent(StampedUser user) {
        return users.findActiveSecurityStamp(user.getUsername())
                .map(stamp -> stamp == user.securityStamp())
                .orElse(false);
    }
}
