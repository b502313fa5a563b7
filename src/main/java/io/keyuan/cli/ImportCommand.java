package io.keyuan.cli;

import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportPreview;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportRequest;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.RowError;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code import <schema> <file> [--mode all-or-nothing|skip-bad] [--blanks keep|clear] [--dry-run] [--errors <file.xlsx>]
 * [--lang en]}:
 * the import wizard's engine for scheduled jobs. Exit code 0 when the import committed (or the dry run found no
 * error), 1 when rows had errors (nothing written in all-or-nothing mode), 2 for bad usage or an unreadable file.
 */
@Component
class ImportCommand {
    private final ImportService imports;
    private final KeyuanI18NProvider i18n;

    ImportCommand(ImportService imports, KeyuanI18NProvider i18n) {
        this.imports = imports;
        this.i18n = i18n;
    }

    int run(Options o) {
        List<String> args = o.positional();
        if (args.size() != 2) {
            throw new CommandException(
                    "usage: import <schema> <file> [--mode all-or-nothing|skip-bad] [--blanks keep|clear] [--dry-run]"
                            + " [--errors <file.xlsx>]; schemas: "
                            + schemas(),
                    2);
        }
        Locale lang = KeyuanI18NProvider.supported(Locale.forLanguageTag(o.flag("lang", "en")));
        String schema = args.get(0);
        File file = Path.of(args.get(1)).toFile();
        if (!file.isFile()) {
            throw new CommandException("no such file: " + file, 2);
        }
        ImportMode mode = switch (o.flag("mode", "all-or-nothing")) {
            case "all-or-nothing" -> ImportMode.ALL_OR_NOTHING;
            case "skip-bad" -> ImportMode.SKIP_BAD;
            default -> throw new CommandException("--mode must be all-or-nothing or skip-bad", 2);
        };
        boolean clearBlanks = switch (o.flag("blanks", "keep")) {
            case "keep" -> false;
            case "clear" -> true;
            default -> throw new CommandException("--blanks must be keep (blank cells keep stored values) or clear", 2);
        };
        boolean dryRun = o.has("dry-run");
        try {
            if (imports.importers().stream().noneMatch(i -> i.schema().name().equals(schema))) {
                throw new CommandException("unknown schema '" + schema + "'; schemas: " + schemas(), 2);
            }
            ImportPreview preview = imports.inspect(schema, file, file.getName(), sheet(o, file));
            var problems = imports.mappingProblems(schema, preview.headers(), preview.mapping());
            if (!problems.isEmpty()) {
                throw new CommandException(text(problems.getFirst(), lang), 2);
            }
            ImportRequest request =
                    preview.request(schema, file, file.getName(), lang).clearingBlanks(clearBlanks);
            long started = System.nanoTime();
            ImportReport r = dryRun
                    ? imports.dryRun(request, ImportListener.NONE)
                    : imports.commit(request, mode, ImportListener.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            String errorsFile = o.flag("errors", null);
            if (errorsFile != null && r.hasErrors()) {
                try (OutputStream out = Files.newOutputStream(Path.of(errorsFile))) {
                    imports.writeErrorWorkbook(request, r, out);
                } catch (IOException e) {
                    throw new CommandException("could not write " + errorsFile + ": " + e.getMessage(), 1);
                }
            }
            String first = r.errors().isEmpty()
                    ? ""
                    : "; first error: " + describe(r.errors().getFirst(), lang);
            System.out.printf(
                    "reading sheet \"%s\", headers in row %d%n", preview.sheet().name(), preview.headerRow());
            System.out.printf(
                    "%s %s: %,d rows, %,d created, %,d updated, %,d unchanged, %,d with errors, %,d with warnings"
                            + " in %.1f s%s%s%n",
                    r.status() == ImportStatus.DRY_RUN ? "dry run of" : statusWord(r.status()),
                    file.getName(),
                    r.totalRows(),
                    r.created(),
                    r.updated(),
                    r.unchanged(),
                    r.errorRows(),
                    r.warningRows(),
                    seconds,
                    r.jobId() == null ? "" : " (job #" + r.jobId() + ")",
                    first);
            boolean ok = r.status() == ImportStatus.COMMITTED || r.status() == ImportStatus.DRY_RUN && !r.hasErrors();
            return ok ? 0 : 1;
        } catch (KeyuanException e) {
            throw new CommandException(text(e, lang), 2);
        }
    }

    /** {@code --sheet 2} (1-based, as tabs are counted) or {@code --sheet 客户}; -1 when absent: the engine picks. */
    private int sheet(Options o, File file) {
        String wanted = o.flag("sheet", null);
        if (wanted == null) {
            return -1;
        }
        if (wanted.matches("\\d{1,4}")) {
            return Integer.parseInt(wanted) - 1;
        }
        return imports.sheets(file, file.getName()).stream()
                .filter(s -> s.name().equalsIgnoreCase(wanted.strip()))
                .findFirst()
                .orElseThrow(() -> new CommandException("no sheet named '" + wanted + "' in " + file.getName(), 2))
                .index();
    }

    private String schemas() {
        return String.join(
                ", ", imports.importers().stream().map(i -> i.schema().name()).toList());
    }

    private static String statusWord(ImportStatus status) {
        return switch (status) {
            case COMMITTED -> "imported";
            case REFUSED -> "refused (nothing written)";
            case CANCELLED -> "cancelled";
            default -> "failed (nothing written)";
        };
    }

    private String text(KeyuanException e, Locale lang) {
        return i18n.getTranslation(e.messageKey(), lang, e.args());
    }

    private String describe(RowError e, Locale lang) {
        return "row " + e.rowNumber() + (e.cell() == null ? "" : " " + e.cell()) + ": "
                + i18n.getTranslation(e.messageKey(), lang, e.args());
    }
}
