package io.keyuan.cli;

import io.keyuan.exchange.FileInspection;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.RowError;
import io.keyuan.exchange.SheetInfo;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code inspect <file> [--lang en]}: prints what the import's reader sees in a file and writes nothing — each sheet
 * (name, hidden or not, declared size), the header row it would pick and for which sheet type, and a full read of
 * every readable sheet to its end with the first problem per column. For whoever holds a file that was refused.
 */
@Component
class InspectCommand {
    private final ImportService imports;
    private final KeyuanI18NProvider i18n;

    InspectCommand(ImportService imports, KeyuanI18NProvider i18n) {
        this.imports = imports;
        this.i18n = i18n;
    }

    int run(Options o, PrintStream out) {
        List<String> args = o.positional();
        if (args.size() != 1) {
            throw new CommandException("usage: inspect <file> [--lang zh-CN|zh-TW|en]", 2);
        }
        Locale lang = KeyuanI18NProvider.supported(Locale.forLanguageTag(o.flag("lang", "en")));
        File file = Path.of(args.getFirst()).toFile();
        if (!file.isFile()) {
            throw new CommandException("no such file: " + file, 2);
        }
        FileInspection inspection;
        try {
            inspection = imports.inspectFile(file, file.getName());
        } catch (KeyuanException e) {
            throw new CommandException(file.getName() + ": " + i18n.getTranslation(e.messageKey(), lang, e.args()), 2);
        }
        out.printf(
                "%s: %s, %d sheet(s)%n",
                file.getName(), inspection.format(), inspection.sheets().size());
        for (SheetInfo s : inspection.sheets()) {
            out.printf(
                    "  sheet %d \"%s\"%s%s%s%s%n",
                    s.index() + 1,
                    s.name(),
                    s.active() ? ", active" : "",
                    s.hidden()
                            ? ", "
                                    + s.visibility()
                                            .name()
                                            .toLowerCase(Locale.ROOT)
                                            .replace('_', ' ')
                            : "",
                    s.readable() ? "" : ", " + s.kind().name().toLowerCase(Locale.ROOT) + " (not readable)",
                    s.dimension() == null ? "" : ", declares " + s.dimension());
        }
        for (FileInspection.SheetReport r : inspection.reports()) {
            out.printf("sheet %d \"%s\":%n", r.sheet().index() + 1, r.sheet().name());
            if (r.problem() != null) {
                out.println("  cannot be read: " + text(r.problem(), lang));
                continue;
            }
            out.printf(
                    "  %,d rows read to the end%s%s%n",
                    r.rows(),
                    r.hiddenRows() == 0 ? "" : String.format(", %,d hidden", r.hiddenRows()),
                    r.autoFilter() == null ? "" : ", autofilter " + r.autoFilter());
            if (r.schemaName() == null) {
                out.println("  no header row names the columns of any sheet type you may import");
                continue;
            }
            out.printf("  header row %d reads as sheet type %s:%n", r.headerRow(), r.schemaName());
            for (int c = 0; c < r.headers().size(); c++) {
                String key = r.mapping().get(c);
                out.printf(
                        "    %-3s %-24s -> %s%n",
                        columnName(c), "\"" + r.headers().get(c) + "\"", key == null ? "(ignored)" : key);
            }
            if (r.firstProblems().isEmpty()) {
                out.println("  every cell converts (references to other records are checked by a dry run)");
            } else {
                out.printf("  %,d rows with problems; the first per column:%n", r.rowsWithProblems());
                for (RowError e : r.firstProblems()) {
                    out.printf("    %-6s %s%n", e.cell(), text(e, lang));
                }
            }
        }
        return 0;
    }

    private String text(RowError e, Locale lang) {
        return i18n.getTranslation(e.messageKey(), lang, e.args());
    }

    private static String columnName(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }
}
