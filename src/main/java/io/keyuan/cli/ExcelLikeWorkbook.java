package io.keyuan.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an .xlsx the way Excel does — every text in the shared-strings table, cells referring to it by index,
 * numbers with 17 significant digits, dates as serial numbers with a date style — so that benchmarks read what users upload, not what POI's streaming
 * writer produces (inline strings). Plain XML into a zip; no workbook model.
 */
final class ExcelLikeWorkbook {
    /** A cell value: a String (shared), a Number, or a LocalDate (serial with the date style). */
    static void write(Path target, List<String> headers, int rows, IntFunction<Object[]> row) throws IOException {
        Path strings = Files.createTempFile("keyuan-sst", ".xml");
        Map<String, Integer> repeated = new HashMap<>();
        int[] count = {0};
        try (OutputStream file = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(file);
                Writer sst = new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(strings), StandardCharsets.UTF_8), 1 << 16)) {
            zip.setLevel(1);
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
                    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
                    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                    </Relationships>""");
            entry(zip, "xl/styles.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                    <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
                    <fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>\
                    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                    <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
                    </styleSheet>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            StringBuilder line = new StringBuilder(512);
            for (int r = 0; r <= rows; r++) {
                Object[] values = r == 0 ? headers.toArray() : row.apply(r);
                line.setLength(0);
                line.append("<row r=\"").append(r + 1).append("\">");
                for (int c = 0; c < values.length; c++) {
                    Object v = values[c];
                    if (v == null) {
                        continue;
                    }
                    String ref = column(c) + (r + 1);
                    switch (v) {
                        case String s -> {
                            // Excel shares repeated strings; distinct ones get their own entry.
                            Integer index = s.length() <= 8 ? repeated.get(s) : null;
                            if (index == null) {
                                index = count[0]++;
                                sst.write("<si><t>");
                                sst.write(escape(s));
                                sst.write("</t></si>");
                                if (s.length() <= 8) {
                                    repeated.put(s, index);
                                }
                            }
                            line.append("<c r=\"")
                                    .append(ref)
                                    .append("\" t=\"s\"><v>")
                                    .append(index)
                                    .append("</v></c>");
                        }
                        case java.time.LocalDate d ->
                            line.append("<c r=\"")
                                    .append(ref)
                                    .append("\" s=\"1\"><v>")
                                    .append(d.toEpochDay() + 25569)
                                    .append("</v></c>");
                        case Number n ->
                            line.append("<c r=\"")
                                    .append(ref)
                                    .append("\"><v>")
                                    .append(number(n))
                                    .append("</v></c>");
                        default -> throw new IllegalArgumentException("no cell for " + v.getClass());
                    }
                }
                line.append("</row>");
                sheet.write(line.toString());
            }
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
            sst.close();
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            String head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + count[0]
                    + "\" uniqueCount=\"" + count[0] + "\">";
            zip.write(head.getBytes(StandardCharsets.UTF_8));
            Files.copy(strings, zip);
            zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } finally {
            Files.deleteIfExists(strings);
        }
    }

    /**
     * A number as Excel stores it: the double's 17 significant digits ({@code 19.989999999999998} for 19.99, C's
     * {@code %.17g} without trailing zeros), so the reader meets what Excel users send. Integers of up to 15 digits
     * are the same either way and skip the arithmetic.
     */
    static String number(Number n) {
        if ((n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte)
                && Math.abs(n.longValue()) < 1_000_000_000_000_000L) {
            return Long.toString(n.longValue());
        }
        double d = n.doubleValue();
        if (d == 0 || !Double.isFinite(d)) {
            return "0";
        }
        BigDecimal v = new BigDecimal(d)
                .round(new MathContext(17, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = v.movePointLeft(exponent);
            return mantissa.toPlainString()
                    + (exponent < 0 ? "E-" : "E+")
                    + String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String column(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
