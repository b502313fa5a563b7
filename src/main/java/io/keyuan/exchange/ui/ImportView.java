package io.keyuan.exchange.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.keyuan.exchange.FieldChange;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportPreview;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportRequest;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.RowError;
import io.keyuan.exchange.RowOutcomes;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetImporter;
import io.keyuan.exchange.SheetInfo;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.JobWatch;
import io.keyuan.shared.ui.MainLayout;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/**
 * The import wizard: choose the sheet type and upload → check the column mapping (guessed from the headers) →
 * dry run listing every row's outcome → import in the background with progress and cancel → result with counts
 * and the error workbook.
 */
@Route(value = "imports/new", layout = MainLayout.class)
@Menu(title = "nav.import", order = 60, icon = "vaadin:upload")
@RolesAllowed(Roles.STAFF)
public class ImportView extends VerticalLayout implements HasDynamicTitle {
    private static final String IGNORE = "";

    private final ImportService imports;
    final Select<SheetImporter> type = new Select<>();
    final Select<SheetInfo> sheet = new Select<>();
    final Upload upload;
    final VerticalLayout mappingSection = new VerticalLayout();
    final Grid<Integer> mappingGrid = new Grid<>();
    final Div problems = new Div();
    final RadioButtonGroup<ImportMode> mode = new RadioButtonGroup<>();
    final Checkbox clearBlanks = new Checkbox();
    final Button dryRun = new Button();
    final Button commit = new Button();
    final Button cancel = new Button();
    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    final VerticalLayout resultSection = new VerticalLayout();
    final Span counts = new Span();
    final Select<ImportAction> outcomeFilter = new Select<>();
    final Grid<Integer> outcomeGrid = new Grid<>();
    final Anchor errorWorkbook = new Anchor();
    private final List<Select<String>> mappingSelects = new ArrayList<>();

    private File file;
    private String fileName;
    ImportPreview preview;
    ImportReport report;
    private ImportRequest lastRequest;
    private final JobService jobService;
    private JobWatch job;
    private volatile boolean running;
    private volatile boolean attached;

    public ImportView(ImportService imports, JobService jobService) {
        this.imports = imports;
        this.jobService = jobService;
        setId("import-view");
        setWidthFull();
        setMaxWidth("1200px");

        List<SheetImporter> importers = imports.importers();
        type.setId("import-type");
        type.setLabel(getTranslation("import.type"));
        type.setItems(importers);
        type.setItemLabelGenerator(i -> getTranslation(i.titleKey()));
        type.setValue(importers.getFirst());
        type.addValueChangeListener(e -> {
            if (file != null) {
                inspect();
            }
        });

        upload = new Upload(io.keyuan.shared.ui.Uploads.toTempFile(
                imports.limits().maxFileBytes(),
                (metadata, tempFile) -> received(metadata.fileName(), tempFile),
                message -> Notifications.error(this, message)));
        upload.setId("import-upload");
        sheet.setId("import-sheet");
        sheet.setLabel(getTranslation("import.sheet"));
        sheet.setItemLabelGenerator(this::sheetLabel);
        sheet.setVisible(false);
        sheet.setWidth("16em");
        sheet.addValueChangeListener(e -> {
            if (!choosingSheet && e.getValue() != null && file != null) {
                inspect(e.getValue().index());
            }
        });
        upload.setAcceptedFileTypes(
                ".xlsx", ".csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, imports.limits().maxFileBytes()));
        upload.setDropLabel(new Span(getTranslation("import.drop")));
        UploadI18N texts = new UploadI18N();
        texts.setAddFiles(new UploadI18N.AddFiles()
                .setOne(getTranslation("import.upload.add"))
                .setMany(getTranslation("import.upload.add")));
        texts.setDropFiles(new UploadI18N.DropFiles()
                .setOne(getTranslation("import.drop"))
                .setMany(getTranslation("import.drop")));
        texts.setError(new UploadI18N.Error()
                .setTooManyFiles(getTranslation("import.upload.one-file"))
                .setFileIsTooBig(getTranslation("import.rejected-file"))
                .setIncorrectFileType(getTranslation("import.rejected-file")));
        upload.setI18n(texts);
        upload.addFileRejectedListener(e -> Notifications.error(this, getTranslation("import.rejected-file")));
        RouterLink history = new RouterLink(getTranslation("import.history"), ImportHistoryView.class);
        Anchor template = new Anchor(
                (DownloadHandler) event -> {
                    String[] schema = new String[1];
                    java.util.Locale[] locale = new java.util.Locale[1];
                    event.getUI().accessSynchronously(() -> {
                        schema[0] = type.getValue().schema().name();
                        locale[0] = getLocale();
                    });
                    event.setFileName(schema[0] + "-template.xlsx");
                    event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    imports.writeTemplate(schema[0], locale[0], event.getOutputStream());
                },
                "");
        template.setId("import-template");
        Button templateButton = new Button(getTranslation("import.template"), VaadinIcon.FILE_TABLE.create());
        templateButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        templateButton.setTooltipText(getTranslation("import.template-hint"));
        template.add(templateButton);
        VerticalLayout links = new VerticalLayout(template, history);
        links.setPadding(false);
        links.setSpacing(false);
        links.setWidth(null);
        VerticalLayout what = new VerticalLayout(type, sheet);
        what.setPadding(false);
        what.setSpacing(false);
        what.setWidth(null);
        HorizontalLayout top = new HorizontalLayout(what, upload, links);
        top.setAlignItems(FlexComponent.Alignment.START);
        top.setWidthFull();
        top.setFlexGrow(1, upload);
        add(new Span(getTranslation("import.intro")), top);

        configureMapping();
        configureResults();
        add(mappingSection, resultSection);
        mappingSection.setVisible(false);
        resultSection.setVisible(false);
    }

    private void configureMapping() {
        mappingSection.setPadding(false);
        mappingGrid.setId("import-mapping");
        mappingGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        mappingGrid.setAllRowsVisible(true);
        mappingGrid
                .addColumn(i -> columnName(i))
                .setHeader(getTranslation("import.mapping.column"))
                .setFlexGrow(0)
                .setWidth("70px");
        mappingGrid.addColumn(i -> preview.headers().get(i)).setHeader(getTranslation("import.mapping.header"));
        mappingGrid.addColumn(this::sampleOf).setHeader(getTranslation("import.mapping.sample"));
        mappingGrid.addComponentColumn(i -> mappingSelects.get(i)).setHeader(getTranslation("import.mapping.field"));
        problems.setId("import-problems");
        problems.addClassName("keyuan-error-text");

        mode.setId("import-mode");
        mode.setLabel(getTranslation("import.mode"));
        mode.setItems(ImportMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("import.mode." + m.name()));
        mode.setValue(ImportMode.ALL_OR_NOTHING);
        clearBlanks.setId("import-clear-blanks");
        clearBlanks.setLabel(getTranslation("import.clear-blanks"));
        clearBlanks.setHelperText(getTranslation("import.clear-blanks.help"));

        dryRun.setText(getTranslation("import.dry-run"));
        dryRun.setId("import-dry-run");
        dryRun.setIcon(VaadinIcon.SEARCH.create());
        dryRun.addClickListener(e -> start(true));
        commit.setText(getTranslation("import.commit"));
        commit.setId("import-commit");
        commit.setIcon(VaadinIcon.UPLOAD.create());
        commit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        commit.addClickListener(e -> start(false));
        cancel.setText(getTranslation("import.cancel"));
        cancel.setId("import-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.setVisible(false);
        cancel.addClickListener(e -> {
            JobWatch watching = job;
            if (watching != null) {
                jobService.cancel(watching.jobId());
            }
            cancel.setEnabled(false);
            status.setText(getTranslation("import.cancelling"));
        });
        progress.setVisible(false);
        progress.setId("import-progress");
        status.setId("import-status");
        HorizontalLayout actions = new HorizontalLayout(dryRun, commit, cancel);
        mappingSection.add(
                new H3(getTranslation("import.mapping.title")),
                mappingGrid,
                problems,
                mode,
                clearBlanks,
                actions,
                progress,
                status);
    }

    private void configureResults() {
        resultSection.setPadding(false);
        counts.setId("import-counts");
        outcomeFilter.setId("import-outcome-filter");
        outcomeFilter.setLabel(getTranslation("import.result.show"));
        outcomeFilter.setItems(ImportAction.values());
        outcomeFilter.setEmptySelectionAllowed(true);
        outcomeFilter.setEmptySelectionCaption(getTranslation("import.result.all"));
        outcomeFilter.setItemLabelGenerator(a -> a == null ? getTranslation("import.result.all") : label(a));
        outcomeFilter.addValueChangeListener(e -> showOutcomes());
        outcomeGrid.setId("import-outcomes");
        outcomeGrid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        outcomeGrid.setHeight("420px");
        outcomeGrid
                .addColumn(i -> report.outcomes().rowNumber(i))
                .setHeader(getTranslation("import.result.row"))
                .setFlexGrow(0)
                .setWidth("90px");
        outcomeGrid
                .addColumn(i -> label(report.outcomes().action(i)))
                .setHeader(getTranslation("import.result.action"))
                .setFlexGrow(0)
                .setWidth("110px");
        outcomeGrid
                .addColumn(i -> {
                    String key = report.outcomes().key(i);
                    return key == null ? "" : key.substring(key.indexOf(':') + 1);
                })
                .setHeader(getTranslation("import.result.key"))
                .setFlexGrow(0)
                .setWidth("180px");
        outcomeGrid
                .addColumn(i -> messageOf(report.outcomes().rowNumber(i)))
                .setHeader(getTranslation("import.result.message"))
                .setFlexGrow(1);
        outcomeGrid.setEmptyStateText(getTranslation("import.result.empty"));
        errorWorkbook.setId("import-error-workbook");
        Button errorButton =
                new Button(getTranslation("import.result.error-workbook"), VaadinIcon.DOWNLOAD_ALT.create());
        errorWorkbook.add(errorButton);
        errorWorkbook.setHref((DownloadHandler) event -> {
            ImportReport r = report;
            ImportRequest req = lastRequest;
            event.setFileName(baseName(fileName) + "-errors.xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            imports.writeErrorWorkbook(req, r, event.getOutputStream());
        });
        HorizontalLayout bar = new HorizontalLayout(counts, outcomeFilter, errorWorkbook);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        resultSection.add(new H3(getTranslation("import.result.title")), bar, outcomeGrid);
    }

    private String located(RowError e) {
        return (e.cell() == null ? "" : e.cell() + " ") + getTranslation(e.messageKey(), e.args());
    }

    /** "城市：北京 → 上海", with enum values and booleans in words and an empty value as such. */
    private String change(SheetSchema schema, FieldChange c) {
        SheetColumn column = schema.column(c.columnKey());
        return getTranslation(
                "import.change", column.header(getLocale()), value(column, c.before()), value(column, c.after()));
    }

    private String value(SheetColumn column, String v) {
        if (v == null) {
            return getTranslation("import.change.empty");
        }
        if (column.enumType() != null) {
            String key = "enum." + column.enumType().getSimpleName() + "." + v;
            return getTranslation(key);
        }
        if (column.type() == io.keyuan.exchange.ColumnType.BOOLEAN) {
            return getTranslation("1".equals(v) || "true".equalsIgnoreCase(v) ? "import.value.yes" : "import.value.no");
        }
        return v;
    }

    /** Between the reasons of one row: the full-width semicolon in Chinese, "; " elsewhere. */
    private String separator() {
        return "zh".equals(getLocale().getLanguage()) ? "；" : "; ";
    }

    private String label(ImportAction action) {
        return getTranslation("import.action." + action.name());
    }

    private final Map<Integer, String> messages = new HashMap<>();

    private String messageOf(int rowNumber) {
        return messages.getOrDefault(rowNumber, "");
    }

    private String sampleOf(int column) {
        for (List<String> row : preview.sample()) {
            if (column < row.size() && !row.get(column).isBlank()) {
                return row.get(column);
            }
        }
        return "";
    }

    void received(String name, File tempFile) {
        if (running) {
            return;
        }
        deleteFile();
        this.fileName = name;
        this.file = tempFile;
        inspect();
        switchTypeIfNoHeaderMatches();
    }

    /**
     * A file whose headers match nothing of the chosen sheet type is most often a sheet of another type: the
     * wizard switches to the type that recognises the most headers, and says so.
     */
    private void switchTypeIfNoHeaderMatches() {
        if (preview == null || preview.mapping().stream().anyMatch(java.util.Objects::nonNull)) {
            return;
        }
        SheetImporter best = null;
        long bestMatches = 0;
        for (SheetImporter other : type.getListDataView().getItems().toList()) {
            if (other == type.getValue()) {
                continue;
            }
            try {
                long matches = imports.inspect(other.schema().name(), file, fileName, -1).mapping().stream()
                        .filter(java.util.Objects::nonNull)
                        .count();
                if (matches > bestMatches) {
                    best = other;
                    bestMatches = matches;
                }
            } catch (KeyuanException | AccessDeniedException e) {
                // that type cannot read it either
            }
        }
        if (best != null) {
            type.setValue(best);
            Notifications.success(this, "import.type.switched", getTranslation(best.titleKey()));
        }
    }

    private void inspect() {
        inspect(-1);
    }

    private void inspect(int sheetIndex) {
        resultSection.setVisible(false);
        report = null;
        try {
            preview = imports.inspect(type.getValue().schema().name(), file, fileName, sheetIndex);
        } catch (KeyuanException | AccessDeniedException e) {
            mappingSection.setVisible(false);
            Notifications.error(this, Notifications.describe(this, e));
            upload.clearFileList();
            return;
        }
        SheetSchema schema = type.getValue().schema();
        mappingSelects.clear();
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < preview.headers().size(); i++) {
            Select<String> select = new Select<>();
            List<String> keys = new ArrayList<>();
            keys.add(IGNORE);
            schema.columns().forEach(c -> keys.add(c.key()));
            select.setItems(keys);
            select.setItemLabelGenerator(
                    k -> k.isEmpty() ? getTranslation("import.mapping.ignore") : header(schema, k));
            String guessed = preview.mapping().get(i);
            select.setValue(guessed == null ? IGNORE : guessed);
            select.setWidthFull();
            select.addValueChangeListener(e -> checkMapping());
            mappingSelects.add(select);
            columns.add(i);
        }
        mappingGrid.setItems(columns);
        mappingSection.setVisible(true);
        showSheets();
        status.setText(getTranslation(
                "import.file-info",
                fileName,
                preview.format().toUpperCase(java.util.Locale.ROOT),
                preview.headerRow(),
                preview.sheet().name()));
        checkMapping();
    }

    /** The workbook's sheets, the one read selected; choosing another reads that one instead. */
    private void showSheets() {
        choosingSheet = true;
        sheet.setItems(preview.sheets().stream().filter(SheetInfo::readable).toList());
        sheet.setValue(preview.sheet());
        sheet.setVisible(preview.sheets().size() > 1);
        choosingSheet = false;
    }

    private boolean choosingSheet;

    private String sheetLabel(SheetInfo s) {
        String label = getTranslation("import.sheet.item", s.index() + 1, s.name());
        if (s.hidden()) {
            label += " " + getTranslation("import.sheet.hidden");
        }
        return label;
    }

    private String header(SheetSchema schema, String key) {
        SheetColumn column = schema.column(key);
        return column.header(getLocale()) + (column.required() ? " *" : "");
    }

    private List<String> mapping() {
        List<String> mapping = new ArrayList<>();
        for (Select<String> s : mappingSelects) {
            mapping.add(s.getValue() == null || s.getValue().isEmpty() ? null : s.getValue());
        }
        return mapping;
    }

    private boolean checkMapping() {
        List<KeyuanException> found =
                imports.mappingProblems(type.getValue().schema().name(), preview.headers(), mapping());
        problems.removeAll();
        for (KeyuanException p : found) {
            problems.add(new Div(Notifications.describe(this, p)));
        }
        dryRun.setEnabled(found.isEmpty() && !running);
        commit.setEnabled(found.isEmpty() && !running);
        return found.isEmpty();
    }

    private void start(boolean dry) {
        if (running || file == null || !checkMapping()) {
            return;
        }
        ImportRequest request = preview.request(type.getValue().schema().name(), file, fileName, getLocale())
                .withMapping(mapping())
                .clearingBlanks(clearBlanks.getValue());
        ImportMode chosen = mode.getValue();
        JobId[] started = {null};
        if (!Notifications.attempt(this, () -> started[0] = imports.start(request, chosen, dry))) {
            return;
        }
        running = true;
        setBusy(true);
        status.setText(getTranslation(dry ? "import.checking" : "import.importing"));
        job = JobWatch.follow(this, jobService, started[0], view -> show(request, view));
    }

    /** The job's progress while it runs; its report (or, from another node, its figures) when it ends. */
    private void show(ImportRequest request, JobView view) {
        if (view.active()) {
            if (view.fraction() >= 0) {
                progress.setValue(view.fraction());
            }
            if (view.progressKey() != null) {
                status.setText(
                        getTranslation(view.progressKey(), view.progressArgs().toArray()));
            }
            return;
        }
        if (job != null) {
            job.remove();
            job = null;
        }
        running = false;
        java.util.Optional<ImportReport> r =
                view.status() == JobStatus.FAILED ? java.util.Optional.empty() : imports.report(view.id());
        if (r.isPresent()) {
            finished(request, r.get());
            return;
        }
        setBusy(false);
        if (view.status() == JobStatus.FAILED) {
            status.setText("");
            Notifications.error(
                    this,
                    getTranslation(
                            view.errorKey() == null ? "exchange.result.failed" : view.errorKey(),
                            view.errorArgs().toArray()));
        } else if (view.status() == JobStatus.CANCELLED) {
            status.setText(getTranslation("import.status.CANCELLED", ""));
        } else {
            status.setText(getTranslation("import.job.elsewhere"));
        }
    }

    private void setBusy(boolean busy) {
        progress.setVisible(busy);
        progress.setValue(0);
        cancel.setVisible(busy);
        cancel.setEnabled(busy);
        dryRun.setEnabled(!busy);
        commit.setEnabled(!busy);
        type.setEnabled(!busy);
        sheet.setEnabled(!busy);
        clearBlanks.setEnabled(!busy);
        mappingSelects.forEach(s -> s.setEnabled(!busy));
    }

    void finished(ImportRequest request, ImportReport r) {
        running = false;
        if (!attached) {
            deleteFile();
            return;
        }
        setBusy(false);
        this.report = r;
        this.lastRequest = request;
        messages.clear();
        for (RowError e : r.errors()) {
            messages.merge(e.rowNumber(), located(e), (a, b) -> a + separator() + b);
        }
        RowOutcomes outcomes = r.outcomes();
        SheetSchema schema = type.getValue().schema();
        for (int i = 0; outcomes != null && i < outcomes.size(); i++) {
            StringBuilder text = new StringBuilder();
            for (FieldChange c : outcomes.changes(i)) {
                text.append(text.isEmpty() ? "" : separator()).append(change(schema, c));
            }
            for (RowError w : outcomes.warnings(i)) {
                text.append(text.isEmpty() ? "" : separator()).append("⚠ ").append(located(w));
            }
            if (!text.isEmpty()) {
                messages.merge(outcomes.rowNumber(i), text.toString(), (a, b) -> a + separator() + b);
            }
        }
        counts.setText(getTranslation(
                        "import.result.counts",
                        Formats.number(r.totalRows(), getLocale()),
                        Formats.number(r.created(), getLocale()),
                        Formats.number(r.updated(), getLocale()),
                        Formats.number(r.unchanged(), getLocale()),
                        Formats.number(r.errorRows(), getLocale()))
                + (r.warningRows() == 0
                        ? ""
                        : getTranslation("import.result.warnings", Formats.number(r.warningRows(), getLocale()))));
        String outcome = getTranslation("import.status." + r.status().name(), r.jobId() == null ? "" : r.jobId());
        status.setText(outcome + " (" + Formats.number(r.millis(), getLocale()) + " ms)");
        errorWorkbook.setVisible(r.hasErrors());
        outcomeFilter.setValue(r.hasErrors() ? ImportAction.ERROR : null);
        showOutcomes();
        resultSection.setVisible(true);
        resultSection.scrollIntoView();
        if (r.status() == ImportStatus.COMMITTED) {
            Notifications.success(this, "import.status.COMMITTED", r.jobId());
        } else if (r.status() != ImportStatus.DRY_RUN) {
            Notifications.error(this, outcome);
        }
    }

    private void showOutcomes() {
        if (report == null) {
            return;
        }
        RowOutcomes outcomes = report.outcomes();
        ImportAction only = outcomeFilter.getValue();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (only == null || outcomes.action(i) == only) {
                indexes.add(i);
            }
        }
        outcomeGrid.setItems(indexes);
    }

    static String columnName(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }

    private static String baseName(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : String.valueOf(name);
    }

    private void deleteFile() {
        if (file != null) {
            try {
                Files.deleteIfExists(file.toPath());
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        attached = true;
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        attached = false;
        // a running import has its own copy of the file: it goes on, and shows in "my jobs"
        deleteFile();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("import.title");
    }
}
