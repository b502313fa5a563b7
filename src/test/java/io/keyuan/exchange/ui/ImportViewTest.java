package io.keyuan.exchange.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.SheetImporter;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The import wizard, driven without a browser against the real database. */
@AsStaff
class ImportViewTest extends KeyuanViewTest {
    static File csv(String body) throws Exception {
        File f = Files.createTempFile("import-view", ".csv").toFile();
        Files.writeString(f.toPath(), body, StandardCharsets.UTF_8);
        return f;
    }

    static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            runPendingUiTasks();
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void upload_guesses_the_mapping_and_the_dry_run_lists_every_row_without_writing() throws Exception {
        String u = unique();
        ImportView view = navigate(ImportView.class);
        assertThat(view.mappingSection.isVisible()).isFalse();

        view.received("客户.csv", csv("名称,类别,城市,备用\n" + u + "甲,个人,北京,1990-01-01\n" + u + "乙,火星人,上海,x\n"));

        assertThat(view.mappingSection.isVisible()).isTrue();
        assertThat(view.preview.mapping()).containsExactly("name", "kind", "city", null);
        assertThat(view.problems.getChildren().count()).isZero();
        test(view.dryRun).click();
        await(() -> view.report != null);

        assertThat(view.report.status()).isEqualTo(ImportStatus.DRY_RUN);
        assertThat(view.report.created()).isEqualTo(1);
        assertThat(view.report.errorRows()).isEqualTo(1);
        assertThat(view.resultSection.isVisible()).isTrue();
        assertThat(view.outcomeFilter.getValue()).isEqualTo(ImportAction.ERROR);
        Grid<Integer> outcomes = view.outcomeGrid;
        assertThat(test(outcomes).size()).isEqualTo(1);
        assertThat(test(outcomes).getCellText(0, 3)).contains("B3").contains("火星人");
        assertThat(view.errorWorkbook.isVisible()).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name LIKE ?", Integer.class, u + "%"))
                .isZero();
    }

    @Test
    void the_dry_run_lists_each_changed_field_and_blank_cells_keep_values_unless_the_user_asks() throws Exception {
        String code = "IV" + unique().substring(0, 8);
        ImportView view = navigate(ImportView.class);
        view.received("a.csv", csv("编号,名称,城市,备注\n" + code + ",王芳,北京,老客户\n"));
        test(view.commit).click();
        await(() -> view.report != null);
        assertThat(view.report.created()).isEqualTo(1);

        view.received("b.csv", csv("编号,名称,城市,备注\n" + code + ",王芳,上海,\n"));
        assertThat(view.clearBlanks.getValue()).isFalse();
        test(view.dryRun).click();
        await(() -> view.report != null);
        test(view.outcomeFilter).selectItem(t("import.action.UPDATE"));
        assertThat(test(view.outcomeGrid).getCellText(0, 3)).isEqualTo(t("import.change", "城市", "北京", "上海"));

        test(view.clearBlanks).click();
        test(view.dryRun).click();
        await(() -> view.report != null && view.report.outcomes().changes(0).size() == 2);
        test(view.outcomeFilter).selectItem(t("import.action.UPDATE"));
        assertThat(test(view.outcomeGrid).getCellText(0, 3))
                .contains(t("import.change", "备注", "老客户", t("import.change.empty")));
    }

    @Test
    void skip_bad_mode_imports_the_good_rows_in_the_background() throws Exception {
        String u = unique();
        ImportView view = navigate(ImportView.class);
        view.received("c.csv", csv("名称,类别\n" + u + "甲,个人\n" + u + "乙,火星人\n"));
        test(view.mode).selectItem(t("import.mode.SKIP_BAD"));
        test(view.commit).click();
        await(() -> view.report != null);

        assertThat(view.report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(view.report.created()).isEqualTo(1);
        assertThat(view.counts.getText()).isEqualTo(t("import.result.counts", "2", "1", "0", "0", "1"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name LIKE ?", Integer.class, u + "%"))
                .isEqualTo(1);
    }

    @Test
    void a_file_that_is_not_a_sheet_is_refused_with_a_reason() throws Exception {
        ImportView view = navigate(ImportView.class);
        File png = Files.createTempFile("x", ".xlsx").toFile();
        Files.write(png.toPath(), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        view.received("photo.xlsx", png);
        assertThat(view.mappingSection.isVisible()).isFalse();
        assertThat(notificationTexts()).contains(t("exchange.error.not-a-workbook"));
    }

    @Test
    @AsManager
    void customers_come_first_and_a_sheet_of_another_type_switches_the_type_it_is_read_as() throws Exception {
        ImportView view = navigate(ImportView.class);
        assertThat(view.type.getValue().schema().name()).isEqualTo("customers");
        SheetImporter costs = view.type
                .getListDataView()
                .getItems()
                .filter(i -> i.schema().name().contains("cost"))
                .findFirst()
                .orElseThrow();
        view.type.setValue(costs);

        view.received("客户名单.csv", csv("编号,姓名,城市\nSW1,王芳,北京\n"));

        assertThat(view.type.getValue().schema().name()).isEqualTo("customers");
        assertThat(view.preview.mapping()).containsExactly("code", "name", "city");
        assertThat(view.problems.getChildren().count()).isZero();
    }

    @Test
    void a_missing_required_column_blocks_the_import_and_says_which() throws Exception {
        ImportView view = navigate(ImportView.class);
        view.received("c.csv", csv("城市,备注\n北京,甲\n"));
        assertThat(view.problems.getElement().getText()).isEmpty();
        assertThat(view.problems.getChildren().map(c -> c.getElement().getText()))
                .anyMatch(s -> s.contains("名称") && s.contains("编号"));
        assertThat(view.dryRun.isEnabled()).isFalse();
        assertThat(view.commit.isEnabled()).isFalse();
    }

    @Test
    void staff_sees_the_history_without_undo_buttons() throws Exception {
        String u = unique();
        File f = csv("名称,类别\n" + u + ",个人\n");
        SystemActor.call(() -> {
            ImportService imports = applicationContext.getBean(ImportService.class);
            return imports.commit(
                    imports.inspect("customers", f, "h.csv").request("customers", f, "h.csv", null),
                    ImportMode.ALL_OR_NOTHING,
                    io.keyuan.exchange.ImportListener.NONE);
        });
        ImportHistoryView view = navigate(ImportHistoryView.class);
        assertThat(test(view.grid).size()).isGreaterThan(0);
        assertThat($(Button.class).all().stream().map(b -> b.getId().orElse("")))
                .noneMatch(id -> id.startsWith("undo-"));
    }
}
