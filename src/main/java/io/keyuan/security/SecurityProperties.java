package io.keyuan.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Login lockout policy: after {@code maxFailedLogins} wrong passwords in a row, the account waits {@code lockFor}. */
@ConfigurationProperties("keyuan.security")
public record SecurityProperties(Integer maxFailedLogins, Duration lockFor) {
    public SecurityProperties {
        if (maxFailedLogins == null) {
            maxFailedLogins = 5;
        }
        if (lockFor == null) {
            lockFor = Duration.ofMinutes(15);
        }
    }
}
