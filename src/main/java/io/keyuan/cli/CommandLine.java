package io.keyuan.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar as a command-line tool: {@code seed}, {@code bench <suite>} (and, as their issues land, {@code import}
 * and {@code export}). It starts Spring without the web server, runs the command as the system actor, and exits
 * with 0 on success or a one-line reason and a non-zero code.
 */
public final class CommandLine {
    static final List<String> COMMANDS = List.of("seed", "bench", "import", "export", "help");

    /** The schedules a benchmark run switches off ({@code -}), so that no job starts behind a measurement. */
    static final List<String> BENCH_QUIET_SCHEDULES = List.of(
            "keyuan.metrics.refresh-cron",
            "keyuan.segments.refresh-cron",
            "keyuan.insight.rollup-cron",
            "keyuan.insight.catch-up-cron",
            "keyuan.insight.rebuild-cron",
            "keyuan.pricing.tier-expiry-cron",
            "keyuan.quotes.expire-cron");

    private CommandLine() {}

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(Class<?> application, String[] args) {
        if ("help".equals(args[0])) {
            System.out.println(Commands.USAGE);
            return 0;
        }
        Map<String, Object> props = new HashMap<>();
        props.put("keyuan.demo.enabled", "false");
        // No servlet container here, so none of Vaadin's web wiring either.
        props.put(
                "spring.autoconfigure.exclude",
                "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration");
        props.put("spring.main.banner-mode", "off");
        props.put("spring.main.log-startup-info", "false");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.io.keyuan", "INFO");
        // A refused command prints one line, not Spring's report of a failed start.
        props.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        props.put("logging.level.org.springframework.context", "ERROR");
        if ("bench".equals(args[0])) {
            // Benchmarks fill their own database, never the demo one. The insight suite gets one of its own: it
            // makes the purchases per customer what it is asked for (5 by default, the seeder gives about 3.2),
            // which the other suites' figures must not see.
            boolean insight = args.length > 1 && "insight".equals(args[1]);
            props.put("keyuan.db.embedded.database", insight ? "keyuan_bench_insight" : "keyuan_bench");
            // No scheduled work behind a measurement: the nightly refreshes and rebuilds (04:15 in Shanghai is 20:15
            // UTC) and the insight catch-up, which would start a rollup rebuild on a database never built.
            for (String cron : BENCH_QUIET_SCHEDULES) {
                props.put(cron, "-");
            }
        }
        // System properties outrank application.properties (builder defaults would not).
        props.forEach((k, v) -> System.setProperty(k, String.valueOf(v)));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run()) {
            return context.getBean(Commands.class).execute(args);
        } catch (CommandException e) {
            System.err.println("keyuan " + args[0] + ": " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("keyuan " + args[0] + ": " + root.getClass().getSimpleName() + ": " + root.getMessage());
            return 1;
        }
    }
}
