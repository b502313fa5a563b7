package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.shared.SystemActor;
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

/** Purchase records and source channels with their monthly costs, imported from sheets. */
@KeyuanIntegrationTest
class PurchaseAndChannelImportTests {
    @Autowired
    ImportService imports;

    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private ImportReport run(String schema, String csv, ImportMode mode) throws Exception {
        File f = dir.resolve(schema + TestData.unique() + ".csv").toFile();
        Files.writeString(f.toPath(), csv, StandardCharsets.UTF_8);
        return imports.commit(
                imports.inspect(schema, f, f.getName()).request(schema, f, f.getName(), Locale.CHINA),
                mode,
                ImportListener.NONE);
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void purchases_import_once_update_the_customers_figures_and_undo_cleanly() throws Exception {
        String u = TestData.unique();
        Customer c = new Customer();
        c.setName(u + "买家");
        c.setCode("PU" + u.substring(0, 6));
        long id = SystemActor.call(() -> customers.save(c)).getId();
        String sheet = "订单号,客户编号,购买日期,产品,数量,金额,销售渠道\n"
                + "O-" + u + "-1," + c.getCode() + ",2026-01-05,茶叶,2,300.00,门店\n"
                + "," + c.getCode() + ",2026/2/1,茶具,1,99.5,ONLINE\n";

        ImportReport first = run("purchases", sheet, ImportMode.ALL_OR_NOTHING);
        assertThat(first.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(first.created()).isEqualTo(2);
        CustomerMetrics m = metrics.metrics(id);
        assertThat(m.frequency()).isEqualTo(2);
        assertThat(m.monetary()).isEqualByComparingTo("399.50");

        ImportReport again = run("purchases", sheet, ImportMode.ALL_OR_NOTHING);
        assertThat(again.unchanged()).as("with and without order numbers").isEqualTo(2);
        assertThat(again.created()).isZero();

        imports.undo(first.jobId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM purchase WHERE customer_id = ?", Integer.class, id))
                .isZero();
        assertThat(metrics.metrics(id).frequency()).isZero();
    }

    @Autowired
    java.util.List<io.keyuan.exchange.SheetExporter> exporters;

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void every_schema_exported_in_every_language_reimports_with_no_change() throws Exception {
        // Whatever the shared test database holds at this point: customers, purchases, channels and costs.
        assertThat(exporters)
                .extracting(e -> e.schema().name())
                .contains("customers", "purchases", "channels", "channel-costs");
        for (var exporter : exporters) {
            if (imports.importers().stream()
                    .noneMatch(i -> i.schema().name().equals(exporter.schema().name()))) {
                continue; // a schema staff may not import (its own tests run the round trip as a manager)
            }
            for (Locale locale :
                    java.util.List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
                String name = exporter.schema().name();
                File f = dir.resolve(name + "-" + locale + ".xlsx").toFile();
                long rows;
                try (var out = new java.io.FileOutputStream(f)) {
                    rows = exporter.exportAll(locale, out, n -> {}, () -> false);
                }
                var preview = imports.inspect(name, f, f.getName());
                assertThat(preview.mapping()).as(name).doesNotContainNull();
                ImportReport r = imports.dryRun(preview.request(name, f, f.getName(), locale), ImportListener.NONE);
                assertThat(r.errors()).as(name + " " + locale).isEmpty();
                assertThat(r.unchanged()).as(name + " " + locale).isEqualTo((int) rows);
                assertThat(r.created() + r.updated()).as(name + " " + locale).isZero();
            }
        }
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void every_schema_has_a_template_with_notes_and_dropdowns_that_imports_as_nothing() throws Exception {
        for (var importer : imports.importers()) {
            String name = importer.schema().name();
            File f = dir.resolve(name + "-template.xlsx").toFile();
            try (var out = new java.io.FileOutputStream(f)) {
                imports.writeTemplate(name, Locale.TRADITIONAL_CHINESE, out);
            }
            try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(f)) {
                var sheet = wb.getSheetAt(0);
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                        .isEqualTo(importer.schema().columns().getFirst().headerZhTw());
                assertThat(sheet.getRow(0).getCell(0).getCellComment()).isNotNull();
                long enums = importer.schema().columns().stream()
                        .filter(c -> c.enumType() != null)
                        .count();
                assertThat(sheet.getDataValidations().size()).as(name).isGreaterThanOrEqualTo((int) enums);
            }
            var preview = imports.inspect(name, f, f.getName());
            assertThat(preview.mapping()).as(name).doesNotContainNull();
        }
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void a_purchase_of_an_unknown_customer_is_an_error_on_its_cell() throws Exception {
        ImportReport r =
                run("purchases", "客户编号,购买日期,产品,数量,金额,销售渠道\nNOSUCH1,2026-01-05,茶叶,0,10,门店\n", ImportMode.ALL_OR_NOTHING);
        assertThat(r.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(r.errors())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .contains("A2 customer.import.unknown-referrer", "D2 rule.quantity");
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void channels_and_their_monthly_costs_import_and_update_by_name_and_month() throws Exception {
        String u = TestData.unique();
        String name = "渠道" + u;
        ImportReport created =
                run("channels", "名称,类别,获客方式,启用,说明\n" + name + ",市场推广,广告,是,春季投放\n", ImportMode.ALL_OR_NOTHING);
        assertThat(created.created()).isEqualTo(1);
        ChannelSummary channel = channels.summaries().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(channel.category().name()).isEqualTo("PROMOTION");
        assertThat(channel.method().name()).isEqualTo("ADVERTISING");

        ImportReport costs = run(
                "channel-costs",
                "客户来源,月份,金额,备注\n" + name + ",2026-03,1200,三月\n" + name + ",2026年4月,800.5,\n",
                ImportMode.ALL_OR_NOTHING);
        assertThat(costs.created()).isEqualTo(2);
        ImportReport update =
                run("channel-costs", "客户来源,月份,金额\n" + name + ",2026-03-15,1500\n", ImportMode.ALL_OR_NOTHING);
        assertThat(update.updated()).isEqualTo(1);
        assertThat(channels.costs(channel.id()))
                .extracting(
                        r -> r.month() + "=" + r.amount().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("2026-03=1500", "2026-04=800.5");
    }
}
