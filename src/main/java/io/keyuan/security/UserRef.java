package io.keyuan.security;

/** A user as other modules see one: for owner pickers and "who" columns. */
public record UserRef(long id, String username, String displayName) {}
