package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.CustomerFilter;
import io.keyuan.customer.CustomerKind;
import io.keyuan.customer.CustomerRow;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.domain.Customer;
import io.keyuan.security.UserDirectory;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsStaff
class CustomerFormViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    UserDirectory users;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    io.keyuan.exchange.ImportService imports;

    private TextField field(String property) {
        return $(TextField.class).id("customer-" + property);
    }

    private void save() {
        test($(Button.class).id("customer-save")).click();
    }

    private List<CustomerRow> byName(String name) {
        return SystemActor.call(() -> customers.page(CustomerFilter.none().withQuick(name), null, 0, 10));
    }

    @Test
    void new_customer_is_saved_and_opened() {
        String name = "新客" + unique();
        String code = "NF" + unique();
        open("customers/new");

        test(field("code")).setValue(code);
        test(field("name")).setValue(name);
        test($(Select.class).id("customer-occupation")).selectItem(t("enum.Occupation.TEACHER"));
        test($(BigDecimalField.class).id("customer-income")).setValue(new BigDecimal("12345.60"));
        test(field("phone")).setValue("+86 138-0000-0000");
        test(field("email")).setValue("new@example.com");
        test($(TextArea.class).id("customer-notes")).setValue("来自表单");
        save();

        List<CustomerRow> found = byName(name);
        assertThat(found).hasSize(1);
        Customer saved = SystemActor.call(() -> customers.get(found.getFirst().id()));
        assertThat(saved.getCode()).isEqualTo(code);
        assertThat(saved.getKind()).isEqualTo(CustomerKind.PERSON);
        assertThat(saved.getOccupation()).isEqualTo(Occupation.TEACHER);
        assertThat(saved.getIncome()).isEqualByComparingTo("12345.60");
        assertThat(saved.getPhone()).as("stored in the one canonical form").isEqualTo("13800000000");
        assertThat(saved.getEmail()).isEqualTo("new@example.com");
        assertThat(saved.getNotes()).isEqualTo("来自表单");
        assertThat(saved.getCreatedBy()).isEqualTo(STAFF_USER);
        assertThat(saved.getOwnerId())
                .as("the signed-in user owns what they create")
                .isEqualTo(users.current().orElseThrow().id());

        assertThat(getCurrentView()).isInstanceOf(CustomerDetailView.class);
        assertThat($(Span.class).id("detail-code").getText()).isEqualTo(code);
    }

    /** An empty code is left to the service, which gives the next free one. */
    @Test
    void new_customer_without_a_code_gets_one() {
        String name = "无编号" + unique();
        open("customers/new");

        test(field("name")).setValue(name);
        test(field("phone")).setValue("13800000001");
        save();

        List<CustomerRow> found = byName(name);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().code()).matches("C\\d{8,}");
    }

    /** Optional text fields left empty are stored as empty, not refused by their pattern. */
    @Test
    void customer_without_a_phone_can_be_saved() {
        Customer c = TestCustomers.create(customers, "NP" + unique(), "无电话" + unique());
        String renamed = "无电话改" + unique();
        open("customers/" + c.getId() + "/edit");

        test(field("name")).setValue(renamed);
        save();

        assertThat(SystemActor.call(() -> customers.get(c.getId()).getName())).isEqualTo(renamed);
    }

    @Test
    void empty_name_marks_the_field_and_saves_nothing() {
        long before = SystemActor.call(() -> customers.exactCount(CustomerFilter.none()));
        open("customers/new");

        test(field("phone")).setValue("13800000000");
        save();

        assertThat(field("name").isInvalid()).isTrue();
        assertThat(field("name").getErrorMessage()).isEqualTo(t("validation.required"));
        assertThat(notificationTexts()).contains(t("form.fix-errors"));
        assertThat(getCurrentView()).isInstanceOf(CustomerFormView.class);
        assertThat(SystemActor.call(() -> customers.exactCount(CustomerFilter.none())))
                .isEqualTo(before);
    }

    @Test
    void bad_phone_marks_the_field_and_saves_nothing() {
        String name = "坏电话" + unique();
        open("customers/new");

        test(field("name")).setValue(name);
        test(field("phone")).setValue("abc");
        save();

        assertThat(field("phone").isInvalid()).isTrue();
        assertThat(field("phone").getErrorMessage()).isEqualTo(t("customer.rule.phone", "abc"));
        assertThat(field("name").isInvalid()).isFalse();
        assertThat(byName(name)).isEmpty();
    }

    @Test
    void a_code_already_used_is_shown_on_the_code_field() {
        Customer other = TestCustomers.create(customers, "DUP" + unique(), "占用" + unique());
        String name = "重号" + unique();
        open("customers/new");

        test(field("code")).setValue(other.getCode());
        test(field("name")).setValue(name);
        test(field("phone")).setValue("13800000002");
        save();

        assertThat(field("code").isInvalid()).isTrue();
        assertThat(field("code").getErrorMessage()).isEqualTo(t("customer.error.code-taken", other.getCode()));
        assertThat(getCurrentView()).isInstanceOf(CustomerFormView.class);
        assertThat(byName(name)).isEmpty();
    }

    @Test
    void saving_over_a_change_made_meanwhile_asks_and_keeps_the_other_change() {
        Customer c = TestCustomers.create(customers, "ST" + unique(), "旧名" + unique(), x -> {
            x.setNotes("原始");
            x.setPhone("13800000003");
        });
        open("customers/" + c.getId() + "/edit");
        assertThat(field("name").getValue()).isEqualTo(c.getName());

        SystemActor.run(() -> {
            Customer meanwhile = customers.get(c.getId());
            meanwhile.setNotes("别人的修改");
            customers.save(meanwhile);
        });
        test($(TextArea.class).id("customer-notes")).setValue("我的修改");
        save();

        ConfirmDialog stale = $(ConfirmDialog.class).id("stale-dialog");
        assertThat(stale.isOpened()).isTrue();
        assertThat(test(stale).getHeader()).isEqualTo(t("error.stale.title"));
        assertThat(SystemActor.call(() -> customers.get(c.getId()).getNotes())).isEqualTo("别人的修改");
        assertThat(getCurrentView()).isInstanceOf(CustomerFormView.class);

        test(stale).confirm();

        assertThat($(TextArea.class).id("customer-notes").getValue())
                .as("reloading shows the other user's version")
                .isEqualTo("别人的修改");
    }

    @Test
    void a_full_width_phone_is_accepted_and_stored_in_canonical_form() {
        String name = "全角" + unique();
        open("customers/new");

        test(field("name")).setValue(name);
        test(field("phone")).setValue("１３８ ００１３ ８０００");
        save();

        assertThat(getCurrentView()).isInstanceOf(CustomerDetailView.class);
        List<CustomerRow> found = byName(name);
        assertThat(found).hasSize(1);
        assertThat(SystemActor.call(() -> customers.get(found.getFirst().id()).getPhone()))
                .isEqualTo("13800138000");
    }

    @Test
    void a_five_digit_phone_is_refused_and_the_field_says_why() {
        String name = "短号" + unique();
        open("customers/new");

        test(field("name")).setValue(name);
        test(field("phone")).setValue("12345");
        save();

        assertThat(field("phone").isInvalid()).isTrue();
        assertThat(field("phone").getErrorMessage())
                .isEqualTo(t("customer.rule.phone-mobile", "12345", 5))
                .contains("11");
        assertThat(byName(name)).isEmpty();
    }

    @Test
    void a_bad_email_says_why_it_is_red() {
        String name = "坏邮箱" + unique();
        open("customers/new");

        test(field("name")).setValue(name);
        test(field("email")).setValue("zhang@example");
        save();

        assertThat(field("email").isInvalid()).isTrue();
        assertThat(field("email").getErrorMessage())
                .isNotBlank()
                .isEqualTo(t("customer.rule.email-domain", "zhang@example"));
        assertThat(byName(name)).isEmpty();

        test(field("email")).setValue("zhang＠Example.COM");
        save();
        List<CustomerRow> found = byName(name);
        assertThat(found).hasSize(1);
        assertThat(SystemActor.call(() -> customers.get(found.getFirst().id()).getEmail()))
                .isEqualTo("zhang@example.com");
    }

    @Test
    void a_stored_phone_from_before_the_rule_is_kept_when_other_fields_change() {
        Customer c = TestCustomers.create(customers, "OLD" + unique(), "旧号" + unique());
        jdbc.update("UPDATE customer SET phone = '12345' WHERE id = ?", c.getId());
        String renamed = "旧号改" + unique();
        open("customers/" + c.getId() + "/edit");

        test(field("name")).setValue(renamed);
        save();

        Customer after = SystemActor.call(() -> customers.get(c.getId()));
        assertThat(after.getName()).isEqualTo(renamed);
        assertThat(after.getPhone()).isEqualTo("12345");
    }

    @Test
    void the_stale_dialog_names_who_saved_and_when_in_local_time() {
        Customer c = TestCustomers.create(customers, "SW" + unique(), "谁改" + unique());
        open("customers/" + c.getId() + "/edit");
        jdbc.update(
                "UPDATE customer SET version = version + 1, updated_by = 'li.lei', updated_at = '2026-03-04 01:05:00'"
                        + " WHERE id = ?",
                c.getId());

        test($(TextArea.class).id("customer-notes")).setValue("我的修改");
        save();

        ConfirmDialog stale = $(ConfirmDialog.class).id("stale-dialog");
        String text = stale.getElement().getProperty("message");
        assertThat(text)
                .as("who, and 01:05 UTC as 09:05 in Shanghai")
                .contains("li.lei")
                .contains("2026年3月4日")
                .contains("09:05")
                .doesNotContain("2026-03-04T01:05");
    }

    @Test
    void the_same_bad_and_good_phones_and_emails_get_the_same_answer_from_the_form_and_the_sheet() throws Exception {
        String name = "同规则" + unique();
        for (String[] bad : new String[][] {{"phone", "12345"}, {"phone", "电话号码"}, {"email", "a b@example.com"}}) {
            open("customers/new");
            test(field("name")).setValue(name);
            test(field(bad[0])).setValue(bad[1]);
            save();
            String formSays = field(bad[0]).getErrorMessage();

            java.io.File sheet =
                    java.nio.file.Files.createTempFile("rules", ".csv").toFile();
            sheet.deleteOnExit();
            java.nio.file.Files.writeString(
                    sheet.toPath(), "名称," + (bad[0].equals("phone") ? "电话" : "邮箱") + "\n" + name + "," + bad[1] + "\n");
            var report = imports.dryRun(
                    imports.inspect("customers", sheet, "rules.csv")
                            .request("customers", sheet, "rules.csv", java.util.Locale.SIMPLIFIED_CHINESE),
                    io.keyuan.exchange.ImportListener.NONE);
            assertThat(report.errors()).hasSize(1);
            var error = report.errors().getFirst();
            assertThat(error.columnKey()).isEqualTo(bad[0]);
            assertThat(t(error.messageKey(), error.args()))
                    .as("the sheet says what the form says about %s", bad[1])
                    .isEqualTo(formSays)
                    .isNotBlank();
        }

        java.io.File good = java.nio.file.Files.createTempFile("rules", ".csv").toFile();
        good.deleteOnExit();
        java.nio.file.Files.writeString(good.toPath(), "名称,电话,邮箱\n" + name + ",１３８００１３８０００,li＠example.com\n");
        var report = imports.dryRun(
                imports.inspect("customers", good, "good.csv")
                        .request("customers", good, "good.csv", java.util.Locale.SIMPLIFIED_CHINESE),
                io.keyuan.exchange.ImportListener.NONE);
        assertThat(report.errors()).isEmpty();
        assertThat(report.created()).isEqualTo(1);
    }

    @Test
    void editing_and_saving_updates_the_customer() {
        Customer c = TestCustomers.create(customers, "ED" + unique(), "改前" + unique(), x -> x.setPhone("13800000004"));
        String renamed = "改后" + unique();
        open("customers/" + c.getId() + "/edit");

        test(field("name")).setValue(renamed);
        save();

        Customer after = SystemActor.call(() -> customers.get(c.getId()));
        assertThat(after.getName()).isEqualTo(renamed);
        assertThat(after.getVersion()).isGreaterThan(c.getVersion());
        assertThat(after.getUpdatedBy()).isEqualTo(STAFF_USER);
        assertThat(getCurrentView()).isInstanceOf(CustomerDetailView.class);
    }
}
