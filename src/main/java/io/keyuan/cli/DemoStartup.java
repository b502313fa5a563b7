package io.keyuan.cli;

import io.keyuan.security.AdminBootstrap;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * is on — demo users, channels and a few thousand customers, so that a fresh clone shows a working portal. Demo data
 * is on by default only for the embedded database; an external one ({@code KEYUAN_DB_URL}) gets it only when asked
 * ({@code KEYUAN_DEMO=true}), so that a production database never receives demo accounts.
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
    private final PricingDemoSeeder pricingSeeder;
    private final SurveyDemoSeeder surveySeeder;
    private final io.keyuan.insight.ChannelPerformanceService channelReports;
    private final boolean demo;
    private final int demoCustomers;

    DemoStartup(
            AdminBootstrap adminBootstrap,
            UserAdminService userAdmin,
            DemoSeeder seeder,
            PipelineDemoSeeder pipelineSeeder,
            SegmentDemoSeeder segmentSeeder,
            PricingDemoSeeder pricingSeeder,
            SurveyDemoSeeder surveySeeder,
            io.keyuan.insight.ChannelPerformanceService channelReports,
            @Value("${keyuan.demo.enabled:}") String demoSetting,
            @Value("${keyuan.db.url:}") String databaseUrl,
            @Value("${keyuan.demo.seed-customers:3000}") int demoCustomers) {
        this.adminBootstrap = adminBootstrap;
        this.userAdmin = userAdmin;
        this.seeder = seeder;
        this.pipelineSeeder = pipelineSeeder;
        this.segmentSeeder = segmentSeeder;
        this.pricingSeeder = pricingSeeder;
        this.surveySeeder = surveySeeder;
        this.channelReports = channelReports;
        this.demo = demoWanted(demoSetting, databaseUrl);
        this.demoCustomers = demoCustomers;
    }

    /** {@code KEYUAN_DEMO} when set (true/false), else demo data only for the embedded database. */
    static boolean demoWanted(String setting, String databaseUrl) {
        if (setting != null && !setting.isBlank()) {
            return Boolean.parseBoolean(setting.strip());
        }
        return databaseUrl == null || databaseUrl.isBlank();
    }

    /**
     * The demo's staff member and manager, each with a password of its own (never the administrator's, so that
     * handing out a demo account hands out no admin rights), printed once to the console as the admin's is.
     */
    Map<String, String> createDemoUsers() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("wang.fang", AdminBootstrap.generatePassword());
        passwords.put("li.qiang", AdminBootstrap.generatePassword());
        userAdmin.create("wang.fang", "王芳", "STAFF", passwords.get("wang.fang"));
        userAdmin.create("li.qiang", "李强", "MANAGER", passwords.get("li.qiang"));
        System.out.println();
        System.out.println("==================================================================");
        System.out.println(" Keyuan demo users (shown only this once):");
        System.out.println("   user: wang.fang  (STAFF)    password: " + passwords.get("wang.fang"));
        System.out.println("   user: li.qiang   (MANAGER)  password: " + passwords.get("li.qiang"));
        System.out.println("==================================================================");
        System.out.println();
        return passwords;
    }

    boolean demo() {
        return demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run(() -> {
            Optional<String> adminPassword = adminBootstrap.ensureAdmin();
            if (!demo || adminPassword.isEmpty()) {
                return;
            }
            createDemoUsers();
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
            // After the segments: tiers bind to them, and follow their first membership refresh.
            log.info(
                    "Demo price book: {} rules", pricingSeeder.seed(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE)));
            // After the segments: the online campaign goes out once their first refresh has filled its segment.
            log.info("Demo survey: {} campaigns", surveySeeder.seed());
            // The seeders load in bulk, without the events that keep the channel figures current: build them now.
            log.info("Demo channel figures: rebuild job {}", channelReports.startRebuild());
        });
    }
}
