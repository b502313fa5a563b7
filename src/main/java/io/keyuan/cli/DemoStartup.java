package io.keyuan.cli;

import io.keyuan.security.AdminBootstrap;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * When the portal starts: the first administrator if there is no user, and — on an empty database, when demo data
 * is on — demo users, channels and a few thousand customers, so that a fresh clone shows a working portal.
 */
@Component
@ConditionalOnWebApplication
class DemoStartup implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);
    private final AdminBootstrap adminBootstrap;
    private final UserAdminService userAdmin;
    private final DemoSeeder seeder;
    private final PipelineDemoSeeder pipelineSeeder;
    private final SegmentDemoSeeder segmentSeeder;
    private final boolean demo;
    private final int demoCustomers;

    DemoStartup(
            AdminBootstrap adminBootstrap,
            UserAdminService userAdmin,
            DemoSeeder seeder,
            PipelineDemoSeeder pipelineSeeder,
            SegmentDemoSeeder segmentSeeder,
            @Value("${keyuan.demo.enabled:true}") boolean demo,
            @Value("${keyuan.demo.seed-customers:3000}") int demoCustomers) {
        this.adminBootstrap = adminBootstrap;
        this.userAdmin = userAdmin;
        this.seeder = seeder;
        this.pipelineSeeder = pipelineSeeder;
        this.segmentSeeder = segmentSeeder;
        this.demo = demo;
        this.demoCustomers = demoCustomers;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run(() -> {
            Optional<String> adminPassword = adminBootstrap.ensureAdmin();
            if (!demo || adminPassword.isEmpty()) {
                return;
            }
            userAdmin.create("wang.fang", "王芳", "STAFF", adminPassword.get());
            userAdmin.create("li.qiang", "李强", "MANAGER", adminPassword.get());
            System.out.println(" Demo users wang.fang (STAFF) and li.qiang (MANAGER) have the same password.");
            long started = System.nanoTime();
            long purchases =
                    seeder.seed(demoCustomers, 20261122L, LocalDate.now(io.keyuan.shared.BusinessTime.ZONE), log::info);
            log.info(
                    "Demo data: {} customers and {} purchases in {} ms",
                    demoCustomers,
                    purchases,
                    (System.nanoTime() - started) / 1_000_000);
            log.info("Demo pipeline: {} deals", pipelineSeeder.seed(400, 20261122L));
            log.info("Demo segments: {}, membership refreshing in the background", segmentSeeder.seed());
        });
    }
}
