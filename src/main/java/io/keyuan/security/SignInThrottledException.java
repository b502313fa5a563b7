package io.keyuan.security;

import org.springframework.security.authentication.LockedException;

/**
 * Too many wrong passwords from this address (for this name or for any): the same refusal for every name, existing
 * or not. A {@link LockedException}, so that it is no wrong password to count again.
 */
public final class SignInThrottledException extends LockedException {
    public SignInThrottledException() {
        super("too many failed sign-ins from this address");
    }
}
