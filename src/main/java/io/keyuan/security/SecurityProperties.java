package io.keyuan.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in throttling. From one client address, {@code maxFailedLogins} wrong passwords for one user name pause
 * that name's sign-in from that address for {@code lockFor}, and {@code maxFailedLoginsPerAddress} wrong
 * passwords for any names pause every sign-in from it; so nobody can lock another user out from their own address.
 * An account itself locks for {@code lockFor} only after {@code accountLockAfter} wrong passwords in a row from
 * anywhere (a guess spread over many addresses), until an administrator unlocks it or the time runs out.
 */
@ConfigurationProperties("keyuan.security")
public record SecurityProperties(
        Integer maxFailedLogins, Integer maxFailedLoginsPerAddress, Integer accountLockAfter, Duration lockFor) {
    public SecurityProperties {
        if (maxFailedLogins == null) {
            maxFailedLogins = 5;
        }
        if (maxFailedLoginsPerAddress == null) {
            maxFailedLoginsPerAddress = 20;
        }
        if (accountLockAfter == null) {
            accountLockAfter = 50;
        }
        if (lockFor == null) {
            lockFor = Duration.ofMinutes(15);
        }
    }
}
