package io.keyuan.insight;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * A summary as a workbook through the exchange engine: a sheet per table, as on screen, in the reader's language;
 * a figure that cannot be computed is an empty cell; an empty summary writes its reason in the first row.
 */
@Service
public class SummaryExport {
    private final InsightSummaries summaries;
    private final ExchangeService exchange;

    SummaryExport(InsightSummaries summaries, ExchangeService exchange) {
        this.summaries = summaries;
        this.exchange = exchange;
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public long export(SummaryTab tab, SummaryQuery query, Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        InsightSummaries.Tables result = summaries.tables(tab, query, lang);
        List<ExchangeService.SheetPart> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean first = true;
        for (SummaryTable table : result.tables()) {
            List<SheetColumn> columns = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                SummaryTable.Column c = table.columns().get(i);
                String header = c.header() + (c.kind() == SummaryTable.Kind.PERCENT ? " (%)" : "");
                columns.add(SheetColumn.of(
                        "c" + i,
                        header,
                        header,
                        header,
                        c.kind() == SummaryTable.Kind.TEXT ? ColumnType.TEXT : ColumnType.DECIMAL,
                        false,
                        200));
            }
            String reason = first ? result.empty() : null;
            first = false;
            parts.add(new ExchangeService.SheetPart(
                    new SheetSchema(sheetName(table.title(), names), columns, List.of()), sink -> {
                        if (reason != null) {
                            Object[] line = new Object[columns.size()];
                            line[0] = reason;
                            sink.accept(line);
                        }
                        for (List<Object> row : table.rows()) {
                            sink.accept(row.toArray());
                        }
                    }));
        }
        return exchange.writeAll(parts, lang, out);
    }

    /** Excel's rules: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
    static String sheetName(String title, Set<String> taken) {
        String name = title.replaceAll("[\\\\\\[\\]:*?/]", " ").strip();
        if (name.isEmpty()) {
            name = "Sheet";
        }
        if (name.length() > 31) {
            name = name.substring(0, 31);
        }
        String candidate = name;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " " + n;
            candidate = name.substring(0, Math.min(name.length(), 31 - suffix.length())) + suffix;
        }
        return candidate;
    }
}
