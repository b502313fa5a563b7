package io.keyuan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The running portal on a random port against the test database, as the real-browser journeys and the real-HTTP
 * tests (*IT, run by failsafe in their own JVM) see it; one configuration, so that they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keyuan.db.probe-local=true",
            "keyuan.demo.enabled=false",
            "keyuan.metrics.refresh-cron=-",
            "keyuan.metrics.catch-up-on-start=false",
            "keyuan.segments.refresh-cron=-",
            "keyuan.db.embedded.data-dir=${java.io.tmpdir}/keyuan-test/mariadb",
            "keyuan.jobs.dir=target/keyuan-jobs",
            "vaadin.launch-browser=false"
        })
public @interface RunningPortalTest {}
