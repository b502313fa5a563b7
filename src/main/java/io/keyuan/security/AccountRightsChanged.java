package io.keyuan.security;

/** An administrator disabled a user, changed their role or reset their password: their sessions must end. */
record AccountRightsChanged(String username, int securityStamp) {}
