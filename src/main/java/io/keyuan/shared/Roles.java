package io.keyuan.shared;

/**
 * The three roles of Keyuan. A user holds one; its authorities include every role below it
 * (ADMIN ⊃ MANAGER ⊃ STAFF), so checks name the least role that may act.
 */
public final class Roles {
    public static final String STAFF = "STAFF";
    public static final String MANAGER = "MANAGER";
    public static final String ADMIN = "ADMIN";

    /** Service checks. Services use @PreAuthorize so that method security never proxies the views. */
    public static final String HAS_STAFF = "hasRole('STAFF')";

    public static final String HAS_MANAGER = "hasRole('MANAGER')";
    public static final String HAS_ADMIN = "hasRole('ADMIN')";

    private Roles() {}
}
