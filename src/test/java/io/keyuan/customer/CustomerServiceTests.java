package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.StaleEditException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(username = "cust-staff", roles = "STAFF")
class CustomerServiceTests {

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void a_customer_without_a_code_gets_a_generated_one() {
        Customer c = customer("Gen " + TestData.unique());
        c.setCode("   ");

        Customer saved = customers.save(c);

        assertThat(saved.getCode()).matches("C\\d{8}");
        assertThat(saved.getCreatedBy()).isEqualTo("cust-staff");
        assertThat(jdbc.queryForObject("SELECT code FROM customer WHERE id = ?", String.class, saved.getId()))
                .isEqualTo(saved.getCode());
        Customer another = customers.save(customer("Gen2 " + TestData.unique()));
        assertThat(another.getCode()).matches("C\\d{8}").isNotEqualTo(saved.getCode());
    }

    @Test
    void a_new_customer_has_every_field_stored_and_trimmed() {
        String name = "Full " + TestData.unique();
        Customer c = customer("  " + name + "  ");
        c.setCode(" F-" + TestData.unique() + " ");
        c.setKind(CustomerKind.ORGANIZATION);
        c.setGender(Gender.FEMALE);
        c.setBirthDate(LocalDate.of(1990, 5, 17));
        c.setOccupation(Occupation.TEACHER);
        c.setIncome(new BigDecimal("123456.78"));
        c.setProvince(" 浙江 ");
        c.setCity(" 杭州 ");
        c.setPhone(" +86 138-0000-0000 ");
        c.setEmail(" zhang@example.com ");
        c.setNeedType(NeedType.VALUE_ADDED);
        c.setPurchaseStyle(PurchaseStyle.PLANNED);
        c.setLoyalty(Loyalty.LOYAL);
        c.setTags("VIP");
        c.setNotes("  ");

        Customer saved = customers.save(c);

        Customer loaded = customers.get(saved.getId());
        assertThat(loaded.getName()).isEqualTo(name);
        assertThat(loaded.getCode()).isEqualTo(c.getCode().strip());
        assertThat(loaded.getKind()).isEqualTo(CustomerKind.ORGANIZATION);
        assertThat(loaded.getBirthDate()).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(loaded.getIncome()).isEqualByComparingTo("123456.78");
        assertThat(loaded.getProvince()).isEqualTo("浙江");
        assertThat(loaded.getCity()).isEqualTo("杭州");
        assertThat(loaded.getPhone()).as("the one canonical form").isEqualTo("13800000000");
        assertThat(loaded.getEmail()).isEqualTo("zhang@example.com");
        assertThat(loaded.getNotes()).isNull();
        assertThat(loaded.getVersion()).isZero();
    }

    @Test
    void an_explicit_code_already_in_use_is_refused_on_the_code_field() {
        String code = "DUP-" + TestData.unique();
        Customer first = customer("First " + TestData.unique());
        first.setCode(code);
        customers.save(first);
        String secondName = "Second " + TestData.unique();
        Customer second = customer(secondName);
        second.setCode(code.toLowerCase());

        assertThatThrownBy(() -> customers.save(second)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo("code");
            assertThat(e.messageKey()).isEqualTo("customer.error.code-taken");
        });
        assertThat(rowsNamed(secondName)).isZero();
    }

    @Test
    void invalid_fields_are_refused_naming_the_field_and_nothing_is_saved() {
        assertRefused(c -> c.setPhone("call me maybe"), "phone");
        assertRefused(c -> c.setPhone("12"), "phone");
        assertRefused(c -> c.setEmail("not-an-email"), "email");
        assertRefused(c -> c.setEmail("a@b@c"), "email");
        assertRefused(c -> c.setCode("有 空格"), "code");
        assertRefused(c -> c.setCode("X".repeat(33)), "code");
        assertRefused(c -> c.setIncome(new BigDecimal("-1")), "income");
        assertRefused(c -> c.setIncome(new BigDecimal("1.234")), "income");
        assertRefused(c -> c.setCity("城".repeat(33)), "city");
        assertRefused(c -> c.setBirthDate(LocalDate.now(clock).plusDays(2)), "birthDate");
        assertRefused(c -> c.setKind(null), "kind");
    }

    @Test
    void a_name_that_is_blank_or_longer_than_100_characters_is_refused() {
        Customer blank = customer(" ");
        assertThatThrownBy(() -> customers.save(blank))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("name"));
        String prefix = "Long" + TestData.unique();
        Customer tooLong = customer(prefix + "x".repeat(101 - prefix.length()));
        assertThatThrownBy(() -> customers.save(tooLong))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name LIKE ?", Integer.class, prefix + "%"))
                .isZero();
        Customer exactly100 = customer(prefix + "x".repeat(100 - prefix.length()));
        assertThat(customers.save(exactly100).getName()).hasSize(100);
    }

    @Test
    void a_birth_date_before_1900_is_refused() {
        assertRefused(c -> c.setBirthDate(LocalDate.of(1899, 12, 31)), "birthDate");
        Customer ok = customer("Born1900 " + TestData.unique());
        ok.setBirthDate(LocalDate.of(1900, 1, 1));
        assertThat(customers.save(ok).getBirthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @Test
    void a_customer_cannot_be_referred_by_themselves_or_in_a_loop() {
        Customer a = customers.save(customer("RefA " + TestData.unique()));
        Customer bNew = customer("RefB " + TestData.unique());
        bNew.setReferredById(a.getId());
        Customer b = customers.save(bNew);
        Customer cNew = customer("RefC " + TestData.unique());
        cNew.setReferredById(b.getId());
        Customer c = customers.save(cNew);
        assertThat(customers.referralCount(a.getId())).isEqualTo(1);

        Customer self = customers.get(a.getId());
        self.setReferredById(a.getId());
        assertThatThrownBy(() -> customers.save(self)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo("referredById");
            assertThat(e.messageKey()).isEqualTo("customer.error.referral-self");
        });

        Customer loop = customers.get(a.getId());
        loop.setReferredById(c.getId());
        assertThatThrownBy(() -> customers.save(loop)).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo("referredById");
            assertThat(e.messageKey()).isEqualTo("customer.error.referral-loop");
        });

        Customer missing = customer("RefMissing " + TestData.unique());
        missing.setReferredById(Long.MAX_VALUE);
        assertThatThrownBy(() -> customers.save(missing))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("customer.error.referral-missing"));

        assertThat(jdbc.queryForObject("SELECT referred_by_id FROM customer WHERE id = ?", Long.class, a.getId()))
                .isNull();
    }

    @Test
    void an_unknown_source_channel_is_refused() {
        assertRefused(c -> c.setSourceChannelId(Long.MAX_VALUE), "sourceChannelId");
    }

    @Test
    void a_stale_edit_is_refused_and_the_first_save_wins() {
        Customer created = customer("Stale " + TestData.unique());
        created.setCity("Before");
        Customer saved = customers.save(created);
        Customer first = customers.get(saved.getId());
        Customer second = customers.get(saved.getId());

        first.setCity("First");
        first.setName(saved.getName() + " one");
        Customer firstSaved = customers.save(first);
        second.setCity("Second");
        second.setName(saved.getName() + " two");

        assertThatThrownBy(() -> customers.save(second)).isInstanceOf(StaleEditException.class);

        Map<String, Object> row =
                jdbc.queryForMap("SELECT name, city, version FROM customer WHERE id = ?", saved.getId());
        assertThat(row.get("name")).isEqualTo(saved.getName() + " one");
        assertThat(row.get("city")).isEqualTo("First");
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(firstSaved.getVersion());
        assertThat(firstSaved.getVersion()).isEqualTo(saved.getVersion() + 1);
    }

    @Test
    void staff_cannot_delete_a_customer_but_a_manager_can_with_the_purchases_the_confirmation_counted() {
        Customer saved = customers.save(customer("Del " + TestData.unique()));
        Purchase p = new Purchase();
        p.setPurchaseDate(LocalDate.now(clock).minusDays(3));
        p.setProduct("茶叶礼盒");
        p.setAmount(new BigDecimal("398.00"));
        customers.addPurchase(saved.getId(), p);

        assertThatThrownBy(() -> customers.delete(saved.getId(), saved.getVersion(), 0))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(customers.get(saved.getId())).isNotNull();

        TestData.as(
                "cust-manager",
                () -> {
                    assertThatThrownBy(() -> customers.delete(saved.getId(), saved.getVersion() + 1, 1))
                            .isInstanceOf(StaleEditException.class);
                    assertThat(customers.deletionImpact(saved.getId()).purchases())
                            .isEqualTo(1);
                    // a purchase recorded after the confirmation counted none: nothing is deleted
                    assertThatThrownBy(() -> customers.delete(saved.getId(), saved.getVersion(), 0))
                            .isInstanceOf(KeyuanException.class)
                            .hasMessageContaining("customer.error.delete-purchases-changed");
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM purchase WHERE customer_id = ?",
                                    Integer.class,
                                    saved.getId()))
                            .isEqualTo(1);
                    customers.delete(saved.getId(), saved.getVersion(), 1);
                },
                "STAFF",
                "MANAGER");

        assertThatThrownBy(() -> customers.get(saved.getId())).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM purchase WHERE customer_id = ?", Integer.class, saved.getId()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer_metrics WHERE customer_id = ?", Integer.class, saved.getId()))
                .isZero();
    }

    @Test
    void deleting_a_referrer_keeps_the_customers_they_referred() {
        Customer referrer = customers.save(customer("Referrer " + TestData.unique()));
        Customer referredNew = customer("Referred " + TestData.unique());
        referredNew.setReferredById(referrer.getId());
        Customer referred = customers.save(referredNew);

        TestData.as(
                "cust-manager", () -> customers.delete(referrer.getId(), referrer.getVersion(), 0), "STAFF", "MANAGER");

        assertThat(customers.get(referred.getId()).getReferredById()).isNull();
    }

    @Test
    void sql_in_names_and_searches_is_plain_text() {
        String suffix = TestData.unique();
        String name = "Robert'); DROP TABLE customer;-- " + suffix;
        Customer c = customer(name);
        c.setNotes("'; DELETE FROM customer WHERE '1'='1");
        c.setCity("x' OR '1'='1");
        Customer saved = customers.save(c);

        assertThat(customers.get(saved.getId()).getName()).isEqualTo(name);
        assertThat(jdbc.queryForObject("SELECT name FROM customer WHERE id = ?", String.class, saved.getId()))
                .isEqualTo(name);
        CustomerFilter none = CustomerFilter.none();
        assertThat(customers.page(none.withQuick("' OR '1'='1"), null, 0, 50)).isEmpty();
        assertThat(customers.exactCount(none.withQuick("' OR '1'='1"))).isZero();
        assertThat(customers.page(none.withQuick("1' OR 1=1 -- "), null, 0, 50)).isEmpty();
        assertThat(customers.page(none.withCity("x' OR '1'='1"), null, 0, 50))
                .extracting(CustomerRow::id)
                .containsExactly(saved.getId());
        assertThat(customers.page(none.withQuick("Robert'); DROP TABLE customer;-- " + suffix), null, 0, 50))
                .extracting(CustomerRow::id)
                .containsExactly(saved.getId());
        assertThat(customers.findRefs("Robert'); DROP", 0, 50))
                .extracting(CustomerRef::id)
                .contains(saved.getId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class))
                .isPositive();
    }

    @Test
    void like_wildcards_in_filters_match_only_themselves() {
        String prefix = "Wild" + TestData.unique();
        Customer literal = customers.save(customer(prefix + "_50%off"));
        customers.save(customer(prefix + "A50Xoff"));
        customers.save(customer(prefix + "\\50off"));
        CustomerFilter byName = new CustomerFilter(
                null, null, prefix + "_50%", null, null, null, null, null, null, null, null, null, null);

        assertThat(customers.page(byName, null, 0, 50))
                .extracting(CustomerRow::id)
                .containsExactly(literal.getId());
        assertThat(customers.page(CustomerFilter.none().withQuick(prefix + "_"), null, 0, 50))
                .extracting(CustomerRow::id)
                .containsExactly(literal.getId());
        assertThat(customers.page(CustomerFilter.none().withQuick(prefix + "%"), null, 0, 50))
                .isEmpty();
        assertThat(customers.page(CustomerFilter.none().withQuick(prefix + "\\"), null, 0, 50))
                .hasSize(1);
    }

    @Test
    void a_page_larger_than_500_or_with_a_negative_offset_is_refused() {
        assertThatThrownBy(() -> customers.page(CustomerFilter.none(), null, 0, CustomerService.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> customers.page(CustomerFilter.none(), null, -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nobody_signed_in_cannot_read_customers() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> customers.page(CustomerFilter.none(), null, 0, 10))
                .isInstanceOf(AuthenticationException.class);
    }

    private void assertRefused(Consumer<Customer> breakIt, String field) {
        String name = "Invalid " + TestData.unique();
        Customer c = customer(name);
        breakIt.accept(c);
        assertThatThrownBy(() -> customers.save(c))
                .as("field %s", field)
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(rowsNamed(name)).as("rows saved despite invalid %s", field).isZero();
        assertThat(customers.exactCount(new CustomerFilter(
                        null, null, name, null, null, null, null, null, null, null, null, null, null)))
                .isZero();
    }

    private int rowsNamed(String name) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name = ?", Integer.class, name);
        return n == null ? 0 : n;
    }

    static Customer customer(String name) {
        Customer c = new Customer();
        c.setName(name);
        return c;
    }
}
