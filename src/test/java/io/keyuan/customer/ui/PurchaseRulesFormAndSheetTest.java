package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.sheets.ExcelSheets.row;

import com.vaadin.flow.component.button.Button;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.RowError;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import testsupport.sheets.ExcelSheets;

/**
 * A purchase's quantity and amount rules are declared once: the purchase dialog and the purchase sheet refuse
 * the same bad value with the same message, and accept the same good one (an amount as Excel writes it).
 */
@AsStaff
class PurchaseRulesFormAndSheetTest extends KeyuanViewTest {
    private static final List<String> HEADERS = List.of("客户编号", "购买日期", "产品", "数量", "金额");

    @Autowired
    CustomerService customers;

    @Autowired
    ImportService imports;

    private PurchaseDialog openDialog(Customer c) {
        open("customers/" + c.getId());
        test($(Button.class).id("purchase-add")).click();
        return $(PurchaseDialog.class).single();
    }

    private ImportReport dryRun(List<?>... rows) throws Exception {
        File file = ExcelSheets.excel()
                .dataSheet("销售记录", HEADERS, rows)
                .write(Files.createTempDirectory("rules").resolve("purchases.xlsx"))
                .toFile();
        return imports.dryRun(
                imports.inspect("purchases", file, file.getName())
                        .request("purchases", file, file.getName(), Locale.SIMPLIFIED_CHINESE),
                ImportListener.NONE);
    }

    private String says(RowError e) {
        return t(e.messageKey(), e.args());
    }

    @Test
    void a_zero_quantity_and_a_negative_amount_get_the_same_message_from_the_dialog_and_the_sheet() throws Exception {
        Customer c = TestCustomers.create(customers, "PR" + unique(), "规则" + unique());
        LocalDate day = LocalDate.now(io.keyuan.shared.BusinessTime.ZONE).minusDays(1);
        PurchaseDialog dialog = openDialog(c);
        test(dialog.product).setValue("茶叶");
        test(dialog.quantity).setValue(0);
        test(dialog.amount).setValue(new BigDecimal("-1"));
        test($(Button.class).id("purchase-save")).click();
        String quantitySays = dialog.quantity.getErrorMessage();
        String amountSays = dialog.amount.getErrorMessage();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(quantitySays).isNotBlank();
        assertThat(amountSays).isNotBlank();

        ImportReport r = dryRun(row(c.getCode(), day, "茶叶", 0, 5), row(c.getCode(), day, "茶叶", 1, -1));

        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).columnKey()).isEqualTo("quantity");
        assertThat(says(r.errors().get(0))).isEqualTo(quantitySays);
        assertThat(r.errors().get(1).columnKey()).isEqualTo("amount");
        assertThat(says(r.errors().get(1))).isEqualTo(amountSays);
        assertThat(SystemActor.call(() -> customers.purchaseCount(c.getId()))).isZero();
    }

    @Test
    void an_amount_with_cents_is_accepted_by_the_dialog_and_by_a_sheet_excel_wrote() throws Exception {
        Customer c = TestCustomers.create(customers, "PG" + unique(), "好值" + unique());
        LocalDate day = LocalDate.now(io.keyuan.shared.BusinessTime.ZONE).minusDays(1);

        ImportReport r = dryRun(row(c.getCode(), day, "茶叶", 2, 19.99));
        assertThat(r.errors()).isEmpty();
        assertThat(r.created()).isEqualTo(1);

        PurchaseDialog dialog = openDialog(c);
        test(dialog.product).setValue("茶叶");
        test(dialog.quantity).setValue(2);
        test(dialog.amount).setValue(new BigDecimal("19.99"));
        test(dialog.channel).selectItem(t("enum.SalesChannel.STORE"));
        test($(Button.class).id("purchase-save")).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(SystemActor.call(() -> customers.purchaseCount(c.getId()))).isEqualTo(1);
    }
}
