package io.keyuan.security;

import io.keyuan.security.domain.AppUserRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts wrong passwords: in the throttle per address and name (which pauses sign-in from there), and on the account,
 * which locks for a while only after {@link SecurityProperties#accountLockAfter()} wrong ones in a row from anywhere.
 */
@Component
class LoginAttemptListener {
    private static final Logger log = LoggerFactory.getLogger(LoginAttemptListener.class);
    private final AppUserRepository users;
    private final SecurityProperties properties;
    private final Clock clock;
    private final LoginThrottle throttle;

    LoginAttemptListener(AppUserRepository users, SecurityProperties properties, Clock clock, LoginThrottle throttle) {
        this.users = users;
        this.properties = properties;
        this.clock = clock;
        this.throttle = throttle;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        throttle.failed(username, ThrottledAuthenticationProvider.addressOf(event.getAuthentication()));
        if (users.incrementFailedAttempts(username) == 0) {
            return;
        }
        users.findByUsername(username).ifPresent(user -> {
            if (user.getFailedAttempts() >= properties.accountLockAfter()) {
                users.lockUntil(username, clock.instant().plus(properties.lockFor()));
                log.warn(
                        "Account {} locked for {} after {} failed logins",
                        username,
                        properties.lockFor(),
                        user.getFailedAttempts());
            }
        });
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        if (!io.keyuan.shared.SystemActor.NAME.equals(name)) {
            throttle.succeeded(name, ThrottledAuthenticationProvider.addressOf(event.getAuthentication()));
            users.resetFailures(name);
        }
    }
}
