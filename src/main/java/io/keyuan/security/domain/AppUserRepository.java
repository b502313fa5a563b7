package io.keyuan.security.domain;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface AppUserRepository extends JpaRepository<AppUser, Long> {
    Optional<AppUser> findByUsername(String username);

    boolean existsByUsername(String username);

    List<AppUser> findAllByOrderByUsernameAsc();

    /** Counted in SQL so that concurrent failed logins are all counted; does not touch the row's version. */
    @Modifying
    @Query("update AppUser u set u.failedAttempts = u.failedAttempts + 1 where u.username = :username")
    int incrementFailedAttempts(String username);

    @Modifying
    @Query("update AppUser u set u.lockedUntil = :until, u.failedAttempts = 0 where u.username = :username")
    int lockUntil(String username, java.time.Instant until);

    @Modifying
    @Query("update AppUser u set u.failedAttempts = 0, u.lockedUntil = null where u.username = :username")
    int resetFailures(String username);

    @Modifying
    @Query("update AppUser u set u.locale = :locale where u.username = :username")
    int updateLocale(String username, String locale);

    /** The stamp of an enabled account, empty when the account is disabled or gone. */
    @Query("select u.securityStamp from AppUser u where u.username = :username and u.enabled = true")
    Optional<Integer> findActiveSecurityStamp(String username);
}
