/** Users, roles, login with lockout, the current user, and the admin views that manage accounts. */
package io.keyuan.security;
