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
              export <schema> <file.xlsx> [--lang zh-CN|zh-TW|en]
                                     every record to a workbook, streamed
                                     (schemas: customers, purchases, channels, channel-costs, deals)
              import <schema> <file> [--sheet N|name] [--mode all-or-nothing|skip-bad] [--blanks keep|clear]
                     [--dry-run] [--errors <file.xlsx>]
                                     import an .xlsx or .csv (same schemas); exit 1 if rows had errors;
                                     blank cells keep stored values unless --blanks clear; the sheet whose
                                     headers match is read unless --sheet names one
              inspect <file>         what the reader sees: sheets, header row and sheet type, the first problem
                                     per column; writes nothing
              bench <suite> [flags]  run a benchmark suite; suites: grid, exchange, pipeline, segmentation, pricing, survey,
                                     insight
                                     grid: --customers N (default 1,000,000) --repeat R (default 9)
                                     segmentation: --customers N (default 1,000,000) --repeat R (default 7)
                                     exchange: --rows N (default 1,000,000) [--no-export]
                                     insight: --customers N (default 1,000,000) --purchases N (default 5,000,000)
                                     --repeat R (9) --warmup W (2) --rebuilds R (3) --incremental N (200) [--reseed]
            The database is the embedded MariaDB, or the one set by KEYUAN_DB_URL / KEYUAN_DB_USER /
            KEYUAN_DB_PASSWORD. Benchmarks use the embedded database keyuan_bench (insight: keyuan_bench_insight),
            not the demo data.""";

    static final String SUITES = "grid, exchange, pipeline, segmentation, pricing, survey, insight";

    private final DemoSeeder seeder;
    private final AdminBootstrap adminBootstrap;
    private final GridBenchmark gridBenchmark;
    private final java.util.List<io.keyuan.exchange.SheetExporter> exporters;
    private final PipelineBenchmark pipelineBenchmark;
    private final SegmentationBenchmark segmentationBenchmark;
    private final PricingBenchmark pricingBenchmark;
    private final SurveyBenchmark surveyBenchmark;
    private final InsightBenchmark insightBenchmark;

    Commands(
            DemoSeeder seeder,
            AdminBootstrap adminBootstrap,
            GridBenchmark gridBenchmark,
            java.util.List<io.keyuan.exchange.SheetExporter> exporters,
            ImportCommand importCommand,
            InspectCommand inspectCommand,
            ExchangeBenchmark exchangeBenchmark,
            PipelineBenchmark pipelineBenchmark,
            SegmentationBenchmark segmentationBenchmark,
            PricingBenchmark pricingBenchmark,
            SurveyBenchmark surveyBenchmark,
            InsightBenchmark insightBenchmark) {
        this.insightBenchmark = insightBenchmark;
        this.pricingBenchmark = pricingBenchmark;
        this.surveyBenchmark = surveyBenchmark;
        this.pipelineBenchmark = pipelineBenchmark;
        this.segmentationBenchmark = segmentationBenchmark;
        this.exchangeBenchmark = exchangeBenchmark;
        this.exporters = exporters;
        this.importCommand = importCommand;
        this.inspectCommand = inspectCommand;
        this.seeder = seeder;
        this.adminBootstrap = adminBootstrap;
        this.gridBenchmark = gridBenchmark;
    }

    private final ImportCommand importCommand;
    private final InspectCommand inspectCommand;
    private final ExchangeBenchmark exchangeBenchmark;

    int execute(String[] args) {
        return SystemActor.call(() -> switch (args[0]) {
            case "seed" -> seed(new Options(args, 1));
            case "bench" -> bench(args);
            case "export" -> export(new Options(args, 1));
            case "import" -> importCommand.run(new Options(args, 1));
            case "inspect" -> inspectCommand.run(new Options(args, 1), System.out);
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
        String names =
                String.join(", ", exporters.stream().map(e -> e.schema().name()).toList());
        if (o.positional().size() != 2) {
            throw new CommandException("usage: export <schema> <file.xlsx> [--lang zh-CN|zh-TW|en]; schemas: " + names);
        }
        String schema = o.positional().get(0);
        io.keyuan.exchange.SheetExporter exporter = exporters.stream()
                .filter(e -> e.schema().name().equals(schema))
                .findFirst()
                .orElseThrow(() -> new CommandException("unknown schema '" + schema + "'; schemas: " + names));
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
                rows = exporter.exportAll(
                        java.util.Locale.forLanguageTag(o.flag("lang", "zh-CN")), out, n -> {}, () -> false);
            } catch (RuntimeException e) {
                java.nio.file.Files.deleteIfExists(tmp);
                throw e;
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
        System.out.printf("Exported %,d %s to %s in %.1f s%n", rows, schema, file, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private int bench(String[] args) {
        if (args.length < 2) {
            throw new CommandException("which suite? bench <suite>; suites: " + SUITES);
        }
        Options o = new Options(args, 2);
        return switch (args[1]) {
            case "grid" -> gridBenchmark.run(o);
            case "exchange" -> exchangeBenchmark.run(o);
            case "pipeline" -> pipelineBenchmark.run(o);
            case "segmentation" -> segmentationBenchmark.run(o);
            case "pricing" -> pricingBenchmark.run(o);
            case "survey" -> surveyBenchmark.run(o);
            case "insight" -> insightBenchmark.run(o);
            case "load" ->
                throw new CommandException("suite '" + args[1] + "' arrives with its module; built so far: " + SUITES);
            default -> throw new CommandException("unknown suite '" + args[1] + "'; suites: " + SUITES);
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
