package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.exchange.FieldChange;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportRequest;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetImporter;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.shared.Roles;
import io.keyuan.shared.SystemActor;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * What an import must never do: erase stored values with blank cells, take later work with an undo, refuse a sheet
 * for columns it does not need, let a role import what it may not, or hand one user's refused rows to another.
 */
@KeyuanIntegrationTest
class ImportSafetyTests {
    @Autowired
    ImportService imports;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    List<SheetImporter> importers;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private File csv(String body) throws Exception {
        File f = dir.resolve("sheet-" + TestData.unique() + ".csv").toFile();
        Files.writeString(f.toPath(), body, StandardCharsets.UTF_8);
        return f;
    }

    private ImportRequest request(String schema, File f) {
        return imports.inspect(schema, f, f.getName()).request(schema, f, f.getName(), Locale.CHINA);
    }

    private ImportReport commit(String schema, String body) throws Exception {
        return imports.commit(request(schema, csv(body)), ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
    }

    private static String mobile() {
        return "139" + TestData.digits(8);
    }

    private Map<String, Object> row(String code) {
        return jdbc.queryForMap("SELECT * FROM customer WHERE code = ?", code);
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void a_blank_cell_keeps_the_stored_value_and_the_dry_run_shows_each_change() throws Exception {
        String code = "BK" + TestData.digits(8);
        commit("customers", "编号,名称,生日,城市,备注\n" + code + ",王芳,1990-05-01,北京,老客户\n");

        File again = csv("编号,名称,生日,城市,备注\n" + code + ",王芳,,上海,\n");
        ImportReport dry = imports.dryRun(request("customers", again), ImportListener.NONE);

        assertThat(dry.updated()).isEqualTo(1);
        assertThat(dry.outcomes().action(0)).isEqualTo(ImportAction.UPDATE);
        assertThat(dry.outcomes().changes(0)).containsExactly(new FieldChange("city", "北京", "上海"));

        imports.commit(request("customers", again), ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        Map<String, Object> stored = row(code);
        assertThat(stored.get("birth_date").toString()).isEqualTo("1990-05-01");
        assertThat(stored.get("notes")).isEqualTo("老客户");
        assertThat(stored.get("city")).isEqualTo("上海");
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void clearing_blank_cells_is_an_explicit_choice_and_never_empties_a_required_field() throws Exception {
        String code = "BC" + TestData.digits(8);
        commit("customers", "编号,名称,类别,生日,备注\n" + code + ",李强,组织,1980-01-02,大客户\n");

        File blanks = csv("编号,名称,类别,生日,备注\n" + code + ",,,,\n");
        ImportRequest clearing = request("customers", blanks).clearingBlanks(true);
        ImportReport dry = imports.dryRun(clearing, ImportListener.NONE);
        assertThat(dry.outcomes().changes(0))
                .containsExactlyInAnyOrder(
                        new FieldChange("kind", "ORGANIZATION", "PERSON"),
                        new FieldChange("birthDate", "1980-01-02", null),
                        new FieldChange("notes", "大客户", null));

        imports.commit(clearing, ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        Map<String, Object> stored = row(code);
        assertThat(stored.get("name")).isEqualTo("李强");
        assertThat(stored.get("birth_date")).isNull();
        assertThat(stored.get("notes")).isNull();
        assertThat(stored.get("kind")).isEqualTo("PERSON");
    }

    @Test
    @WithMockUser(
            username = "safety-manager",
            roles = {"STAFF", "MANAGER"})
    void undo_keeps_created_customers_that_later_purchases_deals_or_referrals_refer_to() throws Exception {
        String u = TestData.digits(8);
        ImportReport r = commit(
                "customers",
                "编号,名称\nUA" + u + ",买过的\nUB" + u + ",有商机的\nUC" + u + ",介绍人\nUD" + u + ",没人碰过的\nUE" + u + ",改过的\n");
        assertThat(r.created()).isEqualTo(5);
        long bought = (Long) row("UA" + u).get("id");
        long dealt = (Long) row("UB" + u).get("id");
        long referrer = (Long) row("UC" + u).get("id");

        Purchase p = new Purchase();
        p.setPurchaseDate(LocalDate.now().minusDays(1));
        p.setProduct("茶叶");
        p.setAmount(new BigDecimal("19.99"));
        customers.addPurchase(bought, p);
        var funnel = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "撤销" + u);
        TestPipelines.deal(deals, funnel.pipeline().id(), dealt, "商机" + u, "500");
        Customer referred = new Customer();
        referred.setName("被介绍的" + u);
        referred.setReferredById(referrer);
        long referredId = customers.save(referred).getId();
        Customer changed = customers.get((Long) row("UE" + u).get("id"));
        changed.setCity("宁波");
        customers.save(changed);

        UndoCounts preview = imports.undoPreview(r.jobId());
        assertThat(preview).isEqualTo(new UndoCounts(1, 0, 1, 3));

        var undone = imports.undo(r.jobId());

        assertThat(undone.counts()).isEqualTo(preview);
        assertThat(jdbc.queryForList(
                        "SELECT code FROM customer WHERE code LIKE ? ORDER BY code", String.class, "U_" + u))
                .containsExactly("UA" + u, "UB" + u, "UC" + u, "UE" + u);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM purchase WHERE customer_id = ?", Integer.class, bought))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deal WHERE customer_id = ?", Integer.class, dealt))
                .isEqualTo(1);
        assertThat(customers.get(referredId).getReferredById()).isEqualTo(referrer);
        assertThat(imports.job(r.jobId()).status()).isEqualTo(ImportStatus.UNDONE);
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void a_customer_sheet_from_another_team_imports_with_the_documented_defaults() throws Exception {
        String channel = "合作伙伴" + TestData.unique();
        SystemActor.run(() -> channels.create(
                new ChannelDraft(channel, ChannelCategory.PARTNER, AcquisitionMethod.REFERRAL, true, null)));
        String code = "OT" + TestData.digits(8);
        String phone = mobile();
        ImportReport r = commit(
                "customers",
                "编号,姓名,性别,出生日期,手机,邮箱,省份,城市,职业,年收入,客户来源,备注\n" + code + ",赵敏,女,1992-03-04," + phone + ",zm"
                        + TestData.unique() + "@example.cn,浙江,杭州,学生,\"120,000\"," + channel + ",展会认识\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.created()).isEqualTo(1);
        Map<String, Object> stored = row(code);
        assertThat(stored.get("kind")).isEqualTo("PERSON");
        assertThat(stored.get("gender")).isEqualTo("FEMALE");
        assertThat(stored.get("occupation")).isEqualTo("STUDENT");
        assertThat(new BigDecimal(stored.get("income").toString())).isEqualByComparingTo("120000");
        assertThat(stored.get("phone")).isEqualTo(phone);
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void an_update_only_file_needs_only_its_key_column_and_says_what_a_new_record_needs() throws Exception {
        String code = "UO" + TestData.digits(8);
        commit("customers", "编号,名称,城市\n" + code + ",周杰,广州\n");

        ImportReport r = commit("customers", "编号,城市\n" + code + ",深圳\nUO" + TestData.digits(8) + ",珠海\n");

        assertThat(r.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(r.errors())
                .extracting(e -> e.rowNumber() + " " + e.messageKey())
                .containsExactly("3 exchange.error.required-to-create");
        ImportReport updateOnly = commit("customers", "编号,城市\n" + code + ",深圳\n");
        assertThat(updateOnly.updated()).isEqualTo(1);
        assertThat(row(code).get("city")).isEqualTo("深圳");
        assertThat(row(code).get("name")).isEqualTo("周杰");
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void a_channel_category_in_the_source_column_is_named_as_a_category() throws Exception {
        ImportReport r = commit("customers", "名称,客户来源\n钱多多,市场推广\n孙小小,没有这个来源\n");

        assertThat(r.errors())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .containsExactly(
                        "B2 customer.import.channel-is-category" + (hasPromotionChannel() ? "" : "-none"),
                        "B3 customer.import.unknown-channel");
    }

    private boolean hasPromotionChannel() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_channel WHERE category = 'PROMOTION'", Integer.class)
                > 0;
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void a_row_whose_phone_or_email_belongs_to_another_customer_is_flagged_as_a_possible_duplicate() throws Exception {
        String phone = mobile();
        String email = "dup" + TestData.unique() + "@example.cn";
        String code = "0" + TestData.digits(7);
        commit("customers", "编号,名称,电话,邮箱\n" + code + ",吴婷," + phone + "," + email + "\n");

        // the same person, after a spreadsheet turned the code into a number and dropped its leading zero
        File again = csv("编号,名称,电话,邮箱\n" + code.substring(1) + ",吴婷," + phone + "," + email.toUpperCase(Locale.ROOT)
                + "\n" + code + ",吴婷," + phone + ",\n");
        ImportReport dry = imports.dryRun(request("customers", again), ImportListener.NONE);

        assertThat(dry.created()).isEqualTo(1);
        assertThat(dry.warningRows()).isEqualTo(1);
        assertThat(dry.outcomes().warnings(0))
                .extracting(w -> w.cell() + " " + w.messageKey() + " " + w.args()[1])
                .containsExactly(
                        "C2 customer.import.possible-duplicate " + code,
                        "D2 customer.import.possible-duplicate " + code);
        assertThat(dry.outcomes().warnings(1)).isEmpty();
    }

    @Test
    @WithMockUser(username = "safety-staff", roles = "STAFF")
    void staff_can_neither_list_nor_run_the_channel_imports_nor_call_their_beans() throws Exception {
        assertThat(imports.importers())
                .extracting(i -> i.schema().name())
                .doesNotContain("channels", "channel-costs", "segment-rules");
        File f = csv("名称,类别,获客方式\n渠道" + TestData.unique() + ",市场推广,广告\n");
        assertThatThrownBy(() -> imports.inspect("channels", f, f.getName())).isInstanceOf(AccessDeniedException.class);
        for (SheetImporter importer : importers) {
            if (importer.requiredRole().equals(Roles.MANAGER)) {
                assertThatThrownBy(() -> importer.plan(List.of(), CONTEXT))
                        .as(importer.schema().name())
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> importer.apply(List.of(), CONTEXT, null))
                        .as(importer.schema().name())
                        .isInstanceOf(AccessDeniedException.class);
            }
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM source_channel WHERE name LIKE '渠道%' AND created_by = 'safety-staff'",
                        Integer.class))
                .isZero();
    }

    @Test
    void every_importer_refuses_a_caller_below_its_role_on_the_bean_itself() {
        assertThat(importers).hasSizeGreaterThanOrEqualTo(6);
        List<RecordedChange> none = List.of();
        for (SheetImporter importer : importers) {
            String below = importer.requiredRole().equals(Roles.MANAGER) ? "STAFF" : "NOBODY";
            TestData.as(
                    "below-" + importer.schema().name(),
                    () -> {
                        assertThatThrownBy(() -> importer.plan(List.of(), CONTEXT))
                                .as(importer.schema().name() + " plan")
                                .isInstanceOf(AccessDeniedException.class);
                        assertThatThrownBy(() -> importer.apply(List.of(), CONTEXT, null))
                                .as(importer.schema().name() + " apply")
                                .isInstanceOf(AccessDeniedException.class);
                    },
                    below);
            // undo takes a manager, whatever the schema
            TestData.as(
                    "staff-" + importer.schema().name(),
                    () -> assertThatThrownBy(() -> importer.undo(none, true))
                            .as(importer.schema().name() + " undo")
                            .isInstanceOf(AccessDeniedException.class),
                    "STAFF");
        }
    }

    @Test
    void an_imports_error_workbook_is_for_the_one_who_ran_it_and_managers() throws Exception {
        File f = csv("名称,类别\n有错的,火星人\n");
        ImportReport r = TestData.as(
                "owner-staff",
                () -> imports.commit(request("customers", f), ImportMode.ALL_OR_NOTHING, ImportListener.NONE),
                "STAFF");
        assertThat(r.jobId()).isNotNull();
        var job = TestData.as("owner-staff", () -> imports.job(r.jobId()), "STAFF");
        assertThat(job.hasErrorWorkbook()).isTrue();

        assertThat(TestData.as("owner-staff", () -> imports.errorWorkbook(r.jobId()), "STAFF"))
                .isPresent();
        assertThat(TestData.as("a-manager", () -> imports.errorWorkbook(r.jobId()), "STAFF", "MANAGER"))
                .isPresent();
        assertThatThrownBy(() -> TestData.as("other-staff", () -> imports.errorWorkbook(r.jobId()), "STAFF"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(TestData.as("other-staff", () -> imports.mayReadErrors(job), "STAFF"))
                .isFalse();
    }

    private static final ImportContext CONTEXT = new ImportContext() {
        @Override
        public boolean dryRun() {
            return true;
        }

        @Override
        public boolean earlierInFile(String naturalKey, int rowNumber) {
            return false;
        }
    };
}
