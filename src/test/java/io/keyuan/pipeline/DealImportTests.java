package io.keyuan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** Deals imported from a sheet: created in open stages with their first stage change, never moved, undone. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "deal-importer",
        roles = {"STAFF", "MANAGER"})
class DealImportTests {
    @Autowired
    ImportService imports;

    @Autowired
    PipelineService pipelines;

    @Autowired
    CustomerService customers;

    @Autowired
    DealExchange.DealExport export;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private ImportReport run(String csv, ImportMode mode) throws Exception {
        File f = dir.resolve("deals-" + TestData.unique() + ".csv").toFile();
        Files.writeString(f.toPath(), csv, StandardCharsets.UTF_8);
        return imports.commit(
                imports.inspect("deals", f, f.getName()).request("deals", f, f.getName(), Locale.CHINA),
                mode,
                ImportListener.NONE);
    }

    @Test
    void deals_are_created_in_open_stages_with_history_and_refused_elsewhere() throws Exception {
        String u = TestData.unique();
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "导入流程" + u);
        Customer c = TestPipelines.customer(customers, "商机客户" + u);
        String name = p.pipeline().name();
        ImportReport r = run(
                "流程,阶段,商机名称,客户编号,金额\n"
                        + name + ",初选," + u + "甲," + c.getCode() + ",1000\n"
                        + name + ",First selection," + u + "乙," + c.getCode() + ",\n"
                        + name + ",流失," + u + "丙," + c.getCode() + ",5\n"
                        + "没有的流程,初选," + u + "丁," + c.getCode() + ",5\n",
                ImportMode.SKIP_BAD);

        assertThat(r.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(r.errors())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .containsExactlyInAnyOrder("B4 deal.error.start-open", "A5 deal.import.unknown-pipeline");
        assertThat(r.created()).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM deal_stage_change h JOIN deal d ON d.id = h.deal_id"
                                + " WHERE d.title LIKE ? AND h.from_stage_id IS NULL AND h.to_stage_id = d.stage_id",
                        Integer.class,
                        u + "%"))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT deal_value FROM deal WHERE title = ?", java.math.BigDecimal.class, u + "乙"))
                .isEqualByComparingTo("0");

        imports.undo(r.jobId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deal WHERE title LIKE ?", Integer.class, u + "%"))
                .isZero();
    }

    @Test
    void an_exported_deal_updates_by_record_number_but_is_never_moved_by_an_import() throws Exception {
        String u = TestData.unique();
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "更新流程" + u);
        Customer c = TestPipelines.customer(customers, "更新客户" + u);
        run(
                "流程,阶段,商机名称,客户编号,金额\n" + p.pipeline().name() + ",初选," + u + "甲," + c.getCode() + ",1000\n",
                ImportMode.ALL_OR_NOTHING);
        long id = jdbc.queryForObject("SELECT id FROM deal WHERE title = ?", Long.class, u + "甲");
        String name = p.pipeline().name();

        ImportReport renamed = run(
                "记录号,流程,阶段,商机名称,客户编号,金额\n" + id + "," + name + ",初选," + u + "乙," + c.getCode() + ",1200\n",
                ImportMode.ALL_OR_NOTHING);
        assertThat(renamed.updated()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT title FROM deal WHERE id = ?", String.class, id))
                .isEqualTo(u + "乙");

        ImportReport moved = run(
                "记录号,流程,阶段,商机名称,客户编号\n" + id + "," + name + ",精选," + u + "乙," + c.getCode() + "\n",
                ImportMode.ALL_OR_NOTHING);
        assertThat(moved.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(moved.errors()).extracting(e -> e.messageKey()).containsExactly("deal.import.no-moves");

        File f = dir.resolve("export.xlsx").toFile();
        try (var out = new java.io.FileOutputStream(f)) {
            export.export(p.pipeline().id(), DealFilter.none(), Locale.ENGLISH, out, n -> {}, () -> false);
        }
        ImportReport again = imports.dryRun(
                imports.inspect("deals", f, f.getName()).request("deals", f, f.getName(), Locale.ENGLISH),
                ImportListener.NONE);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.errors()).isEmpty();
    }
}
