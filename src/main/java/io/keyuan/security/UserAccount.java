package io.keyuan.security;

import java.time.Instant;

/** A user as the admin views see it. */
public record UserAccount(
        long id,
        long version,
        String username,
        String displayName,
        String role,
        boolean enabled,
        boolean locked,
        Instant lockedUntil,
        int failedAttempts,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
