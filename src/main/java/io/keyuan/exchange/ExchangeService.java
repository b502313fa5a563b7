package io.keyuan.exchange;

import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Writes workbooks with POI's streaming workbook: only a window of rows stays in memory (the rest goes to
 * compressed temporary files), so an export of a million rows runs in bounded memory.
 */
@Service
public class ExchangeService {
    static final int ROW_WINDOW = 200;
    static final int TEMPLATE_ROWS = 100_000;
    static final String LISTS_SHEET = "lists";

    private final KeyuanI18NProvider i18n;

    ExchangeService(KeyuanI18NProvider i18n) {
        this.i18n = i18n;
    }

    /**
     * An empty sheet for the schema: headers in {@code locale}, a note on each header saying what the column takes,
     * and dropdown validation for the columns in {@code choices} (their values on a hidden sheet).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public void writeTemplate(SheetSchema schema, Locale locale, Map<String, List<String>> choices, OutputStream out) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet(schema.name());
            XSSFSheet lists = workbook.createSheet(LISTS_SHEET);
            workbook.setSheetHidden(workbook.getSheetIndex(lists), true);
            CellStyle headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            Drawing<?> drawing = sheet.createDrawingPatriarch();
            CreationHelper helper = workbook.getCreationHelper();
            DataValidationHelper validations = sheet.getDataValidationHelper();
            XSSFRow header = sheet.createRow(0);
            int listColumn = 0;
            List<SheetColumn> columns = schema.columns();
            for (int i = 0; i < columns.size(); i++) {
                SheetColumn column = columns.get(i);
                XSSFCell cell = header.createCell(i);
                cell.setCellValue(column.header(locale));
                cell.setCellStyle(headerStyle);
                sheet.setColumnWidth(
                        i, Math.min(50, Math.max(12, column.header(locale).length() * 3)) * 256);
                ClientAnchor anchor = helper.createClientAnchor();
                anchor.setCol1(i);
                anchor.setCol2(i + 3);
                anchor.setRow1(0);
                anchor.setRow2(4);
                Comment note = drawing.createCellComment(anchor);
                note.setString(helper.createRichTextString(note(schema, column, locale)));
                cell.setCellComment(note);
                List<String> values = choices.get(column.key());
                if (values != null && !values.isEmpty()) {
                    for (int r = 0; r < values.size(); r++) {
                        XSSFRow row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
                        row.createCell(listColumn).setCellValue(values.get(r));
                    }
                    String letter = CellReference.convertNumToColString(listColumn);
                    Name name = workbook.createName();
                    name.setNameName("list_" + column.key());
                    name.setRefersToFormula(LISTS_SHEET + "!$" + letter + "$1:$" + letter + "$" + values.size());
                    DataValidationConstraint constraint =
                            validations.createFormulaListConstraint("list_" + column.key());
                    DataValidation validation =
                            validations.createValidation(constraint, new CellRangeAddressList(1, TEMPLATE_ROWS, i, i));
                    validation.setShowErrorBox(true);
                    validation.createErrorBox(
                            column.header(locale), i18n.getTranslation("exchange.note.pick-from-list", locale));
                    sheet.addValidationData(validation);
                    listColumn++;
                }
            }
            sheet.createFreezePane(0, 1);
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the template", e);
        }
    }

    private String note(SheetSchema schema, SheetColumn column, Locale locale) {
        String type = i18n.getTranslation("exchange.type." + column.type().name(), locale);
        String required = i18n.getTranslation(
                column.required() ? "exchange.note.required-to-create" : "exchange.note.optional", locale);
        String text = required + " · " + type;
        if (schema.isKey(column.key())) {
            text += " · " + i18n.getTranslation("exchange.note.key", locale);
        }
        if (column.defaultValue() != null) {
            Object v = column.defaultValue();
            String shown = column.enumType() != null
                    ? i18n.getTranslation("enum." + column.enumType().getSimpleName() + "." + v, locale)
                    : v instanceof Boolean b
                            ? i18n.getTranslation(b ? "import.value.yes" : "import.value.no", locale)
                            : v.toString();
            text += " · " + i18n.getTranslation("exchange.note.default", locale, shown);
        }
        if (column.type() == ColumnType.TEXT) {
            text += " · " + i18n.getTranslation("exchange.note.max-length", locale, column.maxLength());
        }
        return text;
    }

    /** One sheet of a workbook: its schema (name, headers) and its rows. */
    public record SheetPart(SheetSchema schema, SheetRowSource rows) {}

    /** Writes the schema's header row in {@code locale} and every row the source yields; returns the row count. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long write(SheetSchema schema, Locale locale, SheetRowSource rows, OutputStream out) {
        return writeAll(List.of(new SheetPart(schema, rows)), locale, out);
    }

    /** Writes several sheets into one workbook (a report's sections, say); returns the rows written in all. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long writeAll(List<SheetPart> parts, Locale locale, OutputStream out) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROW_WINDOW);
        // Uncompressed temporary files: faster than gzip (measured here), at the cost of temporary disk space.
        workbook.setCompressTempFiles(false);
        try {
            CreationHelper helper = workbook.getCreationHelper();
            CellStyle headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle dateTimeStyle = workbook.createCellStyle();
            dateTimeStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            CellStyle decimalStyle = workbook.createCellStyle();
            decimalStyle.setDataFormat(helper.createDataFormat().getFormat("0.00"));
            long[] count = {0};
            for (SheetPart part : parts) {
                SheetSchema schema = part.schema();
                SXSSFSheet sheet = workbook.createSheet(schema.name());
                List<SheetColumn> columns = schema.columns();
                SXSSFRow header = sheet.createRow(0);
                for (int i = 0; i < columns.size(); i++) {
                    SXSSFCell cell = header.createCell(i);
                    cell.setCellValue(columns.get(i).header(locale));
                    cell.setCellStyle(headerStyle);
                    sheet.setColumnWidth(
                            i,
                            Math.min(
                                            50,
                                            Math.max(
                                                    10,
                                                    columns.get(i)
                                                                    .header(locale)
                                                                    .length()
                                                            * 3))
                                    * 256);
                }
                sheet.createFreezePane(0, 1);
                int[] rowIndex = {0};
                part.rows().forEachRow(values -> {
                    SXSSFRow row = sheet.createRow(++rowIndex[0]);
                    count[0]++;
                    for (int i = 0; i < columns.size() && i < values.length; i++) {
                        Object v = values[i];
                        if (v == null) {
                            continue;
                        }
                        SXSSFCell cell = row.createCell(i);
                        switch (v) {
                            case LocalDate d -> {
                                cell.setCellValue(d);
                                cell.setCellStyle(dateStyle);
                            }
                            case LocalDateTime t -> {
                                cell.setCellValue(t);
                                cell.setCellStyle(dateTimeStyle);
                            }
                            case BigDecimal b -> {
                                cell.setCellValue(b.doubleValue());
                                cell.setCellStyle(decimalStyle);
                            }
                            case Number n -> cell.setCellValue(n.doubleValue());
                            case Boolean b -> cell.setCellValue(b);
                            default -> cell.setCellValue(v.toString());
                        }
                    }
                });
            }
            workbook.write(out);
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the workbook", e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the temporary files are already removed by dispose()
            }
        }
    }
}
