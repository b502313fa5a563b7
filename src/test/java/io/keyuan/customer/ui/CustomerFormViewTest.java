package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.EmailField;
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
        test($(EmailField.class).id("customer-email")).setValue("new@example.com");
        test($(TextArea.class).id("customer-notes")).setValue("来自表单");
        save();

        List<CustomerRow> found = byName(name);
        assertThat(found).hasSize(1);
        Customer saved = SystemActor.call(() -> customers.get(found.getFirst().id()));
        assertThat(saved.getCode()).isEqualTo(code);
        assertThat(saved.getKind()).isEqualTo(CustomerKind.PERSON);
        assertThat(saved.getOccupation()).isEqualTo(Occupation.TEACHER);
        assertThat(saved.getIncome()).isEqualByComparingTo("12345.60");
        assertThat(saved.getPhone()).isEqualTo("+86 138-0000-0000");
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
        assertThat(field("phone").getErrorMessage()).isEqualTo(t("customer.validation.phone"));
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
