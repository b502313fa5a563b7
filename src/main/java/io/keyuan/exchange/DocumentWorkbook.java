package io.keyuan.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A small formatted document on one sheet, for people rather than for re-import (a quote, a statement): a title
 * row, a block of label / value pairs, a table with a header row, and label / value totals under the table's last
 * column. Values may be text, numbers, {@link BigDecimal} (shown with two decimals) or {@link LocalDate}. The
 * texts arrive already translated; this class knows no feature.
 */
public record DocumentWorkbook(
        String sheetName,
        String title,
        List<Field> header,
        List<String> columns,
        List<List<Object>> rows,
        List<Field> totals) {

    public DocumentWorkbook {
        header = List.copyOf(header);
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                .toList();
        totals = List.copyOf(totals);
    }

    /** A label and its value. */
    public record Field(String label, Object value) {}

    /** Row (0-based) of the table's header: title, a blank row, the header block, a blank row. */
    public int tableHeaderRow() {
        return 2 + header.size() + 1;
    }

    public void write(OutputStream out) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CreationHelper helper = workbook.getCreationHelper();
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 16);
            CellStyle titleStyle = workbook.createCellStyle();
            titleStyle.setFont(big);
            CellStyle labelStyle = workbook.createCellStyle();
            labelStyle.setFont(bold);
            CellStyle headStyle = workbook.createCellStyle();
            headStyle.setFont(bold);
            headStyle.setBorderBottom(BorderStyle.THIN);
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle moneyStyle = workbook.createCellStyle();
            moneyStyle.setDataFormat(helper.createDataFormat().getFormat("#,##0.00"));
            CellStyle moneyBold = workbook.createCellStyle();
            moneyBold.cloneStyleFrom(moneyStyle);
            moneyBold.setFont(bold);

            XSSFSheet sheet = workbook.createSheet(sheetName);
            int width = Math.max(2, columns.size());
            XSSFRow titleRow = sheet.createRow(0);
            XSSFCell titleCell = titleRow.createCell(0);
            titleCell.setCellValue(title);
            titleCell.setCellStyle(titleStyle);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, width - 1));

            int r = 2;
            for (Field f : header) {
                XSSFRow row = sheet.createRow(r++);
                XSSFCell label = row.createCell(0);
                label.setCellValue(f.label());
                label.setCellStyle(labelStyle);
                put(row.createCell(1), f.value(), dateStyle, moneyStyle);
            }
            r++;
            XSSFRow head = sheet.createRow(r++);
            for (int i = 0; i < columns.size(); i++) {
                XSSFCell cell = head.createCell(i);
                cell.setCellValue(columns.get(i));
                cell.setCellStyle(headStyle);
            }
            for (List<Object> values : rows) {
                XSSFRow row = sheet.createRow(r++);
                for (int i = 0; i < values.size() && i < columns.size(); i++) {
                    if (values.get(i) != null) {
                        put(row.createCell(i), values.get(i), dateStyle, moneyStyle);
                    }
                }
            }
            r++;
            int valueColumn = Math.max(1, columns.size() - 1);
            for (Field f : totals) {
                XSSFRow row = sheet.createRow(r++);
                XSSFCell label = row.createCell(valueColumn - 1);
                label.setCellValue(f.label());
                label.setCellStyle(labelStyle);
                put(row.createCell(valueColumn), f.value(), dateStyle, moneyBold);
            }
            for (int i = 0; i < width; i++) {
                int longest = i < columns.size() ? columns.get(i).length() : 8;
                for (List<Object> values : rows) {
                    if (i < values.size() && values.get(i) != null) {
                        longest = Math.max(longest, values.get(i).toString().length());
                    }
                }
                sheet.setColumnWidth(i, Math.min(60, Math.max(12, longest * 2 + 2)) * 256);
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the document", e);
        }
    }

    private static void put(XSSFCell cell, Object v, CellStyle dateStyle, CellStyle moneyStyle) {
        switch (v) {
            case null -> {}
            case LocalDate d -> {
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle);
            }
            case BigDecimal b -> {
                cell.setCellValue(b.doubleValue());
                cell.setCellStyle(moneyStyle);
            }
            case Number n -> cell.setCellValue(n.doubleValue());
            case Boolean b -> cell.setCellValue(b);
            default -> cell.setCellValue(v.toString());
        }
    }
}
