package io.keyuan.exchange.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.exchange.ImportJobSummary;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportService;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.io.File;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The import history: managers undo an import. */
@AsManager
class ImportHistoryViewTest extends KeyuanViewTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void manager_undoes_an_import_from_the_history() throws Exception {
        String u = unique();
        File f = ImportViewTest.csv("名称,类别\n" + u + ",个人\n");
        var report = SystemActor.call(() -> {
            ImportService imports = applicationContext.getBean(ImportService.class);
            return imports.commit(
                    imports.inspect("customers", f, "undo.csv").request("customers", f, "undo.csv", null),
                    ImportMode.ALL_OR_NOTHING,
                    io.keyuan.exchange.ImportListener.NONE);
        });
        ImportHistoryView view = navigate(ImportHistoryView.class);
        ImportJobSummary job = test(view.grid).getRow(0);
        assertThat(job.id()).isEqualTo(report.jobId());
        view.undo(job);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name = ?", Integer.class, u))
                .isZero();
        assertThat(notificationTexts()).contains(t("import.undone", report.jobId()));
    }

    @Test
    void the_undo_confirmation_counts_what_stays_because_someone_changed_it_since() throws Exception {
        String u = unique();
        File f = ImportViewTest.csv("名称,类别\n" + u + "甲,个人\n" + u + "乙,个人\n");
        var report = SystemActor.call(() -> {
            ImportService imports = applicationContext.getBean(ImportService.class);
            return imports.commit(
                    imports.inspect("customers", f, "keep.csv").request("customers", f, "keep.csv", null),
                    ImportMode.ALL_OR_NOTHING,
                    io.keyuan.exchange.ImportListener.NONE);
        });
        jdbc.update("UPDATE customer SET city = '苏州', version = version + 1 WHERE name = ?", u + "乙");
        ImportHistoryView view = navigate(ImportHistoryView.class);

        ImportJobSummary job = test(view.grid).getRow(0);
        assertThat(job.id()).isEqualTo(report.jobId());
        view.confirmUndo(job);

        String text = $(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class)
                .id("undo-dialog")
                .getElement()
                .getProperty("message");
        assertThat(text)
                .contains(t("import.undo.text", "keep.csv", "1", "0"))
                .contains(t("import.undo.kept-changed", "1"));
    }

    @Test
    void the_new_import_button_opens_the_import_wizard() {
        navigate(ImportHistoryView.class);

        test($(com.vaadin.flow.component.button.Button.class).id("import-new")).click();

        assertThat($(ImportView.class).exists()).isTrue();
    }
}
