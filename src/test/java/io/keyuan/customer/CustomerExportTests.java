package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithMockUser;

/** The customer export writes the grid's filter and order, with headers and labels in the user's language. */
@KeyuanIntegrationTest
class CustomerExportTests {
    @Autowired
    CustomerExport export;

    @Autowired
    CustomerService customers;

    @Autowired
    io.keyuan.channel.ChannelService channels;

    @Test
    @WithMockUser(username = "export-staff", roles = "STAFF")
    void export_follows_the_filter_and_sort_with_localized_headers_and_labels() throws Exception {
        String prefix = "导出" + TestData.unique();
        Customer referrer = save(prefix + "甲", "EXA" + TestData.digits(6), null);
        Customer b = save(prefix + "乙", "EXB" + TestData.digits(6), referrer.getId());
        save(prefix + "丙", "EXC" + TestData.digits(6), null);
        CustomerFilter filter =
                new CustomerFilter(null, null, prefix, null, null, null, null, null, null, null, null, null, null);

        Sheet zh = read(filter, new CustomerSort(CustomerSort.Field.NAME, false), Locale.SIMPLIFIED_CHINESE);
        DataFormatter fmt = new DataFormatter();
        Row header = zh.getRow(0);
        assertThat(header.getCell(0).getStringCellValue()).isEqualTo("编号");
        assertThat(header.getCell(1).getStringCellValue()).isEqualTo("名称");
        assertThat(zh.getLastRowNum()).isEqualTo(3);
        // the order is the grid's order for the same filter and sort (the database collation decides)
        var grid = customers.page(filter, new CustomerSort(CustomerSort.Field.NAME, false), 0, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(zh.getRow(i + 1).getCell(1).getStringCellValue())
                    .isEqualTo(grid.get(i).name());
        }
        Row bRow = rowWithCode(zh, b.getCode());
        assertThat(bRow.getCell(2).getStringCellValue()).isEqualTo("个人");
        assertThat(bRow.getCell(4).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(bRow.getCell(6).getNumericCellValue()).isEqualTo(123456.78);
        assertThat(bRow.getCell(13).getStringCellValue()).isEqualTo(referrer.getCode());
        assertThat(fmt.formatCellValue(bRow.getCell(9))).isEqualTo("13912345678");

        Sheet en = read(filter, CustomerSort.newestFirst(), Locale.ENGLISH);
        assertThat(en.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Name");
        assertThat(rowWithCode(en, b.getCode()).getCell(2).getStringCellValue()).isEqualTo("Person");
    }

    @Test
    @WithMockUser(username = "export-staff", roles = "STAFF")
    void the_template_has_headers_notes_and_dropdowns_for_enumerated_columns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.template(Locale.TRADITIONAL_CHINESE, out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheet("customers");
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("名稱");
            assertThat(sheet.getRow(0).getCell(1).getCellComment().getString().getString())
                    .contains("必填");
            assertThat(wb.isSheetHidden(wb.getSheetIndex("lists"))).isTrue();
            // kind, gender, occupation, method, need type, purchase style, loyalty, and the active channels' names
            boolean anyChannel = channels.summaries().stream().anyMatch(c -> c.active());
            assertThat(sheet.getDataValidations()).hasSize(anyChannel ? 8 : 7);
            var kinds = wb.getName("list_kind");
            assertThat(kinds).isNotNull();
            var lists = wb.getSheet("lists");
            assertThat(lists.getRow(0).getCell(0).getStringCellValue()).isEqualTo("個人");
        }
    }

    @Test
    void nobody_signed_in_cannot_export() {
        assertThatThrownBy(
                        () -> export.export(CustomerFilter.none(), null, Locale.ENGLISH, new ByteArrayOutputStream()))
                .isInstanceOfAny(AccessDeniedException.class, AuthenticationCredentialsNotFoundException.class);
    }

    private Customer save(String name, String code, Long referredBy) {
        Customer c = new Customer();
        c.setName(name);
        c.setCode(code);
        c.setBirthDate(LocalDate.of(1990, 5, 17));
        c.setIncome(new BigDecimal("123456.78"));
        c.setPhone("13912345678");
        c.setReferredById(referredBy);
        return SystemActor.call(() -> customers.save(c));
    }

    private Sheet read(CustomerFilter filter, CustomerSort sort, Locale locale) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = export.export(filter, sort, locale, out);
        assertThat(n).isEqualTo(3);
        XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
        return wb.getSheetAt(0);
    }

    private static Row rowWithCode(Sheet sheet, String code) {
        for (Row r : sheet) {
            if (r.getRowNum() > 0 && code.equals(r.getCell(0).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no row with code " + code);
    }
}
