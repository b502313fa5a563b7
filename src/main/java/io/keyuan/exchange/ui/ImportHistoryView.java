package io.keyuan.exchange.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.keyuan.exchange.ImportJobSummary;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.MainLayout;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.core.context.SecurityContextHolder;

/** Every recorded import: who ran it, when, on which file, with what outcome; managers can undo one. */
@Route(value = "imports", layout = MainLayout.class)
@Menu(title = "nav.imports", order = 61, icon = "vaadin:time-backward")
@RolesAllowed(Roles.STAFF)
public class ImportHistoryView extends VerticalLayout implements HasDynamicTitle {
    private final ImportService imports;
    final Grid<ImportJobSummary> grid = new Grid<>();
    private final boolean manager;

    public ImportHistoryView(ImportService imports) {
        this.imports = imports;
        this.manager = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.MANAGER));
        setId("import-history");
        setSizeFull();
        Button newImport = new Button(
                getTranslation("import.new"),
                VaadinIcon.UPLOAD.create(),
                e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(ImportView.class)));
        newImport.setId("import-new");
        newImport.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(newImport);

        grid.setId("import-jobs");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("import.history.empty"));
        grid.addColumn(j -> "#" + j.id()).setHeader("#").setFlexGrow(0).setWidth("52px");
        grid.addColumn(j -> Formats.dateTime(j.startedAt()))
                .setHeader(getTranslation("import.history.started"))
                .setFlexGrow(0)
                .setAutoWidth(true);
        grid.addColumn(ImportJobSummary::startedBy)
                .setHeader(getTranslation("import.history.by"))
                .setFlexGrow(0)
                .setAutoWidth(true);
        grid.addColumn(j -> getTranslation("exchange.schema." + j.schemaName()))
                .setHeader(getTranslation("import.type"))
                .setFlexGrow(0)
                .setAutoWidth(true);
        grid.addColumn(ImportJobSummary::fileName)
                .setHeader(getTranslation("import.history.file"))
                .setTooltipGenerator(ImportJobSummary::fileName)
                .setFlexGrow(1)
                .setWidth("100px");
        grid.addComponentColumn(this::statusBadge)
                .setHeader(getTranslation("import.history.status"))
                .setFlexGrow(0)
                .setWidth("96px");
        count("import.history.rows", ImportJobSummary::totalRows);
        count("import.action.CREATE", ImportJobSummary::created);
        count("import.action.UPDATE", ImportJobSummary::updated);
        count("import.action.UNCHANGED", ImportJobSummary::unchanged);
        count("import.action.ERROR", ImportJobSummary::errorRows);
        grid.addComponentColumn(this::actions)
                .setHeader(getTranslation("import.history.actions"))
                .setFlexGrow(0)
                .setWidth("130px");
        grid.setItems(q -> imports.jobs(q.getOffset(), q.getLimit()).stream(), q -> (int) imports.jobCount());
        add(grid);
    }

    private void count(String headerKey, java.util.function.ToIntFunction<ImportJobSummary> value) {
        grid.addColumn(j -> Formats.number(value.applyAsInt(j), getLocale()))
                .setHeader(getTranslation(headerKey))
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END)
                .setFlexGrow(0)
                .setAutoWidth(true);
    }

    private Span statusBadge(ImportJobSummary job) {
        Span badge = new Span(getTranslation("import.job-status." + job.status().name()));
        badge.getElement().getThemeList().add("badge");
        switch (job.status()) {
            case COMMITTED -> badge.getElement().getThemeList().add("success");
            case REFUSED, FAILED -> badge.getElement().getThemeList().add("error");
            default -> badge.getElement().getThemeList().add("contrast");
        }
        if (job.undoneAt() != null) {
            badge.getElement()
                    .setProperty(
                            "title",
                            getTranslation(
                                    "import.history.undone-by", job.undoneBy(), Formats.dateTime(job.undoneAt())));
        }
        return badge;
    }

    private HorizontalLayout actions(ImportJobSummary job) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(true);
        if (job.hasErrorWorkbook() && imports.mayReadErrors(job)) {
            Anchor errors = new Anchor(
                    (DownloadHandler) event -> {
                        event.setFileName("import-" + job.id() + "-errors.xlsx");
                        event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                        imports.errorWorkbook(job.id()).ifPresent(bytes -> {
                            try {
                                event.getOutputStream().write(bytes);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                    },
                    "");
            Button b = new Button(VaadinIcon.DOWNLOAD_ALT.create());
            b.setTooltipText(getTranslation("import.result.error-workbook"));
            b.setAriaLabel(getTranslation("import.result.error-workbook"));
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            errors.add(b);
            actions.add(errors);
        }
        if (manager && job.status() == ImportStatus.COMMITTED) {
            Button undo = new Button(getTranslation("import.undo"), VaadinIcon.ARROW_BACKWARD.create());
            undo.setId("undo-" + job.id());
            undo.addThemeVariants(
                    ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            undo.addClickListener(e -> confirmUndo(job));
            actions.add(undo);
        }
        return actions;
    }

    void confirmUndo(ImportJobSummary job) {
        // Counted now, as the undo would do it: what someone changed or built on since the import stays.
        UndoCounts[] counts = {null};
        if (!Notifications.attempt(this, () -> counts[0] = imports.undoPreview(job.id()))) {
            return;
        }
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("undo-dialog");
        dialog.setHeader(getTranslation("import.undo.title", job.id()));
        String text = getTranslation(
                "import.undo.text",
                job.fileName(),
                Formats.number(counts[0].removed(), getLocale()),
                Formats.number(counts[0].restored(), getLocale()));
        if (counts[0].keptChanged() > 0) {
            text += " "
                    + getTranslation("import.undo.kept-changed", Formats.number(counts[0].keptChanged(), getLocale()));
        }
        if (counts[0].keptInUse() > 0) {
            text += " " + getTranslation("import.undo.kept-in-use", Formats.number(counts[0].keptInUse(), getLocale()));
        }
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.setConfirmText(getTranslation("import.undo"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> undo(job));
        dialog.open();
    }

    void undo(ImportJobSummary job) {
        ImportService.UndoReport[] report = {null};
        if (Notifications.attempt(this, () -> report[0] = imports.undo(job.id()))) {
            if (report[0].kept() == 0) {
                Notifications.success(this, "import.undone", job.id());
            } else {
                Notifications.success(this, "import.undone-kept", job.id(), report[0].kept());
            }
            grid.getDataProvider().refreshAll();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("import.history");
    }
}
