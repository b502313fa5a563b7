package io.keyuan.exchange.read;

import io.keyuan.exchange.SheetInfo;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file as Excel saves it: UTF-8 with or without a byte-order mark, or — as Excel does on a Chinese
 * Windows — GBK (read as GB18030, its superset). The encoding is decided by checking the whole file as UTF-8
 * first, so a file is never half-decoded in the wrong charset. Separator: comma, or tab / semicolon when the
 * header line says so. Quoted fields may hold separators, quotes ("") and line breaks.
 */
final class CsvSheetReader implements SheetReader {
    private static final Charset GB18030 = Charset.forName("GB18030");

    private final File file;
    private final SheetInfo sheet;
    private final ReadLimits limits;
    private final Charset charset;
    private final int skip;
    private final long size;
    private volatile long consumed;

    CsvSheetReader(File file, String fileName, ReadLimits limits) {
        this.file = file;
        this.sheet = info(fileName);
        this.limits = limits;
        this.size = Math.max(1, file.length());
        try {
            byte[] head = SheetReaders.head(file, 4);
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                charset = StandardCharsets.UTF_8;
                skip = 3;
            } else if (head.length >= 2
                    && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                            || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
                charset = (head[0] & 0xFF) == 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
                skip = 2;
            } else {
                charset = isUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
                skip = 0;
            }
        } catch (IOException e) {
            throw new SheetRejectedException("exchange.error.corrupt", e.getMessage());
        }
    }

    /** A CSV file is one sheet, named as Excel names it: after the file, without the extension. */
    static SheetInfo info(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return new SheetInfo(0, name, SheetInfo.Visibility.VISIBLE, SheetInfo.Kind.WORKSHEET, true, null);
    }

    private static boolean isUtf8(File file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        try (InputStream stream = new FileInputStream(file)) {
            int n;
            while ((n = stream.read(in.array(), in.position(), in.remaining())) >= 0) {
                in.position(in.position() + n);
                in.flip();
                var result = decoder.decode(in, out, false);
                if (result.isError()) {
                    return false;
                }
                out.clear();
                in.compact();
            }
            in.flip();
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            return !decoder.flush(out).isError();
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public void read(RowSink sink) {
        char separator;
        try {
            byte[] head = SheetReaders.head(file, 65_536 + skip);
            String text = new String(head, skip, Math.max(0, head.length - skip), charset);
            int eol = text.indexOf('\n');
            separator = separator(eol < 0 ? text : text.substring(0, eol));
        } catch (IOException e) {
            throw new SheetRejectedException("exchange.error.corrupt", e.getMessage());
        }
        try (InputStream raw = new BufferedInputStream(new FileInputStream(file), 1 << 16)) {
            raw.skipNBytes(skip);
            Reader reader = new InputStreamReader(
                    new java.io.FilterInputStream(raw) {
                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            int n = super.read(b, off, len);
                            if (n > 0) {
                                consumed += n;
                            }
                            return n;
                        }
                    },
                    charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE));
            parse(new PushbackReader(new BufferedReader(reader, 1 << 16), 1), separator, sink);
        } catch (IOException e) {
            throw new SheetRejectedException("exchange.error.corrupt", e.getMessage());
        }
    }

    private void parse(PushbackReader in, char separator, RowSink sink) throws IOException {
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int rowNumber = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean atStart = true;
        boolean any = false;
        int c;
        while ((c = in.read()) >= 0) {
            char ch = (char) c;
            any = true;
            if (ch == 0) {
                throw new SheetRejectedException("exchange.error.not-a-workbook");
            }
            if (quoted) {
                if (ch == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            in.unread(next);
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && atStart) {
                quoted = true;
                wasQuoted = true;
                atStart = false;
            } else if (ch == separator) {
                addField(row, field, wasQuoted);
                atStart = true;
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    int next = in.read();
                    if (next >= 0 && next != '\n') {
                        in.unread(next);
                    }
                }
                addField(row, field, wasQuoted);
                atStart = true;
                wasQuoted = false;
                rowNumber++;
                if (!emit(sink, rowNumber, row)) {
                    return;
                }
                row.clear();
                any = false;
            } else {
                field.append(ch);
                atStart = false;
            }
            if (field.length() > limits.maxCellChars()) {
                throw new SheetRejectedException(
                        "exchange.error.cell-too-long",
                        XlsxSheetReader.cellName(row.size(), rowNumber + 1),
                        limits.maxCellChars());
            }
        }
        if (quoted) {
            throw new SheetRejectedException("exchange.error.csv-unclosed-quote", rowNumber + 1);
        }
        if (any) {
            addField(row, field, wasQuoted);
            emit(sink, rowNumber + 1, row);
        }
    }

    private void addField(List<String> row, StringBuilder field, boolean wasQuoted) {
        if (row.size() >= limits.maxColumns()) {
            throw new SheetRejectedException("exchange.error.too-many-columns", limits.maxColumns());
        }
        row.add(field.isEmpty() && !wasQuoted ? null : field.toString());
        field.setLength(0);
    }

    private boolean emit(RowSink sink, int rowNumber, List<String> row) {
        if (rowNumber > limits.maxRows() + 1) {
            throw new SheetRejectedException("exchange.error.too-many-rows", limits.maxRows());
        }
        boolean empty = true;
        for (String s : row) {
            if (s != null && !s.isEmpty()) {
                empty = false;
                break;
            }
        }
        return sink.row(rowNumber, empty ? new String[0] : row.toArray(String[]::new), false);
    }

    private static char separator(CharSequence line) {
        int commas = 0;
        int tabs = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case '\t' -> tabs++;
                    case ';' -> semicolons++;
                    default -> {}
                }
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        if (semicolons > commas) {
            return ';';
        }
        return ',';
    }

    @Override
    public double progress() {
        return Math.min(1.0, (double) consumed / size);
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public SheetInfo sheet() {
        return sheet;
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
