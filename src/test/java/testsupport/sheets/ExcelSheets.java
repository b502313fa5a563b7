package testsupport.sheets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes .xlsx files the way real spreadsheet programs write them, as raw XML parts in a zip, so that tests read
 * what users upload rather than what POI writes. POI's own writers store numbers in their shortest form
 * ({@code 19.99}) and never leave a formula without a result, so a reader tested only on their files never meets
 * Excel's {@code 19.989999999999998}, openpyxl's empty formulas or xlsxwriter's placeholder zeros.
 *
 * <p>Pick the program, add sheets in tab order, then write:
 *
 * <pre>{@code
 * Path file = ExcelSheets.excel()
 *         .sheet("填写说明", row("请在“客户”表中填写，带 * 的列必填"))
 *         .sheet("lists", row("个人"), row("组织")).hidden()
 *         .dataSheet("客户", List.of("编号", "名称", "金额", "日期"),
 *                 row("C1", "张三", 19.99, LocalDate.of(2024, 2, 29)),
 *                 row("C2", "李四", formula("C2*2", 39.98), null))
 *         .hideRows(3).autoFilter("A1:D3")
 *         .active(2)
 *         .write(dir.resolve("customers.xlsx"));
 * }</pre>
 *
 * <p>Cell values: {@code String} (text), any {@code Number} (written as the program writes a double; integers of
 * up to 15 digits as they are), {@code Boolean}, {@code LocalDate} (a serial number with the built-in date format
 * 14), {@code LocalDateTime} (serial with format 22), {@link #formula}, {@link #error}, and {@code null} for an
 * empty cell. Row numbers in {@link #hideRows} are 1-based as Excel shows them; the first row given is row 1.
 *
 * <p>What each program is made to write (the traits that matter to a reader):
 *
 * <table>
 *   <caption>writer profiles</caption>
 *   <tr><th>profile<th>numbers<th>text<th>formulas<th>calcPr fullCalcOnLoad<th>docProps/app.xml
 *   <tr><td>{@link #excel()}<td>17 significant digits ({@code 19.989999999999998})<td>shared strings
 *       <td>cached value if given, else none<td>no<td>Microsoft Excel
 *   <tr><td>{@link #gnumeric()}<td>17 significant digits<td>shared strings<td>as Excel<td>no<td>Gnumeric
 *   <tr><td>{@link #libreOffice()}<td>shortest form, {@code t="n"} on every number<td>shared strings
 *       <td>as Excel<td>no<td>LibreOffice
 *   <tr><td>{@link #openpyxl()}<td>Python's repr ({@code 19.99}, {@code 19.0})<td>inline strings
 *       <td>never a value ({@code <v></v>})<td>yes<td>Microsoft Excel (openpyxl says so)
 *   <tr><td>{@link #xlsxwriter()}<td>{@code %.16G}<td>shared strings<td>the cached value if given, else {@code
 *       <v>0</v>}<td>yes<td>Microsoft Excel (xlsxwriter says so)
 * </table>
 *
 * Each trait can be changed on its own ({@link #inlineStrings}, {@link #fullCalcOnLoad}, {@link #application},
 * {@link #date1904}, {@link #macroEnabled}).
 */
public final class ExcelSheets {
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

    /** The programs whose files are imitated. */
    public enum Program {
        EXCEL,
        GNUMERIC,
        LIBREOFFICE,
        OPENPYXL,
        XLSXWRITER
    }

    /** A formula cell: its text without "=", and the result a program saved with it (null: none). */
    public record Formula(String text, Object cached) {}

    /** An Excel error value such as {@code #N/A} or {@code #DIV/0!}. */
    public record ErrorValue(String code) {}

    private record Sheet(
            String name,
            boolean chart,
            List<? extends List<?>> rows,
            int generated,
            IntFunction<? extends List<?>> generator,
            String[] state,
            BitSet hiddenRows,
            String[] autoFilter,
            String[] dimension) {}

    private final Program program;
    private final List<Sheet> sheets = new ArrayList<>();
    private boolean sharedStrings;
    private boolean fullCalcOnLoad;
    private String application;
    private int active;
    private boolean date1904;
    private boolean macroEnabled;

    private ExcelSheets(Program program) {
        this.program = program;
        this.sharedStrings = program != Program.OPENPYXL;
        this.fullCalcOnLoad = program == Program.OPENPYXL || program == Program.XLSXWRITER;
        this.application = switch (program) {
            case GNUMERIC -> "Gnumeric";
            case LIBREOFFICE -> "LibreOffice/24.2.7.2$Linux_X86_64 LibreOffice_project/420$Build-2";
            default -> "Microsoft Excel";
        };
    }

    /** As Microsoft Excel saves: 17-digit numbers, shared strings, formulas with their results. */
    public static ExcelSheets excel() {
        return new ExcelSheets(Program.EXCEL);
    }

    /** As gnumeric saves: like Excel (17-digit numbers, shared strings). */
    public static ExcelSheets gnumeric() {
        return new ExcelSheets(Program.GNUMERIC);
    }

    /** As LibreOffice Calc saves: shortest-form numbers typed {@code t="n"}, shared strings. */
    public static ExcelSheets libreOffice() {
        return new ExcelSheets(Program.LIBREOFFICE);
    }

    /** As Python's openpyxl writes: inline strings, formulas with no value, recalculation asked on load. */
    public static ExcelSheets openpyxl() {
        return new ExcelSheets(Program.OPENPYXL);
    }

    /** As Python's xlsxwriter writes: shared strings, {@code <v>0</v>} for formulas, recalculation on load. */
    public static ExcelSheets xlsxwriter() {
        return new ExcelSheets(Program.XLSXWRITER);
    }

    /** A row of cells ({@code null} for an empty cell). */
    public static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    /** A formula with no saved result (as a program writes it: Excel none, openpyxl empty, xlsxwriter 0). */
    public static Formula formula(String text) {
        return new Formula(text, null);
    }

    /** A formula with the result Excel saved with it (openpyxl drops it all the same). */
    public static Formula formula(String text, Object cached) {
        return new Formula(text, cached);
    }

    /** An error value, e.g. {@code error("#N/A")}. */
    public static ErrorValue error(String code) {
        return new ErrorValue(code);
    }

    /** Adds a worksheet with these rows (row 1 first). */
    public ExcelSheets sheet(String name, List<?>... rows) {
        return sheet(name, List.of(rows));
    }

    /** Adds a worksheet with these rows (row 1 first). */
    public ExcelSheets sheet(String name, List<? extends List<?>> rows) {
        sheets.add(new Sheet(
                name, false, List.copyOf(rows), 0, null, new String[1], new BitSet(), new String[1], new String[] {
                    dimensionOf(
                            rows.size(),
                            rows.stream().mapToInt(List::size).max().orElse(0))
                }));
        return this;
    }

    /**
     * Adds a worksheet of {@code rows} rows made while writing ({@code row.apply(1)} is row 1), for files too big
     * to hold as lists. The declared dimension takes its width from row 1.
     */
    public ExcelSheets sheet(String name, int rows, IntFunction<? extends List<?>> row) {
        sheets.add(new Sheet(name, false, null, rows, row, new String[1], new BitSet(), new String[1], new String[] {
            rows == 0 ? null : dimensionOf(rows, row.apply(1).size())
        }));
        return this;
    }

    /** Adds a worksheet with a header row and data rows. */
    public ExcelSheets dataSheet(String name, List<String> headers, List<?>... rows) {
        List<List<?>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(List.of(rows));
        return sheet(name, all);
    }

    /** Adds a chart sheet (a tab holding a chart, no cells). */
    public ExcelSheets chartSheet(String name) {
        sheets.add(
                new Sheet(name, true, List.of(), 0, null, new String[1], new BitSet(), new String[1], new String[1]));
        return this;
    }

    /** Hides the last sheet added ({@code <sheet state="hidden">}). */
    public ExcelSheets hidden() {
        last().state()[0] = "hidden";
        return this;
    }

    /** Makes the last sheet added "very hidden" (only a macro can show it again). */
    public ExcelSheets veryHidden() {
        last().state()[0] = "veryHidden";
        return this;
    }

    /** Hides these rows (1-based) of the last sheet added, as an autofilter or Format → Hide does. */
    public ExcelSheets hideRows(int... rowNumbers) {
        for (int n : rowNumbers) {
            last().hiddenRows().set(n);
        }
        return this;
    }

    /** Puts an autofilter on the last sheet added, e.g. {@code autoFilter("A1:D20")}. */
    public ExcelSheets autoFilter(String ref) {
        last().autoFilter()[0] = ref;
        return this;
    }

    /**
     * The used range the last sheet added declares ({@code <dimension ref=".."/>}); null declares none. By default
     * the true range, as Excel writes it.
     */
    public ExcelSheets declaredDimension(String ref) {
        last().dimension()[0] = ref;
        return this;
    }

    /** The tab the workbook opens on (0-based): {@code <workbookView activeTab="N"/>}. */
    public ExcelSheets active(int index) {
        this.active = index;
        return this;
    }

    /** Every text as an inline string ({@code t="inlineStr"}) instead of in the shared-strings table. */
    public ExcelSheets inlineStrings() {
        this.sharedStrings = false;
        return this;
    }

    /** Whether workbook.xml asks to recalculate every formula on load ({@code <calcPr fullCalcOnLoad="1"/>}). */
    public ExcelSheets fullCalcOnLoad(boolean on) {
        this.fullCalcOnLoad = on;
        return this;
    }

    /** The program named in docProps/app.xml. */
    public ExcelSheets application(String name) {
        this.application = name;
        return this;
    }

    /** Dates counted from 1904 ({@code <workbookPr date1904="1"/>}), as old Mac workbooks do. */
    public ExcelSheets date1904() {
        this.date1904 = true;
        return this;
    }

    /** A macro-enabled workbook (.xlsm): its content type and a vbaProject.bin part. */
    public ExcelSheets macroEnabled() {
        this.macroEnabled = true;
        return this;
    }

    private Sheet last() {
        if (sheets.isEmpty()) {
            throw new IllegalStateException("add a sheet first");
        }
        return sheets.getLast();
    }

    /** Writes the workbook to {@code target} and returns it. */
    public Path write(Path target) {
        if (sheets.isEmpty()) {
            throw new IllegalStateException("a workbook needs a sheet");
        }
        try (OutputStream file = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(1);
            entry(zip, "[Content_Types].xml", contentTypes());
            entry(zip, "_rels/.rels", rootRels());
            entry(zip, "docProps/app.xml", appXml());
            entry(zip, "docProps/core.xml", coreXml());
            entry(zip, "xl/workbook.xml", workbookXml());
            entry(zip, "xl/_rels/workbook.xml.rels", workbookRels());
            entry(zip, "xl/styles.xml", STYLES);
            if (macroEnabled) {
                zip.putNextEntry(new ZipEntry("xl/vbaProject.bin"));
                zip.write(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0});
                zip.closeEntry();
            }
            Map<String, Integer> strings = new LinkedHashMap<>();
            int[] uses = {0};
            for (int i = 0; i < sheets.size(); i++) {
                Sheet sheet = sheets.get(i);
                zip.putNextEntry(new ZipEntry(partOf(sheet, i)));
                Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
                if (sheet.chart()) {
                    out.write(xmlHead() + "<chartsheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL
                            + "\"><sheetPr/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews></chartsheet>");
                } else {
                    writeSheet(out, sheet, i, strings, uses);
                }
                out.flush();
                zip.closeEntry();
            }
            if (sharedStrings) {
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
                out.write(xmlHead() + "<sst xmlns=\"" + MAIN + "\" count=\"" + uses[0] + "\" uniqueCount=\""
                        + strings.size() + "\">");
                for (String s : strings.keySet()) {
                    out.write("<si>");
                    textElement(out, s);
                    out.write("</si>");
                }
                out.write("</sst>");
                out.flush();
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private void writeSheet(Writer out, Sheet sheet, int index, Map<String, Integer> strings, int[] uses)
            throws IOException {
        out.write(xmlHead() + "<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\">");
        if (sheet.dimension()[0] != null) {
            out.write("<dimension ref=\"" + sheet.dimension()[0] + "\"/>");
        }
        out.write("<sheetViews><sheetView " + (index == active ? "tabSelected=\"1\" " : "")
                + "workbookViewId=\"0\"/></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><sheetData>");
        int count = sheet.rows() != null ? sheet.rows().size() : sheet.generated();
        StringBuilder line = new StringBuilder(512);
        for (int r = 1; r <= count; r++) {
            List<?> cells = sheet.rows() != null
                    ? sheet.rows().get(r - 1)
                    : sheet.generator().apply(r);
            line.setLength(0);
            line.append("<row r=\"").append(r).append('"');
            if (program == Program.EXCEL && !cells.isEmpty()) {
                line.append(" spans=\"1:").append(cells.size()).append('"');
            }
            if (sheet.hiddenRows().get(r)) {
                line.append(" hidden=\"1\"");
            }
            line.append('>');
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v != null) {
                    cell(line, column(c) + r, v, strings, uses);
                }
            }
            line.append("</row>");
            out.write(line.toString());
        }
        // Rows hidden past the last one written (an empty hidden row is still a row element).
        for (int r = sheet.hiddenRows().nextSetBit(count + 1);
                r >= 0;
                r = sheet.hiddenRows().nextSetBit(r + 1)) {
            out.write("<row r=\"" + r + "\" hidden=\"1\"/>");
        }
        out.write("</sheetData>");
        if (sheet.autoFilter()[0] != null) {
            out.write("<autoFilter ref=\"" + sheet.autoFilter()[0] + "\"/>");
        }
        out.write("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                + "</worksheet>");
    }

    private void cell(StringBuilder out, String ref, Object v, Map<String, Integer> strings, int[] uses) {
        out.append("<c r=\"").append(ref).append('"');
        switch (v) {
            case String s -> {
                if (sharedStrings) {
                    Integer at = strings.putIfAbsent(s, strings.size());
                    uses[0]++;
                    out.append(" t=\"s\"><v>")
                            .append(at == null ? strings.size() - 1 : at)
                            .append("</v></c>");
                } else {
                    out.append(" t=\"inlineStr\"><is>");
                    textElement(out, s);
                    out.append("</is></c>");
                }
            }
            case Boolean b -> out.append(" t=\"b\"><v>").append(b ? 1 : 0).append("</v></c>");
            case LocalDateTime t -> {
                double serial = serial(t.toLocalDate()) + t.toLocalTime().toNanoOfDay() / 86_400_000_000_000d;
                out.append(" s=\"2\"")
                        .append(numberType())
                        .append("><v>")
                        .append(number(serial))
                        .append("</v></c>");
            }
            case LocalDate d ->
                out.append(" s=\"1\"")
                        .append(numberType())
                        .append("><v>")
                        .append(number(serial(d)))
                        .append("</v></c>");
            case ErrorValue e ->
                out.append(" t=\"e\"><v>").append(escape(e.code())).append("</v></c>");
            case Formula f -> formulaCell(out, f);
            case Number n ->
                out.append(numberType()).append("><v>").append(number(n)).append("</v></c>");
            default ->
                throw new IllegalArgumentException("no cell for " + v.getClass().getName());
        }
    }

    private void formulaCell(StringBuilder out, Formula f) {
        String formula = "<f>" + escape(f.text()) + "</f>";
        Object cached = switch (program) {
            case OPENPYXL -> null;
            case XLSXWRITER -> f.cached() == null ? 0 : f.cached();
            default -> f.cached();
        };
        if (program == Program.OPENPYXL) {
            out.append('>').append(formula).append("<v></v></c>");
            return;
        }
        switch (cached) {
            case null -> out.append('>').append(formula).append("</c>");
            case String s ->
                out.append(" t=\"str\">")
                        .append(formula)
                        .append("<v>")
                        .append(escape(s))
                        .append("</v></c>");
            case Boolean b ->
                out.append(" t=\"b\">")
                        .append(formula)
                        .append("<v>")
                        .append(b ? 1 : 0)
                        .append("</v></c>");
            case ErrorValue e ->
                out.append(" t=\"e\">")
                        .append(formula)
                        .append("<v>")
                        .append(escape(e.code()))
                        .append("</v></c>");
            case Number n ->
                out.append(numberType())
                        .append('>')
                        .append(formula)
                        .append("<v>")
                        .append(number(n))
                        .append("</v></c>");
            default ->
                throw new IllegalArgumentException(
                        "no cached value of " + cached.getClass().getName());
        }
    }

    private String numberType() {
        return program == Program.LIBREOFFICE ? " t=\"n\"" : "";
    }

    private double serial(LocalDate d) {
        return date1904 ? d.toEpochDay() + 24107 : d.toEpochDay() + 25569;
    }

    /** A number as this program writes it in the sheet XML. */
    public String number(Number n) {
        if ((n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte)
                && Math.abs(n.longValue()) < 1_000_000_000_000_000L) {
            return Long.toString(n.longValue());
        }
        return number(n.doubleValue());
    }

    private String number(double d) {
        return switch (program) {
            case EXCEL, GNUMERIC -> significant(d, 17, true);
            case XLSXWRITER -> significant(d, 16, true);
            case OPENPYXL -> pythonRepr(d);
            case LIBREOFFICE -> shortest(d);
        };
    }

    /**
     * C's {@code %.<digits>g} with trailing zeros dropped, as Excel ({@code %.17g}) and xlsxwriter ({@code %.16G})
     * write: the double's exact binary value rounded to that many significant digits, plain unless the exponent is
     * below -4 or at least the number of digits. (Java's own {@code %.17g} differs: it pads the shortest form with
     * zeros, 19.990000000000000 where C and Excel write 19.989999999999998.)
     */
    static String significant(double d, int digits, boolean upper) {
        if (d == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        return gStyle(exact, digits, upper);
    }

    /** The shortest digits that read back as the same double (what LibreOffice and Java's toString choose). */
    static String shortest(double d) {
        if (d == 0) {
            return "0";
        }
        return gStyle(new BigDecimal(Double.toString(d)), 17, true);
    }

    /** Python's repr of a float: shortest digits, "19.0" for whole numbers, exponent from 1e16 and below 1e-4. */
    static String pythonRepr(double d) {
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (d == 0) {
            return "0.0";
        }
        if (exponent < -4 || exponent >= 16) {
            return gStyle(b, 16, false).replace("E", "e");
        }
        String plain = b.scale() <= 0 ? b.setScale(0).toPlainString() + ".0" : b.toPlainString();
        return plain;
    }

    private static String gStyle(BigDecimal value, int digits, boolean upper) {
        BigDecimal v = value.stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.scale() <= 0 ? mantissa.setScale(0).toPlainString() : mantissa.toPlainString();
            String e = String.format(Locale.ROOT, "%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return m + (upper ? "E" : "e") + e;
        }
        return v.scale() <= 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }

    private String contentTypes() {
        StringBuilder sb = new StringBuilder(xmlHead());
        sb.append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append(
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        if (macroEnabled) {
            sb.append("<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>");
        }
        sb.append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"")
                .append(
                        macroEnabled
                                ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
                                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
                .append("\"/>");
        for (int i = 0; i < sheets.size(); i++) {
            Sheet s = sheets.get(i);
            sb.append("<Override PartName=\"/")
                    .append(partOf(s, i))
                    .append("\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.")
                    .append(s.chart() ? "chartsheet" : "worksheet")
                    .append("+xml\"/>");
        }
        sb.append(
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        if (sharedStrings) {
            sb.append(
                    "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        }
        sb.append(
                        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>")
                .append(
                        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
                .append("</Types>");
        return sb.toString();
    }

    private static String rootRels() {
        return xmlHead() + "<Relationships xmlns=\"" + PKG_REL + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + REL + "/extended-properties\" Target=\"docProps/app.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "</Relationships>";
    }

    private String appXml() {
        StringBuilder titles = new StringBuilder();
        for (Sheet s : sheets) {
            titles.append("<vt:lpstr>").append(escape(s.name())).append("</vt:lpstr>");
        }
        return xmlHead()
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
                + " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                + "<Application>" + escape(application) + "</Application><DocSecurity>0</DocSecurity>"
                + "<TitlesOfParts><vt:vector size=\"" + sheets.size() + "\" baseType=\"lpstr\">" + titles
                + "</vt:vector></TitlesOfParts>"
                + (program == Program.EXCEL ? "<AppVersion>16.0300</AppVersion>" : "")
                + "</Properties>";
    }

    private static String coreXml() {
        return xmlHead()
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:creator>test</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-01T08:00:00Z</dcterms:created>"
                + "</cp:coreProperties>";
    }

    private String workbookXml() {
        StringBuilder sb = new StringBuilder(xmlHead());
        sb.append("<workbook xmlns=\"")
                .append(MAIN)
                .append("\" xmlns:r=\"")
                .append(REL)
                .append("\">");
        sb.append("<workbookPr").append(date1904 ? " date1904=\"1\"" : "").append("/>");
        sb.append("<bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" windowHeight=\"12300\"")
                .append(active > 0 ? " activeTab=\"" + active + "\"" : "")
                .append("/></bookViews><sheets>");
        for (int i = 0; i < sheets.size(); i++) {
            Sheet s = sheets.get(i);
            sb.append("<sheet name=\"")
                    .append(escape(s.name()))
                    .append("\" sheetId=\"")
                    .append(i + 1)
                    .append('"')
                    .append(s.state()[0] == null ? "" : " state=\"" + s.state()[0] + "\"")
                    .append(" r:id=\"rId")
                    .append(i + 1)
                    .append("\"/>");
        }
        sb.append("</sheets>");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < sheets.size(); i++) {
            String filter = sheets.get(i).autoFilter()[0];
            if (filter != null) {
                names.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"")
                        .append(i)
                        .append("\" hidden=\"1\">'")
                        .append(escape(sheets.get(i).name().replace("'", "''")))
                        .append("'!")
                        .append(absolute(filter))
                        .append("</definedName>");
            }
        }
        if (!names.isEmpty()) {
            sb.append("<definedNames>").append(names).append("</definedNames>");
        }
        sb.append("<calcPr calcId=\"191029\"")
                .append(fullCalcOnLoad ? " fullCalcOnLoad=\"1\"" : "")
                .append("/></workbook>");
        return sb.toString();
    }

    private String workbookRels() {
        StringBuilder sb = new StringBuilder(xmlHead());
        sb.append("<Relationships xmlns=\"").append(PKG_REL).append("\">");
        for (int i = 0; i < sheets.size(); i++) {
            Sheet s = sheets.get(i);
            sb.append("<Relationship Id=\"rId")
                    .append(i + 1)
                    .append("\" Type=\"")
                    .append(REL)
                    .append(s.chart() ? "/chartsheet" : "/worksheet")
                    .append("\" Target=\"")
                    .append(partOf(s, i).substring("xl/".length()))
                    .append("\"/>");
        }
        int n = sheets.size();
        sb.append("<Relationship Id=\"rId")
                .append(n + 1)
                .append("\" Type=\"")
                .append(REL)
                .append("/styles\" Target=\"styles.xml\"/>");
        if (sharedStrings) {
            sb.append("<Relationship Id=\"rId")
                    .append(n + 2)
                    .append("\" Type=\"")
                    .append(REL)
                    .append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        }
        if (macroEnabled) {
            sb.append("<Relationship Id=\"rId")
                    .append(n + 3)
                    .append(
                            "\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>");
        }
        return sb.append("</Relationships>").toString();
    }

    private static String partOf(Sheet s, int index) {
        return s.chart() ? "xl/chartsheets/sheet" + (index + 1) + ".xml" : "xl/worksheets/sheet" + (index + 1) + ".xml";
    }

    /** Cell style 0 general, 1 the built-in short date (numFmtId 14), 2 date and time (numFmtId 22). */
    private static final String STYLES = xmlHead() + "<styleSheet xmlns=\"" + MAIN + "\">"
            + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"等线\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"22\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";

    private static String xmlHead() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void textElement(Appendable out, String s) {
        try {
            boolean keep = !s.isEmpty() && (isSpace(s.charAt(0)) || isSpace(s.charAt(s.length() - 1)));
            out.append(keep ? "<t xml:space=\"preserve\">" : "<t>")
                    .append(escape(s))
                    .append("</t>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** XML text; control characters XML cannot hold are written as Excel does ({@code _x0001_}). */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default ->
                    c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                            ? String.format(Locale.ROOT, "_x%04X_", (int) c)
                            : null;
            };
            if (r != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (r != null) {
                    sb.append(r);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String dimensionOf(int rows, int columns) {
        if (rows == 0 || columns == 0) {
            return "A1";
        }
        return rows == 1 && columns == 1 ? "A1" : "A1:" + column(columns - 1) + rows;
    }

    private static String absolute(String ref) {
        StringBuilder sb = new StringBuilder();
        for (String part : ref.split(":")) {
            if (!sb.isEmpty()) {
                sb.append(':');
            }
            int i = 0;
            while (i < part.length() && Character.isLetter(part.charAt(i))) {
                i++;
            }
            sb.append('$').append(part, 0, i).append('$').append(part.substring(i));
        }
        return sb.toString();
    }

    /** The column's letters: 0 → A, 25 → Z, 26 → AA. */
    public static String column(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }
}
