package io.keyuan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring configuration every integration test uses, so that the context (and the freshly migrated test
 * database) is built once per JVM and cached. Tests share the database: each creates its own rows with unique
 * names and asserts only on those.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
// The view tests' mock request wiring; one context for service and view tests keeps security state coherent.
@org.springframework.context.annotation.Import(testsupport.browserless.BrowserlessSpringEnvironment.Beans.class)
public @interface KeyuanIntegrationTest {}
