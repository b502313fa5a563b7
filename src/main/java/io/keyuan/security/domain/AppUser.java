package io.keyuan.security.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

@Entity
@Table(name = "app_user")
public class AppUser extends AuditedEntity {
    public static final int USERNAME_LENGTH = 64;
    public static final int DISPLAY_NAME_LENGTH = 100;
    public static final int LOCALE_LENGTH = 16;
    public static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{3,64}";

    @NotBlank
    @Size(max = USERNAME_LENGTH)
    @Pattern(regexp = USERNAME_PATTERN)
    @Column(name = "username", nullable = false, length = USERNAME_LENGTH, updatable = false)
    private String username;

    @NotBlank
    @Size(max = DISPLAY_NAME_LENGTH)
    @Column(name = "display_name", nullable = false, length = DISPLAY_NAME_LENGTH)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private Role role = Role.STAFF;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "locale", length = LOCALE_LENGTH)
    private String locale;

    /** Changes whenever the account's rights change: sessions signed in under another stamp are ended. */
    @Column(name = "security_stamp", nullable = false)
    private int securityStamp;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public void setFailedAttempts(int failedAttempts) {
        this.failedAttempts = failedAttempts;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public void setLockedUntil(Instant lockedUntil) {
        this.lockedUntil = lockedUntil;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public int getSecurityStamp() {
        return securityStamp;
    }

    /** Ends every session signed in before now (on disable, role change, password reset). */
    public void bumpSecurityStamp() {
        securityStamp++;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }
}
