package io.keyuan.shared.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.test.context.support.WithMockUser;

/** Signed in as the test staff {@code view.staff}, with the authorities a real login grants that role. */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithMockUser(
        username = KeyuanViewTest.STAFF_USER,
        roles = {"STAFF"})
public @interface AsStaff {}
