package io.keyuan.exchange.read;

import io.keyuan.exchange.SheetInfo;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An opened .xlsx package and what its {@code xl/workbook.xml} says: the tabs in order (name, visibility, part),
 * the active tab, the 1904 date system and whether formulas are to be recalculated on load. Nothing else is
 * parsed here; a sheet's part is inflated only when that sheet is read.
 */
final class XlsxWorkbook implements AutoCloseable {
    private static final Pattern DIMENSION = Pattern.compile("<(?:\\w+:)?dimension\\s+ref=\"([^\"]*)\"");
    private static final Pattern SHEET_DATA = Pattern.compile("<(?:\\w+:)?sheetData[\\s/>]");
    private static final int HEAD_BYTES = 16 * 1024;

    private final OPCPackage pkg;
    private final Reader reader;
    private final List<Tab> tabs = new ArrayList<>();
    private int activeTab;
    private boolean date1904;
    private boolean fullCalcOnLoad;

    /** A tab as workbook.xml lists it, with its part resolved (null when the file lacks it). */
    record Tab(int index, String name, SheetInfo.Visibility visibility, SheetInfo.Kind kind, PackagePart part) {}

    /** Exposes the workbook part POI has already found (transitional or strict), for resolving the tabs' ids. */
    static final class Reader extends XSSFReader {
        Reader(OPCPackage pkg) throws IOException, OpenXML4JException {
            super(pkg);
        }

        PackagePart workbook() {
            return workbookPart;
        }
    }

    XlsxWorkbook(File file) {
        try {
            this.pkg = OPCPackage.open(file, PackageAccess.READ);
        } catch (InvalidFormatException | IllegalArgumentException e) {
            throw new SheetRejectedException("exchange.error.not-a-workbook");
        } catch (RuntimeException e) {
            throw XlsxSheetReader.translate(e);
        }
        try {
            this.reader = new Reader(pkg);
            readWorkbook();
        } catch (SheetRejectedException e) {
            pkg.revert();
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            pkg.revert();
            throw XlsxSheetReader.translate(e);
        }
    }

    private void readWorkbook() throws IOException, OpenXML4JException, SAXException {
        PackagePart workbook = reader.workbook();
        List<String[]> listed = new ArrayList<>();
        boolean[] viewSeen = {false};
        try (InputStream in = reader.getWorkbookData()) {
            parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts) {
                    switch (localName) {
                        case "workbookPr" -> date1904 = isTrue(atts.getValue("date1904"));
                        case "workbookView" -> {
                            // Excel lists one view per window; the first is the one a file opens on.
                            if (!viewSeen[0] && atts.getValue("activeTab") != null) {
                                try {
                                    activeTab = Math.max(0, Integer.parseInt(atts.getValue("activeTab")));
                                } catch (NumberFormatException e) {
                                    activeTab = 0;
                                }
                            }
                            viewSeen[0] = true;
                        }
                        case "calcPr" -> fullCalcOnLoad = isTrue(atts.getValue("fullCalcOnLoad"));
                        case "sheet" ->
                            listed.add(new String[] {atts.getValue("name"), atts.getValue("state"), rid(atts)});
                        default -> {}
                    }
                }
            });
        }
        for (String[] s : listed) {
            PackagePart part = null;
            if (s[2] != null) {
                PackageRelationship rel = workbook.getRelationship(s[2]);
                if (rel != null) {
                    try {
                        part = workbook.getRelatedPart(rel);
                    } catch (InvalidFormatException | IllegalArgumentException e) {
                        part = null;
                    }
                }
            }
            tabs.add(new Tab(tabs.size(), s[0] == null ? "" : s[0], visibility(s[1]), kind(part), part));
        }
        if (activeTab >= tabs.size()) {
            activeTab = 0;
        }
    }

    /** The r:id attribute, whichever relationships namespace (transitional or strict) it is in. */
    private static String rid(Attributes atts) {
        for (int i = 0; i < atts.getLength(); i++) {
            if ("id".equals(atts.getLocalName(i)) && !atts.getURI(i).isEmpty()) {
                return atts.getValue(i);
            }
        }
        return null;
    }

    private static boolean isTrue(String v) {
        return "1".equals(v) || "true".equalsIgnoreCase(v);
    }

    private static SheetInfo.Visibility visibility(String state) {
        if ("hidden".equals(state)) {
            return SheetInfo.Visibility.HIDDEN;
        }
        if ("veryHidden".equals(state)) {
            return SheetInfo.Visibility.VERY_HIDDEN;
        }
        return SheetInfo.Visibility.VISIBLE;
    }

    private static SheetInfo.Kind kind(PackagePart part) {
        if (part == null) {
            return SheetInfo.Kind.OTHER;
        }
        String type = part.getContentType();
        if (type.contains("spreadsheetml.worksheet")) {
            return SheetInfo.Kind.WORKSHEET;
        }
        if (type.contains("chartsheet")) {
            return SheetInfo.Kind.CHART;
        }
        return SheetInfo.Kind.OTHER;
    }

    static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader xml;
        try {
            xml = XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        xml.setContentHandler(handler);
        xml.parse(new InputSource(in));
    }

    XSSFReader reader() {
        return reader;
    }

    boolean date1904() {
        return date1904;
    }

    boolean fullCalcOnLoad() {
        return fullCalcOnLoad;
    }

    int size() {
        return tabs.size();
    }

    Tab tab(int index) {
        return tabs.get(index);
    }

    /** Every tab, with the dimension of each worksheet read from the first kilobytes of its part. */
    List<SheetInfo> sheets() {
        List<SheetInfo> result = new ArrayList<>(tabs.size());
        for (Tab tab : tabs) {
            result.add(info(tab));
        }
        return List.copyOf(result);
    }

    SheetInfo info(Tab tab) {
        String dimension = tab.kind() == SheetInfo.Kind.WORKSHEET ? dimension(tab.part()) : null;
        return new SheetInfo(
                tab.index(), tab.name(), tab.visibility(), tab.kind(), tab.index() == activeTab, dimension);
    }

    /**
     * The tab to read when none is chosen: the active tab if it is a visible worksheet, else the first visible
     * worksheet, else the first worksheet; -1 when there is no worksheet at all.
     */
    int defaultSheet() {
        if (tabs.isEmpty()) {
            return -1;
        }
        Tab active = tabs.get(activeTab);
        if (active.kind() == SheetInfo.Kind.WORKSHEET && active.visibility() == SheetInfo.Visibility.VISIBLE) {
            return activeTab;
        }
        for (Tab tab : tabs) {
            if (tab.kind() == SheetInfo.Kind.WORKSHEET && tab.visibility() == SheetInfo.Visibility.VISIBLE) {
                return tab.index();
            }
        }
        for (Tab tab : tabs) {
            if (tab.kind() == SheetInfo.Kind.WORKSHEET) {
                return tab.index();
            }
        }
        return -1;
    }

    /** The declared used range, read from the head of the part only (it precedes the rows). */
    private static String dimension(PackagePart part) {
        byte[] head;
        try (InputStream in = part.getInputStream()) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        Matcher data = SHEET_DATA.matcher(text);
        if (data.find()) {
            text = text.substring(0, data.start());
        }
        Matcher m = DIMENSION.matcher(text);
        return m.find() && !m.group(1).isBlank() ? m.group(1) : null;
    }

    @Override
    public void close() {
        pkg.revert();
    }
}
