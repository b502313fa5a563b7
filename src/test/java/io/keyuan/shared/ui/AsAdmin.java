package io.keyuan.shared.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.test.context.support.WithMockUser;

/** Signed in as the test admin {@code view.admin}, with the authorities a real login grants that role. */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithMockUser(
        username = KeyuanViewTest.ADMIN_USER,
        roles = {"STAFF", "MANAGER", "ADMIN"})
public @interface AsAdmin {}
