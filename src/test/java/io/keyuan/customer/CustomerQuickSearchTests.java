package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The quick search as Chinese back offices look people up: anywhere in the name, by pinyin and its initials, by the
 * last digits of a phone — over customers saved through the form's service, the bulk loader and plain SQL. Each query
 * is narrowed to this class's own city, so other tests' customers never count.
 */
@KeyuanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "search-staff", roles = "STAFF")
class CustomerQuickSearchTests {
    @Autowired
    CustomerService customers;

    @Autowired
    CustomerBulkLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    final String city = "拼音城" + TestData.unique();
    final String tail = TestData.digits(4);
    long wangFang;
    long wangFangOther;
    long zhangWei;
    long apple;
    long loaded;

    @BeforeAll
    void createCustomers() {
        SystemActor.run(() -> {
            wangFang = save("王芳", "1380" + TestData.digits(2) + "1" + tail);
            wangFangOther = save("万方", "13911112222");
            zhangWei = save("张伟", "010-6666" + TestData.digits(4));
            apple = save("Apple 中国分公司", null);
            long id = loader.nextCustomerId();
            loader.insertCustomers(List.of(new NewCustomer(
                    id,
                    "PY" + TestData.unique(),
                    "李小龙",
                    CustomerKind.PERSON,
                    null,
                    null,
                    null,
                    null,
                    null,
                    city,
                    "13700000000",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)));
            loaded = id;
        });
    }

    private long save(String name, String phone) {
        Customer c = new Customer();
        c.setCode("PY" + TestData.unique());
        c.setName(name);
        c.setCity(city);
        c.setPhone(phone);
        return customers.save(c).getId();
    }

    private List<Long> search(String quick) {
        CustomerFilter filter =
                new CustomerFilter(quick, null, null, null, null, city, null, null, null, null, null, null, null);
        assertThat(customers.exactCount(filter))
                .as("count of %s", quick)
                .isEqualTo(customers
                        .page(filter, CustomerSort.newestFirst(), 0, 50)
                        .size());
        return customers.page(filter, CustomerSort.newestFirst(), 0, 50).stream()
                .map(CustomerRow::id)
                .toList();
    }

    @Test
    void the_pinyin_and_its_initials_find_the_name_in_any_case() {
        assertThat(search("wangfang")).containsExactly(wangFang);
        assertThat(search("WangF")).containsExactly(wangFang);
        assertThat(search("wang fang")).containsExactly(wangFang);
        assertThat(search("wf")).containsExactlyInAnyOrder(wangFang, wangFangOther);
        assertThat(search("zw")).containsExactly(zhangWei);
        assertThat(search("lxl")).as("a row the bulk loader wrote").containsExactly(loaded);
        assertThat(search("applezhongguo")).containsExactly(apple);
        assertThat(search("azg")).containsExactly(apple);
        assertThat(search("fang")).as("pinyin from its start only").isEmpty();
    }

    @Test
    void chinese_text_matches_anywhere_in_the_name() {
        assertThat(search("芳")).containsExactly(wangFang);
        assertThat(search("分公司")).containsExactly(apple);
        assertThat(search("王")).containsExactly(wangFang);
    }

    @Test
    void four_or_more_last_digits_of_a_phone_find_it_and_fewer_do_not() {
        assertThat(search(tail)).containsExactly(wangFang);
        assertThat(search("1" + tail)).containsExactly(wangFang);
        assertThat(search("2222")).containsExactly(wangFangOther);
        assertThat(search("1111 2222")).as("spaces ignored").containsExactly(wangFangOther);
        assertThat(search("222")).as("three digits are no phone tail").isEmpty();
    }

    @Test
    void a_name_changed_by_sql_is_found_by_its_new_pinyin_once_spelt_again() throws Exception {
        long id = SystemActor.call(() -> save("赵敏", null));
        assertThat(search("zm")).containsExactly(id);

        jdbc.update("UPDATE customer SET name = '周芷若' WHERE id = ?", id);
        assertThat(search("zzr")).as("not yet spelt").isEmpty();
        int spelt = jdbc.execute((java.sql.Connection c) -> CustomerSearchSpelling.spellStale(c, id, id));

        assertThat(spelt).isEqualTo(1);
        assertThat(search("zzr")).containsExactly(id);
        assertThat(search("zm")).isEmpty();
        assertThat(jdbc.execute((java.sql.Connection c) -> CustomerSearchSpelling.spellStale(c, id, id)))
                .as("a fresh spelling is left alone")
                .isZero();
    }

    @Test
    void an_edit_through_the_service_spells_the_new_name() {
        long id = SystemActor.call(() -> save("杨过", null));
        SystemActor.run(() -> {
            Customer c = customers.get(id);
            c.setName("郭靖");
            customers.save(c);
        });

        assertThat(search("gj")).containsExactly(id);
        assertThat(search("yg")).isEmpty();
    }

    @Test
    void the_city_filter_matches_the_province_the_column_shows_as_well() {
        String province = "拼音省" + TestData.unique();
        long id = SystemActor.call(() -> {
            Customer c = new Customer();
            c.setCode("PY" + TestData.unique());
            c.setName("黄蓉");
            c.setProvince(province);
            c.setCity(city);
            return customers.save(c).getId();
        });
        CustomerFilter byProvince =
                new CustomerFilter(null, null, null, null, null, province, null, null, null, null, null, null, null);
        CustomerFilter byBoth = new CustomerFilter(
                null, null, null, null, null, province + " " + city, null, null, null, null, null, null, null);
        CustomerFilter wrongPair = new CustomerFilter(
                null, null, null, null, null, province + " 别处", null, null, null, null, null, null, null);

        assertThat(customers.page(byProvince, CustomerSort.newestFirst(), 0, 50))
                .extracting(CustomerRow::id)
                .containsExactly(id);
        assertThat(customers.page(byBoth, CustomerSort.newestFirst(), 0, 50))
                .extracting(CustomerRow::id)
                .containsExactly(id);
        assertThat(customers.page(wrongPair, CustomerSort.newestFirst(), 0, 50)).isEmpty();
    }

    @Test
    void the_spelling_of_names_as_written() {
        assertThat(NamePinyin.of("王芳")).isEqualTo(new NamePinyin("wangfang", "wf", NamePinyin.crc("王芳")));
        assertThat(NamePinyin.of("吕布").full()).isEqualTo("lvbu");
        assertThat(NamePinyin.of("IBM（中国）").initials()).isEqualTo("izg");
        assertThat(NamePinyin.of("——").full()).isNull();
        Long dbCrc = jdbc.queryForObject("SELECT CRC32('王芳')", Long.class);
        assertThat(NamePinyin.crc("王芳")).as("the same as MariaDB's").isEqualTo(dbCrc);
    }
}
