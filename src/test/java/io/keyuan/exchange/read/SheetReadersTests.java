package io.keyuan.exchange.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader makes of files users really upload, good and bad. Each bad file is refused with its reason. */
class SheetReadersTests {
    @TempDir
    Path dir;

    private static final ReadLimits SMALL = new ReadLimits(10L * 1024 * 1024, 1_000, 64, 1_000, 10_000_000, 0.01);

    private List<String[]> readAll(File file, String name, ReadLimits limits) {
        List<String[]> rows = new ArrayList<>();
        try (SheetReader reader = SheetReaders.open(file, name, limits)) {
            reader.read((n, cells) -> {
                rows.add(cells);
                return true;
            });
        }
        return rows;
    }

    private void assertRefused(File file, String name, String key) {
        assertThatThrownBy(() -> readAll(file, name, SMALL))
                .isInstanceOf(SheetRejectedException.class)
                .satisfies(e ->
                        assertThat(((SheetRejectedException) e).messageKey()).isEqualTo(key));
    }

    private File bytes(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p.toFile();
    }

    @Test
    void a_picture_named_xlsx_is_not_a_workbook() throws Exception {
        File png = bytes("photo.xlsx", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        assertRefused(png, "photo.xlsx", "exchange.error.not-a-workbook");
    }

    @Test
    void an_empty_file_is_refused() throws Exception {
        assertRefused(bytes("empty.xlsx", new byte[0]), "empty.xlsx", "exchange.error.empty-file");
    }

    @Test
    void an_old_xls_renamed_to_xlsx_is_refused_with_how_to_convert_it() throws Exception {
        Path p = dir.resolve("old.xlsx");
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(p)) {
            wb.createSheet("x").createRow(0).createCell(0).setCellValue("名称");
            wb.write(out);
        }
        assertRefused(p.toFile(), "old.xlsx", "exchange.error.xls");
    }

    @Test
    void csv_text_renamed_to_xlsx_is_refused_and_a_workbook_named_csv_too() throws Exception {
        assertRefused(
                bytes("list.xlsx", "名称,类别\n甲,个人\n".getBytes(StandardCharsets.UTF_8)),
                "list.xlsx",
                "exchange.error.csv-named-xlsx");
        File xlsx = xlsx(
                "real.csv", wb -> wb.createSheet("x").createRow(0).createCell(0).setCellValue("a"));
        assertRefused(xlsx, "real.csv", "exchange.error.xlsx-named-csv");
    }

    @Test
    void an_encrypted_workbook_is_refused_with_a_request_to_remove_the_password() throws Exception {
        Path p = dir.resolve("secret.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (XSSFWorkbook wb = new XSSFWorkbook();
                    OutputStream os = encryptor.getDataStream(fs)) {
                wb.createSheet("x").createRow(0).createCell(0).setCellValue("名称");
                wb.write(os);
            }
            try (OutputStream out = Files.newOutputStream(p)) {
                fs.writeFilesystem(out);
            }
        }
        assertRefused(p.toFile(), "secret.xlsx", "exchange.error.encrypted");
    }

    @Test
    void a_zip_bomb_is_refused_without_being_inflated() throws Exception {
        File bomb = rawWorkbook("bomb.xlsx", "worksheet", sheet -> {
            sheet.append("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
            sheet.append(" ".repeat(20_000_000));
            sheet.append("</sheetData>");
        });
        assertRefused(bomb, "bomb.xlsx", "exchange.error.zip-bomb");
    }

    @Test
    void a_sheet_reaching_far_columns_or_rows_is_refused() throws Exception {
        File wide = rawWorkbook(
                "wide.xlsx",
                "worksheet",
                sheet -> sheet.append(
                        "<sheetData><row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"));
        assertRefused(wide, "wide.xlsx", "exchange.error.too-many-columns");
        File tall = rawWorkbook(
                "tall.xlsx",
                "worksheet",
                sheet -> sheet.append("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                        + "<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row></sheetData>"));
        assertRefused(tall, "tall.xlsx", "exchange.error.too-many-rows");
        File csv = bytes("wide.csv", (",".repeat(500) + "\n").getBytes(StandardCharsets.UTF_8));
        assertRefused(csv, "wide.csv", "exchange.error.too-many-columns");
    }

    @Test
    void a_cell_longer_than_the_limit_is_refused_naming_the_cell() throws Exception {
        File f = xlsx("long.xlsx", wb -> {
            var s = wb.createSheet("x");
            s.createRow(0).createCell(0).setCellValue("名称");
            s.createRow(1).createCell(0).setCellValue("长".repeat(2_000));
        });
        assertThatThrownBy(() -> readAll(f, "long.xlsx", SMALL))
                .isInstanceOf(SheetRejectedException.class)
                .hasMessageContaining("exchange.error.cell-too-long")
                .hasMessageContaining("A2");
    }

    @Test
    void a_workbook_whose_first_sheet_is_a_chart_is_refused() throws Exception {
        File chart = rawWorkbook("chart.xlsx", "chartsheet", sheet -> sheet.append("<sheetPr/>"));
        assertRefused(chart, "chart.xlsx", "exchange.error.chart-sheet");
    }

    @Test
    void formulas_read_as_their_cached_values_and_dates_as_iso_dates() throws Exception {
        File f = xlsx("f.xlsx", wb -> {
            var s = wb.createSheet("x");
            Row r = s.createRow(0);
            r.createCell(0).setCellValue(21);
            r.createCell(1).setCellFormula("A1*2");
            r.createCell(2).setCellFormula("\"甲\"&\"乙\"");
            var date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
            var d = r.createCell(3);
            d.setCellValue(java.time.LocalDate.of(2024, 2, 29));
            d.setCellStyle(date);
            r.createCell(4).setCellValue(13812345678d);
            r.createCell(5).setCellValue(true);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        List<String[]> rows = readAll(f, "f.xlsx", SMALL);
        assertThat(rows.getFirst()).containsExactly("21", "42", "甲乙", "2024-02-29", "13812345678", "TRUE");
    }

    @Test
    void csv_is_read_in_utf8_with_bom_utf8_and_gbk_with_quotes_and_line_breaks() throws Exception {
        String text = "名称;类别\r\n\"张三; \"\"小张\"\"\";个人\r\n\"两行\n文字\";组织\r\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        for (byte[] content : List.of(utf8, bom, text.getBytes(Charset.forName("GBK")))) {
            List<String[]> rows = readAll(bytes("x.csv", content), "x.csv", SMALL);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).containsExactly("名称", "类别");
            assertThat(rows.get(1)).containsExactly("张三; \"小张\"", "个人");
            assertThat(rows.get(2)).containsExactly("两行\n文字", "组织");
        }
    }

    interface Filler {
        void fill(XSSFWorkbook wb) throws Exception;
    }

    private File xlsx(String name, Filler filler) throws Exception {
        File file = dir.resolve(name).toFile();
        try (XSSFWorkbook wb = new XSSFWorkbook();
                FileOutputStream out = new FileOutputStream(file)) {
            filler.fill(wb);
            wb.write(out);
        }
        return file;
    }

    interface SheetXml {
        void write(StringBuilder sheet);
    }

    /** A minimal workbook written by hand, to make files no well-behaved writer would. */
    private File rawWorkbook(String name, String firstSheetKind, SheetXml body) throws Exception {
        File file = dir.resolve(name).toFile();
        String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        String part = firstSheetKind.equals("chartsheet") ? "chartsheets/sheet1.xml" : "worksheets/sheet1.xml";
        String type = firstSheetKind.equals("chartsheet")
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
        StringBuilder sheet = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + firstSheetKind + " xmlns=\"" + ns + "\">");
        body.write(sheet);
        sheet.append("</").append(firstSheetKind).append(">");
        try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(file))) {
            put(
                    zip,
                    "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/" + part + "\" ContentType=\"" + type + "\"/></Types>");
            put(
                    zip,
                    "_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"" + rel
                            + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                            + "</Relationships>");
            put(
                    zip,
                    "xl/workbook.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + ns
                            + "\" xmlns:r=\"" + rel
                            + "\"><sheets><sheet name=\"图表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                            + "</workbook>");
            put(
                    zip,
                    "xl/_rels/workbook.xml.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"" + rel + "/" + firstSheetKind + "\" Target=\"" + part
                            + "\"/>"
                            + "</Relationships>");
            put(zip, "xl/" + part, sheet.toString());
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
