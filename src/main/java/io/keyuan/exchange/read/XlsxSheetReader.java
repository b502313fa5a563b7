package io.keyuan.exchange.read;

import io.keyuan.exchange.SheetInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one worksheet of an .xlsx with POI's package access and a raw SAX pass over that sheet's XML, never a
 * workbook model and never another sheet's part. Shared strings are read first into a {@link CompactStrings}
 * table, each string and the whole table bounded by the limits while they are read.
 */
final class XlsxSheetReader implements SheetReader {
    /** Excel's own limit on a formula's length; a marker never carries more. */
    private static final int FORMULA_CHARS = 8_192;

    private static final int EXCEL_CELL_CHARS = 32_767;

    private static final MathContext SHOWN = new MathContext(15, RoundingMode.HALF_UP);
    private static final byte DATE = 1;
    private static final byte DATE_TIME = 2;
    private static final java.util.regex.Pattern NOT_FORMAT_CODES = java.util.regex.Pattern.compile(
            "\"[^\"]*\"|\\\\.|\\[\\$[^\\]]*\\]|\\[(?i:black|blue|cyan|green|magenta|red|white|yellow|color\\s*\\d+)\\]");

    private final XlsxWorkbook workbook;
    private final ReadLimits limits;
    private final SheetInfo sheet;
    private final CompactStrings strings;
    /** Per cell style: 0 not a date, {@link #DATE} a date format, {@link #DATE_TIME} one that shows the time. */
    private final byte[] dateStyles;

    private final PackagePart sheetPart;
    private final long sheetBytes;
    private volatile long consumed;
    private volatile String autoFilter;
    private volatile int hiddenRows;

    /** Reads {@code workbook}'s tab {@code index} (a worksheet) and closes the workbook when closed or refused. */
    XlsxSheetReader(XlsxWorkbook workbook, int index, ReadLimits limits) {
        this.workbook = workbook;
        this.limits = limits;
        try {
            XlsxWorkbook.Tab tab = workbook.tab(index);
            if (tab.kind() != SheetInfo.Kind.WORKSHEET) {
                throw new SheetRejectedException("exchange.error.chart-sheet", tab.name());
            }
            this.sheet = workbook.info(tab);
            this.sheetPart = tab.part();
            this.sheetBytes = Math.max(1, sheetPart.getSize());
            XSSFReader reader = workbook.reader();
            this.strings = readStrings(reader);
            this.dateStyles = readDateStyles(reader);
        } catch (SheetRejectedException e) {
            workbook.close();
            throw e;
        } catch (IOException | InvalidFormatException | SAXException | RuntimeException e) {
            workbook.close();
            throw translate(e);
        }
    }

    static SheetRejectedException translate(Exception e) {
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

    private CompactStrings readStrings(XSSFReader reader) throws IOException, SAXException {
        CompactStrings table = new CompactStrings(limits.maxTextChars());
        // No cell Excel writes is longer than this, so a longer string is refused at once. A lower cell limit is
        // checked where the string is used, to name the cell.
        int sharedStringChars = Math.max(limits.maxCellChars(), EXCEL_CELL_CHARS);
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
            XlsxWorkbook.parse(in, new DefaultHandler() {
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

                /*
                 * Checked before appending: the parser hands over a long text in chunks, so a file whose one shared
                 * string runs to hundreds of millions of characters is refused after one cell's worth, not after
                 * the heap has filled.
                 */
                @Override
                public void characters(char[] ch, int start, int length) {
                    if (!inT) {
                        return;
                    }
                    if (text.length() + length > sharedStringChars) {
                        throw new SheetRejectedException(
                                "exchange.error.shared-string-too-long", table.size() + 1, sharedStringChars);
                    }
                    if (table.chars() + text.length() + length > limits.maxTextChars()) {
                        throw new SheetRejectedException(
                                "exchange.error.too-much-text", limits.maxTextChars() / 1_000_000);
                    }
                    text.append(ch, start, length);
                }
            });
        }
        return table;
    }

    private static byte[] readDateStyles(XSSFReader reader) throws IOException, InvalidFormatException {
        StylesTable styles;
        try {
            styles = reader.getStylesTable();
        } catch (IOException | InvalidFormatException | POIXMLException e) {
            return new byte[0];
        }
        if (styles == null) {
            return new byte[0];
        }
        byte[] dates = new byte[styles.getNumCellStyles()];
        for (int i = 0; i < dates.length; i++) {
            XSSFCellStyle style = styles.getStyleAt(i);
            if (style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString())) {
                dates[i] = showsTime(style.getDataFormatString()) ? DATE_TIME : DATE;
            }
        }
        return dates;
    }

    /**
     * Whether a date format shows the time of day: it has an hour once quoted text, escaped characters, colours and
     * locale tags are left out ({@code m/d/yy h:mm}, {@code yyyy-mm-dd hh:mm:ss}; not {@code yyyy"年"m"月"d"日"}).
     */
    static boolean showsTime(String format) {
        if (format == null) {
            return false;
        }
        String codes = NOT_FORMAT_CODES.matcher(format).replaceAll("");
        return codes.indexOf('h') >= 0 || codes.indexOf('H') >= 0;
    }

    @Override
    public void read(RowSink sink) {
        try (InputStream raw = sheetPart.getInputStream();
                InputStream in = new CountingStream(raw)) {
            XlsxWorkbook.parse(in, new SheetHandler(sink));
        } catch (StopReading stop) {
            // the sink asked to stop
        } catch (SAXException e) {
            if (e.getException() instanceof StopReading) {
                return;
            }
            if (e.getException() instanceof RuntimeException r) {
                throw r instanceof SheetRejectedException ? r : translate(r);
            }
            throw translate(e);
        } catch (IOException e) {
            throw translate(e);
        } catch (RuntimeException e) {
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
    public SheetInfo sheet() {
        return sheet;
    }

    @Override
    public String autoFilter() {
        return autoFilter;
    }

    @Override
    public int hiddenRows() {
        return hiddenRows;
    }

    @Override
    public void close() {
        workbook.close();
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
        private final boolean recalculate = workbook.fullCalcOnLoad();
        private final int formulaChars =
                Math.max(0, Math.min(FORMULA_CHARS, limits.maxCellChars() - SheetReaders.NO_RESULT_PREFIX.length()));
        private String[] cells = new String[16];
        private int width;
        private int rowNumber;
        private int rowsSeen;
        private boolean rowHidden;
        private int hidden;
        private int nextColumn;
        private int column;
        private char type;
        private int style;
        private boolean inValue;
        private boolean inInline;
        private boolean inPhonetic;
        private boolean inFormula;
        private boolean formula;
        private boolean sawValue;
        private String sharedIndex;
        private final StringBuilder value = new StringBuilder();
        private final StringBuilder formulaText = new StringBuilder();
        /** The text of each shared formula's first cell: the cells that share it carry only its index. */
        private final Map<String, String> sharedFormulas = new HashMap<>();

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
                    String h = atts.getValue("hidden");
                    rowHidden = "1".equals(h) || "true".equals(h);
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
                    formula = false;
                    sawValue = false;
                }
                case "v" -> {
                    inValue = true;
                    sawValue = true;
                }
                case "is" -> {
                    inInline = true;
                    sawValue = true;
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> inValue = inInline && !inPhonetic;
                case "f" -> {
                    inFormula = true;
                    formula = true;
                    formulaText.setLength(0);
                    sharedIndex = "shared".equals(atts.getValue("t")) ? atts.getValue("si") : null;
                }
                case "autoFilter" -> autoFilter = atts.getValue("ref");
                default -> {}
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "is" -> inInline = false;
                case "rPh" -> inPhonetic = false;
                case "f" -> endFormula();
                case "c" -> store();
                case "row" -> {
                    if (rowHidden) {
                        hiddenRows = ++hidden;
                    }
                    if (!sink.row(rowNumber, Arrays.copyOf(cells, width), rowHidden)) {
                        throw new StopReading();
                    }
                }
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
            } else if (inFormula && formulaText.length() < formulaChars) {
                formulaText.append(ch, start, Math.min(length, formulaChars - formulaText.length()));
            }
        }

        private void endFormula() {
            inFormula = false;
            if (sharedIndex == null) {
                return;
            }
            if (!formulaText.isEmpty()) {
                if (sharedFormulas.size() < 10_000) {
                    sharedFormulas.put(sharedIndex, formulaText.toString());
                }
            } else {
                String master = sharedFormulas.get(sharedIndex);
                if (master != null) {
                    formulaText.append(master);
                }
            }
        }

        /**
         * A formula's result is taken only when the file saved one that can be trusted: not when the workbook asks
         * to recalculate on load (the writer left placeholders: 0 from xlsxwriter, nothing from openpyxl), and not
         * when the cell has no value (an empty text result, {@code t="str"} with an empty value, is a saved result).
         */
        private void store() {
            String text;
            if (formula && (recalculate || !sawValue || value.isEmpty() && type != 'f')) {
                text = SheetReaders.NO_RESULT_PREFIX + formulaText;
            } else if (value.isEmpty()) {
                return;
            } else {
                text = switch (type) {
                    case 's' -> {
                        String s = strings.get(parseInt(value));
                        if (s == null) {
                            throw new SheetRejectedException("exchange.error.corrupt", cellName(column, rowNumber));
                        }
                        yield s;
                    }
                    case 'b' -> "1".contentEquals(value) ? "TRUE" : "FALSE";
                    case 'n' -> number(value.toString());
                    // The value is the error as Excel shows it (#N/A); the marker already ends in '#'.
                    case 'e' -> SheetReaders.ERROR_PREFIX + (value.charAt(0) == '#' ? value.substring(1) : value);
                    default -> value.toString();
                };
            }
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
            String shown = excelNumber(raw);
            byte kind = style > 0 && style < dateStyles.length ? dateStyles[style] : 0;
            if (kind != 0) {
                try {
                    double serial = Double.parseDouble(shown);
                    if (kind == DATE_TIME && DateUtil.isValidExcelDate(serial)) {
                        return dateTimeText(DateUtil.getLocalDateTime(serial, workbook.date1904(), true));
                    }
                    if (DateUtil.isValidExcelDate(serial)) {
                        LocalDate date = DateUtil.getLocalDateTime(serial, workbook.date1904())
                                .toLocalDate();
                        return date.toString();
                    }
                } catch (NumberFormatException | NullPointerException e) {
                    return shown;
                }
            }
            return shown;
        }
    }

    /** A date-time cell as {@code 2024-02-29 12:30}, with {@code :ss} when the seconds are not zero. */
    static String dateTimeText(java.time.LocalDateTime at) {
        String date = at.toLocalDate().toString();
        int h = at.getHour();
        int m = at.getMinute();
        int sec = at.getSecond();
        StringBuilder sb = new StringBuilder(19).append(date).append(' ');
        sb.append(h < 10 ? "0" : "")
                .append(h)
                .append(':')
                .append(m < 10 ? "0" : "")
                .append(m);
        if (sec != 0) {
            sb.append(':').append(sec < 10 ? "0" : "").append(sec);
        }
        return sb.toString();
    }

    /**
     * A numeric cell's text as Excel shows it: rounded to 15 significant digits, trailing zeros dropped, written
     * out in full. Excel and gnumeric store the double's 17 significant digits ({@code 19.989999999999998} for a
     * typed 19.99, {@code 0.30000000000000004} for 0.1+0.2); Excel never shows more than 15, and neither does
     * this. Integers of up to 15 digits, the common case, pass through untouched.
     */
    static String excelNumber(String raw) {
        int length = raw.length();
        int digits = 0;
        boolean integer = length > 0;
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '-' || i > 0) {
                integer = false;
                break;
            }
        }
        if (integer && digits > 0 && digits <= 15) {
            return raw;
        }
        try {
            BigDecimal shown = new BigDecimal(raw).round(SHOWN).stripTrailingZeros();
            if (shown.signum() == 0) {
                return "0";
            }
            // Beyond what a double holds in plain digits, keep the exponent rather than build a huge string.
            if (shown.scale() > 40 || shown.precision() - shown.scale() > 40) {
                return shown.toString();
            }
            return shown.scale() < 0 ? shown.setScale(0).toPlainString() : shown.toPlainString();
        } catch (NumberFormatException | ArithmeticException e) {
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
