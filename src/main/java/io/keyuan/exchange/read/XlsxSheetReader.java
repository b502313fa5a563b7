package io.keyuan.exchange.read;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first sheet of an .xlsx with POI's package access and a raw SAX pass over the sheet XML, never a
 * workbook model. Shared strings are read first into a {@link CompactStrings} table.
 */
final class XlsxSheetReader implements SheetReader {
    private static final String CHARTSHEET = "chartsheet";

    private final OPCPackage pkg;
    private final ReadLimits limits;
    private final CompactStrings strings;
    private final boolean[] dateStyles;
    private final boolean date1904;
    private final PackagePart sheetPart;
    private final long sheetBytes;
    private volatile long consumed;

    XlsxSheetReader(File file, ReadLimits limits) {
        this.limits = limits;
        try {
            this.pkg = OPCPackage.open(file, PackageAccess.READ);
        } catch (InvalidFormatException | IllegalArgumentException e) {
            throw new SheetRejectedException("exchange.error.not-a-workbook");
        } catch (RuntimeException e) {
            throw translate(e);
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            this.date1904 = readDate1904(reader);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new SheetRejectedException("exchange.error.no-sheet");
            }
            try (InputStream ignored = sheets.next()) {
                this.sheetPart = sheets.getSheetPart();
            }
            if (sheetPart.getContentType().contains(CHARTSHEET)) {
                throw new SheetRejectedException("exchange.error.chart-sheet", sheets.getSheetName());
            }
            this.sheetBytes = Math.max(1, sheetPart.getSize());
            this.strings = readStrings(reader);
            this.dateStyles = readDateStyles(reader);
        } catch (SheetRejectedException e) {
            pkg.revert();
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            pkg.revert();
            throw translate(e);
        }
    }

    private static SheetRejectedException translate(Exception e) {
        String message = String.valueOf(e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SheetRejectedException r) {
                return r;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("zip bomb") || m.contains("exceeds the maximum")) {
                return new SheetRejectedException("exchange.error.zip-bomb");
            }
        }
        if (message.contains("encrypt")) {
            return new SheetRejectedException("exchange.error.encrypted");
        }
        return new SheetRejectedException("exchange.error.corrupt", shorten(message));
    }

    private static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static boolean readDate1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        boolean[] result = {false};
        try (InputStream in = reader.getWorkbookData()) {
            parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts) {
                    if ("workbookPr".equals(localName)) {
                        String v = atts.getValue("date1904");
                        result[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
        }
        return result[0];
    }

    private CompactStrings readStrings(XSSFReader reader) throws IOException, SAXException {
        CompactStrings table = new CompactStrings(limits.maxTextChars());
        InputStream in;
        try {
            in = reader.getSharedStringsData();
        } catch (InvalidFormatException | IOException | POIXMLException e) {
            return table;
        }
        if (in == null) {
            return table;
        }
        try (in) {
            parse(in, new DefaultHandler() {
                private final StringBuilder text = new StringBuilder();
                private boolean inT;
                private boolean inPhonetic;

                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts) {
                    switch (localName) {
                        case "si" -> text.setLength(0);
                        case "t" -> inT = !inPhonetic;
                        case "rPh" -> inPhonetic = true;
                        default -> {}
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    switch (localName) {
                        case "si" -> table.add(text);
                        case "t" -> inT = false;
                        case "rPh" -> inPhonetic = false;
                        default -> {}
                    }
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (inT) {
                        text.append(ch, start, length);
                    }
                }
            });
        }
        return table;
    }

    private static boolean[] readDateStyles(XSSFReader reader) throws IOException, InvalidFormatException {
        StylesTable styles;
        try {
            styles = reader.getStylesTable();
        } catch (IOException | InvalidFormatException | POIXMLException e) {
            return new boolean[0];
        }
        if (styles == null) {
            return new boolean[0];
        }
        boolean[] dates = new boolean[styles.getNumCellStyles()];
        for (int i = 0; i < dates.length; i++) {
            XSSFCellStyle style = styles.getStyleAt(i);
            if (style != null) {
                dates[i] = DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
            }
        }
        return dates;
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader xml;
        try {
            xml = XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        xml.setContentHandler(handler);
        xml.parse(new InputSource(in));
    }

    @Override
    public void read(RowSink sink) {
        try (InputStream raw = sheetPart.getInputStream();
                InputStream in = new CountingStream(raw)) {
            parse(in, new SheetHandler(sink));
        } catch (StopReading stop) {
            // the sink asked to stop
        } catch (SAXException e) {
            if (e.getException() instanceof RuntimeException r) {
                throw r instanceof SheetRejectedException ? r : translate(r);
            }
            throw translate(e);
        } catch (IOException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            if (e instanceof StopReading) {
                return;
            }
            throw e instanceof SheetRejectedException ? e : translate(e);
        }
    }

    @Override
    public double progress() {
        return Math.min(1.0, (double) consumed / sheetBytes);
    }

    @Override
    public String format() {
        return "xlsx";
    }

    @Override
    public void close() {
        pkg.revert();
    }

    private final class CountingStream extends FilterInputStream {
        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                consumed++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
    }

    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** The SAX handler over sheetN.xml: rows of cells, typed by the cell's t attribute and its style. */
    private final class SheetHandler extends DefaultHandler {
        private final RowSink sink;
        private String[] cells = new String[16];
        private int width;
        private int rowNumber;
        private int rowsSeen;
        private int nextColumn;
        private int column;
        private char type;
        private int style;
        private boolean inValue;
        private boolean inInline;
        private final StringBuilder value = new StringBuilder();

        SheetHandler(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            switch (localName) {
                case "row" -> {
                    String r = atts.getValue("r");
                    int number = r == null ? rowNumber + 1 : parseRowNumber(r);
                    if (number <= rowNumber) {
                        number = rowNumber + 1;
                    }
                    rowNumber = number;
                    rowsSeen++;
                    if (rowNumber > limits.maxRows() + 1L || rowsSeen > limits.maxRows() + 1) {
                        throw new SheetRejectedException("exchange.error.too-many-rows", limits.maxRows());
                    }
                    Arrays.fill(cells, 0, width, null);
                    width = 0;
                    nextColumn = 0;
                }
                case "c" -> {
                    String ref = atts.getValue("r");
                    column = ref == null ? nextColumn : columnIndex(ref);
                    nextColumn = column + 1;
                    if (column >= limits.maxColumns()) {
                        throw new SheetRejectedException("exchange.error.too-many-columns", limits.maxColumns());
                    }
                    String t = atts.getValue("t");
                    type = t == null
                            ? 'n'
                            : switch (t) {
                                case "s" -> 's';
                                case "inlineStr" -> 'i';
                                case "str" -> 'f';
                                case "b" -> 'b';
                                case "e" -> 'e';
                                case "d" -> 'd';
                                default -> 'n';
                            };
                    String s = atts.getValue("s");
                    style = s == null ? 0 : parseInt(s);
                    value.setLength(0);
                }
                case "v" -> inValue = true;
                case "is" -> inInline = true;
                case "t" -> inValue = inInline;
                default -> {}
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "is" -> inInline = false;
                case "c" -> store();
                case "row" -> {
                    if (!sink.row(rowNumber, Arrays.copyOf(cells, width))) {
                        throw new StopReading();
                    }
                }
                case "sheetData" -> {}
                default -> {}
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                if (value.length() + length > limits.maxCellChars()) {
                    throw new SheetRejectedException(
                            "exchange.error.cell-too-long", cellName(column, rowNumber), limits.maxCellChars());
                }
                value.append(ch, start, length);
            }
        }

        private void store() {
            if (value.isEmpty()) {
                return;
            }
            String text = switch (type) {
                case 's' -> {
                    String s = strings.get(parseInt(value));
                    if (s == null) {
                        throw new SheetRejectedException("exchange.error.corrupt", cellName(column, rowNumber));
                    }
                    yield s;
                }
                case 'b' -> "1".contentEquals(value) ? "TRUE" : "FALSE";
                case 'n' -> number(value.toString());
                case 'e' -> SheetReaders.ERROR_PREFIX + value;
                default -> value.toString();
            };
            if (text.length() > limits.maxCellChars()) {
                throw new SheetRejectedException(
                        "exchange.error.cell-too-long", cellName(column, rowNumber), limits.maxCellChars());
            }
            if (column >= cells.length) {
                cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
            }
            cells[column] = text;
            width = Math.max(width, column + 1);
        }

        private String number(String raw) {
            boolean isDate = style > 0 && style < dateStyles.length && dateStyles[style];
            if (isDate) {
                try {
                    double serial = Double.parseDouble(raw);
                    if (DateUtil.isValidExcelDate(serial)) {
                        LocalDate date =
                                DateUtil.getLocalDateTime(serial, date1904).toLocalDate();
                        return date.toString();
                    }
                } catch (NumberFormatException | NullPointerException e) {
                    return raw;
                }
            }
            return plainNumber(raw);
        }
    }

    /** "1.3800138E10" → "13800138000", "12.0" → "12"; anything else unchanged. */
    static String plainNumber(String raw) {
        boolean simple = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 'E' || c == 'e' || c == '.') {
                simple = false;
                break;
            }
        }
        if (simple) {
            return raw;
        }
        try {
            BigDecimal d = new BigDecimal(raw).stripTrailingZeros();
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
            String s = d.toPlainString();
            return s.length() > 40 ? raw : s;
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    static int columnIndex(String ref) {
        int col = 0;
        int letters = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
                if (++letters > 4) {
                    return Integer.MAX_VALUE;
                }
            } else {
                break;
            }
        }
        return col - 1;
    }

    private static int parseRowNumber(String r) {
        try {
            return Integer.parseInt(r);
        } catch (NumberFormatException e) {
            throw new SheetRejectedException("exchange.error.corrupt", "row " + r);
        }
    }

    private static int parseInt(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || n > 200_000_000) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static String cellName(int column, int row) {
        return org.apache.poi.ss.util.CellReference.convertNumToColString(column) + row;
    }
}
