package io.keyuan.cli;

import io.keyuan.security.AdminBootstrap;
import io.keyuan.shared.SystemActor;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/** Runs one command-line command inside the started application. */
@Component
class Commands {
    static final String USAGE = """
            usage: java -jar keyuan.jar <command> [options]
              seed --customers N [--seed S] [--today yyyy-MM-dd]
                                     add N demo customers (1..1,000,000) with purchases, reproducibly
              export customers <file.xlsx> [--lang zh-CN|zh-TW|en]
                                     all customers to a workbook, streamed
              bench <suite> [flags]  run a benchmark suite; suites: grid
                                     grid: --customers N (default 1,000,000) --repeat R (default 9)
            The database is the embedded MariaDB, or the one set by KEYUAN_DB_URL / KEYUAN_DB_USER /
            KEYUAN_DB_PASSWORD. Benchmarks use the embedded database keyuan_bench, not the demo data.""";

    private final DemoSeeder seeder;
    private final AdminBootstrap adminBootstrap;
    private final GridBenchmark gridBenchmark;
    private final PipelineBenchmark pipelineBenchmark;
    private final io.keyuan.customer.CustomerExport customerExport;

    Commands(
            DemoSeeder seeder,
            AdminBootstrap adminBootstrap,
            GridBenchmark gridBenchmark,
            PipelineBenchmark pipelineBenchmark,
            io.keyuan.customer.CustomerExport customerExport) {
        this.pipelineBenchmark = pipelineBenchmark;
        this.customerExport = customerExport;
        this.seeder = seeder;
        this.adminBootstrap = adminBootstrap;
        this.gridBenchmark = gridBenchmark;
    }

    int execute(String[] args) {
        return SystemActor.call(() -> switch (args[0]) {
            case "seed" -> seed(new Options(args, 1));
            case "bench" -> bench(args);
            case "export" -> export(new Options(args, 1));
            case "import" ->
                throw new CommandException("import is not built yet; it arrives with the exchange import wizard", 2);
            default -> throw new CommandException("unknown command " + args[0] + "\n" + USAGE, 2);
        });
    }

    private int seed(Options o) {
        int customers = (int) o.longFlag("customers", -1, 1, 1_000_000);
        if (customers < 0) {
            throw new CommandException("--customers N is required (1..1,000,000)");
        }
        long seed = o.longFlag("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        LocalDate today = today(o);
        adminBootstrap.ensureAdmin();
        long started = System.nanoTime();
        long purchases = seeder.seed(customers, seed, today, line -> System.out.println("  " + line));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Seeded %,d customers and %,d purchases in %.1f s (seed %d)%n", customers, purchases, seconds, seed);
        return 0;
    }

    private int export(Options o) {
        if (o.positional().size() != 2 || !"customers".equals(o.positional().get(0))) {
            throw new CommandException("usage: export customers <file.xlsx>  (schemas so far: customers)");
        }
        java.nio.file.Path file = java.nio.file.Path.of(o.positional().get(1));
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
            throw new CommandException("the file must end with .xlsx: " + file);
        }
        java.nio.file.Path tmp;
        long started = System.nanoTime();
        long rows;
        try {
            java.nio.file.Path dir = file.toAbsolutePath().getParent();
            tmp = java.nio.file.Files.createTempFile(dir, ".keyuan-export", ".xlsx");
            try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp))) {
                rows = customerExport.export(
                        io.keyuan.customer.CustomerFilter.none(),
                        io.keyuan.customer.CustomerSort.newestFirst(),
                        java.util.Locale.forLanguageTag(o.flag("lang", "zh-CN")),
                        out);
            }
            // Written beside the target and moved in one step: a failed export leaves no half-written file.
            java.nio.file.Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new CommandException("could not write " + file + ": " + e.getMessage(), 1);
        }
        System.out.printf("Exported %,d customers to %s in %.1f s%n", rows, file, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private int bench(String[] args) {
        if (args.length < 2) {
            throw new CommandException("which suite? bench <suite>; suites: grid");
        }
        Options o = new Options(args, 2);
        return switch (args[1]) {
            case "grid" -> gridBenchmark.run(o);
            case "pipeline" -> pipelineBenchmark.run(o);
            case "exchange", "segmentation", "pricing", "survey", "insight", "load" ->
                throw new CommandException("suite '" + args[1] + "' arrives with its module; built so far: grid");
            default -> throw new CommandException("unknown suite '" + args[1] + "'; suites: grid");
        };
    }

    static LocalDate today(Options o) {
        String t = o.flag("today", null);
        if (t == null) {
            return LocalDate.now(io.keyuan.shared.BusinessTime.ZONE);
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new CommandException("--today must be a date like 2026-11-22, not '" + t + "'");
        }
    }
}
