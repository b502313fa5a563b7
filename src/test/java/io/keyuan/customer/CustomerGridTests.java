package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The grid's queries over a set of customers made for this class: every filter returns exactly the rows that
 * match, sorting and paging give a stable order, and counts agree with pages. Rows of other tests share the
 * database, so every query is narrowed by something unique to this class.
 */
@KeyuanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "grid-staff", roles = "STAFF")
class CustomerGridTests {
    private static final int ROWS = 31;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    /** Every name starts with it; letters only, so that the database sorts the names as Java does. */
    final String prefix = "Grid" + TestData.letters(8);

    final String codePrefix = "GR" + TestData.letters(8).toUpperCase();
    final String cityA = "CityA" + TestData.unique();
    final String cityB = "CityB" + TestData.unique();
    final List<Customer> mine = new ArrayList<>();
    final List<Lifecycle> lifecycles = new ArrayList<>();
    long channelId;
    long ownerId;

    @BeforeAll
    void createCustomers() {
        SystemActor.run(() -> {
            SourceChannel channel = new SourceChannel();
            channel.setName("Grid channel " + TestData.unique());
            channel.setCategory(ChannelCategory.PROMOTION);
            channel.setAcquisitionMethod(AcquisitionMethod.EVENTS);
            channelId = channels.save(channel).getId();
            ownerId = userAdmin
                    .create("owner." + TestData.unique(), "Owner", "STAFF", "Owner-password-1")
                    .id();
            LocalDate today = LocalDate.now(clock);
            String duplicateName = prefix + TestData.letters(5);
            for (int i = 0; i < ROWS; i++) {
                Customer c = new Customer();
                // a few equal names, so that the id decides their order
                c.setName(i % 10 == 3 ? duplicateName : prefix + TestData.letters(5));
                c.setCode(codePrefix + "-" + i);
                c.setKind(i % 7 == 0 ? CustomerKind.ORGANIZATION : CustomerKind.PERSON);
                c.setCity(i % 3 == 0 ? cityA : cityB);
                c.setIncome(i % 5 == 4 ? null : BigDecimal.valueOf(1000L * i));
                c.setPhone("+86 139 " + TestData.digits(8));
                c.setEmail(prefix.toLowerCase() + i + "@example.com");
                c.setSourceChannelId(i % 4 == 0 ? channelId : null);
                c.setOwnerId(i % 2 == 0 ? ownerId : null);
                Customer saved = customers.save(c);
                mine.add(saved);
                Lifecycle lifecycle = switch (i % 3) {
                    case 0 -> Lifecycle.POTENTIAL;
                    case 1 -> Lifecycle.NEW;
                    default -> Lifecycle.CHURNED;
                };
                if (lifecycle != Lifecycle.POTENTIAL) {
                    Purchase p = new Purchase();
                    p.setPurchaseDate(today.minusDays(lifecycle == Lifecycle.NEW ? 10 : 500));
                    p.setProduct("保温杯");
                    p.setAmount(new BigDecimal("129.00"));
                    customers.addPurchase(saved.getId(), p);
                }
                lifecycles.add(lifecycle);
            }
        });
    }

    @Test
    void the_name_filter_matches_a_prefix_and_returns_exactly_these_rows() {
        assertFilter(byName(prefix), c -> true);
        assertFilter(byName(prefix.toUpperCase()), c -> true);
        Customer one = mine.get(5);
        assertFilter(byName(one.getName()), c -> c.getName().equals(one.getName()));
        assertThat(customers.page(byName(prefix.substring(1)), null, 0, 50)).isEmpty();
    }

    @Test
    void the_phone_filter_matches_a_prefix() {
        Customer one = mine.get(7);
        String start = one.getPhone().substring(0, one.getPhone().length() - 3);
        assertFilter(byName(prefix).withPhone(start), c -> c.getPhone().startsWith(start));
        assertFilter(byName(prefix).withPhone(one.getPhone()), c -> c.getPhone().equals(one.getPhone()));
        assertThat(customers.page(byName(prefix).withPhone("%"), null, 0, 50)).isEmpty();
    }

    @Test
    void the_city_filter_matches_the_city_exactly() {
        assertFilter(CustomerFilter.none().withCity(cityA), c -> c.getCity().equals(cityA));
        assertFilter(
                CustomerFilter.none().withCity(" " + cityB + " "),
                c -> c.getCity().equals(cityB));
        assertThat(customers.page(CustomerFilter.none().withCity(cityA.substring(0, 8)), null, 0, 50))
                .isEmpty();
    }

    @Test
    void the_income_range_includes_both_ends_and_leaves_out_unknown_incomes() {
        BigDecimal min = new BigDecimal("5000");
        BigDecimal max = new BigDecimal("15000");
        assertFilter(
                byName(prefix).withIncome(min, max),
                c -> c.getIncome() != null
                        && c.getIncome().compareTo(min) >= 0
                        && c.getIncome().compareTo(max) <= 0);
        assertFilter(
                byName(prefix).withIncome(min, null),
                c -> c.getIncome() != null && c.getIncome().compareTo(min) >= 0);
        assertFilter(
                byName(prefix).withIncome(null, max),
                c -> c.getIncome() != null && c.getIncome().compareTo(max) <= 0);
        assertFilter(
                CustomerFilter.none().withCity(cityA).withIncome(min, max),
                c -> c.getCity().equals(cityA)
                        && c.getIncome() != null
                        && c.getIncome().compareTo(min) >= 0
                        && c.getIncome().compareTo(max) <= 0);
    }

    @Test
    void the_lifecycle_filter_follows_the_purchases() {
        for (Lifecycle lifecycle : List.of(Lifecycle.POTENTIAL, Lifecycle.NEW, Lifecycle.CHURNED)) {
            CustomerFilter f = with(byName(prefix), lifecycle, null);
            assertFilter(f, c -> lifecycles.get(mine.indexOf(c)) == lifecycle);
        }
        assertFilter(with(byName(prefix), Lifecycle.ACTIVE, null), c -> false);
        assertFilter(with(byName(prefix), null, ValueLevel.LOW), c -> true);
        assertFilter(with(byName(prefix), null, ValueLevel.HIGH), c -> false);
    }

    @Test
    void the_channel_owner_and_kind_filters_return_exactly_their_rows() {
        assertFilter(
                new CustomerFilter(null, null, null, null, null, null, null, channelId, null, null, null, null, null),
                c -> channelId == nullToZero(c.getSourceChannelId()));
        assertFilter(
                new CustomerFilter(null, null, null, null, null, null, null, null, null, null, ownerId, null, null),
                c -> ownerId == nullToZero(c.getOwnerId()));
        assertFilter(
                new CustomerFilter(
                        null,
                        null,
                        prefix,
                        CustomerKind.ORGANIZATION,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                c -> c.getKind() == CustomerKind.ORGANIZATION);
    }

    @Test
    void the_code_filter_matches_a_prefix() {
        assertFilter(byCode(codePrefix), c -> true);
        assertFilter(byCode(codePrefix + "-1"), c -> c.getCode().startsWith(codePrefix + "-1"));
        assertFilter(byCode(codePrefix + "-30"), c -> c.getCode().equals(codePrefix + "-30"));
    }

    @Test
    void quick_search_finds_one_customer_by_phone_email_or_code_and_many_by_name() {
        Customer one = mine.get(7);
        assertFilter(
                CustomerFilter.none().withQuick(one.getPhone()), c -> c.getId().equals(one.getId()));
        assertFilter(
                CustomerFilter.none().withQuick(" " + one.getEmail() + " "),
                c -> c.getId().equals(one.getId()));
        assertFilter(
                CustomerFilter.none().withQuick(one.getCode()), c -> c.getId().equals(one.getId()));
        assertFilter(
                CustomerFilter.none().withQuick(one.getCode().toLowerCase()),
                c -> c.getId().equals(one.getId()));
        assertFilter(CustomerFilter.none().withQuick(prefix), c -> true);
        // a phone or code only matches whole, not a part of it
        assertThat(customers.page(CustomerFilter.none().withQuick(one.getPhone().substring(0, 10)), null, 0, 50))
                .extracting(CustomerRow::id)
                .doesNotContain(one.getId());
        assertThat(customers.page(CustomerFilter.none().withQuick(codePrefix), null, 0, 50))
                .isEmpty();
    }

    @Test
    void filters_combine_with_and() {
        assertFilter(
                new CustomerFilter(
                        prefix,
                        codePrefix,
                        prefix,
                        null,
                        null,
                        cityA,
                        null,
                        channelId,
                        null,
                        null,
                        ownerId,
                        null,
                        null),
                c -> c.getCity().equals(cityA)
                        && channelId == nullToZero(c.getSourceChannelId())
                        && ownerId == nullToZero(c.getOwnerId()));
    }

    @Test
    void sorting_by_name_pages_through_a_stable_order_in_both_directions() {
        Comparator<Customer> byNameThenId =
                Comparator.comparing(Customer::getName).thenComparing(Customer::getId);
        for (boolean ascending : new boolean[] {true, false}) {
            List<Long> expected = mine.stream()
                    .sorted(ascending ? byNameThenId : byNameThenId.reversed())
                    .map(Customer::getId)
                    .toList();
            CustomerSort sort = new CustomerSort(CustomerSort.Field.NAME, ascending);
            List<Long> paged = new ArrayList<>();
            for (int offset = 0; offset < ROWS + 7; offset += 7) {
                List<CustomerRow> page = customers.page(byName(prefix), sort, offset, 7);
                assertThat(page.size()).isEqualTo(Math.max(0, Math.min(7, ROWS - offset)));
                page.forEach(r -> paged.add(r.id()));
            }
            assertThat(paged).as(ascending ? "ascending" : "descending").containsExactlyElementsOf(expected);
            assertThat(customers.page(byName(prefix), sort, 0, ROWS))
                    .extracting(CustomerRow::id)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void the_default_order_is_newest_first_and_income_sorts_numerically() {
        List<Long> newestFirst = mine.stream()
                .map(Customer::getId)
                .sorted(Comparator.reverseOrder())
                .toList();
        assertThat(customers.page(byName(prefix), null, 0, 50))
                .extracting(CustomerRow::id)
                .containsExactlyElementsOf(newestFirst);
        List<CustomerRow> byIncome = customers.page(
                byName(prefix).withIncome(BigDecimal.ZERO, null),
                new CustomerSort(CustomerSort.Field.INCOME, false),
                0,
                50);
        assertThat(byIncome).extracting(CustomerRow::income).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(byIncome).first().extracting(CustomerRow::income).isEqualTo(new BigDecimal("30000.00"));
    }

    @Test
    void grid_rows_carry_the_customers_figures() {
        int i = 1;
        List<CustomerRow> rows = customers.page(CustomerFilter.none().withQuick(codePrefix + "-" + i), null, 0, 5);
        assertThat(rows).hasSize(1);
        CustomerRow row = rows.getFirst();
        Customer c = mine.get(i);
        assertThat(row.id()).isEqualTo(c.getId());
        assertThat(row.name()).isEqualTo(c.getName());
        assertThat(row.city()).isEqualTo(cityB);
        assertThat(row.lifecycle()).isEqualTo(Lifecycle.NEW);
        assertThat(row.frequency()).isEqualTo(1);
        assertThat(row.monetary()).isEqualByComparingTo("129.00");
        assertThat(row.lastPurchase()).isEqualTo(LocalDate.now(clock).minusDays(10));
    }

    @Test
    void grid_rows_show_when_the_record_was_last_changed() {
        Customer c = mine.get(2);
        CustomerRow row = customers
                .page(CustomerFilter.none().withQuick(c.getCode()), null, 0, 1)
                .getFirst();

        // fails when the JVM's time zone is not UTC: the row is read as local time (see the test report)
        assertThat(row.updatedAt()).isCloseTo(c.getUpdatedAt(), within(1, ChronoUnit.MILLIS));
    }

    @Test
    void count_agrees_with_the_pages_and_is_fresh_after_a_save() {
        CustomerFilter f = CustomerFilter.none().withCity(cityA);
        long expected = mine.stream().filter(c -> c.getCity().equals(cityA)).count();
        assertThat(customers.count(f)).isEqualTo(expected);
        assertThat(customers.exactCount(f)).isEqualTo(expected);
        assertThat(customers.count(byName(prefix))).isEqualTo(ROWS);

        Customer extra = new Customer();
        extra.setName("Extra " + TestData.unique());
        extra.setCity(cityA);
        Customer saved = customers.save(extra);
        try {
            assertThat(customers.count(f)).isEqualTo(expected + 1);
            assertThat(customers.page(f, null, 0, 50)).hasSize((int) expected + 1);
        } finally {
            TestData.as(
                    "grid-manager", () -> customers.delete(saved.getId(), saved.getVersion(), 0), "STAFF", "MANAGER");
        }
        assertThat(customers.count(f)).isEqualTo(expected);
    }

    @Test
    void count_is_cached_briefly_and_exact_count_reads_afresh() {
        String city = "Cached" + TestData.unique();
        Customer c = new Customer();
        c.setName("Cached " + TestData.unique());
        c.setCity(city);
        Customer saved = customers.save(c);
        CustomerFilter f = CustomerFilter.none().withCity(city);
        assertThat(customers.count(f)).isEqualTo(1);

        // a change that does not go through the service (another node, an import) is seen only by exactCount
        jdbc.update("UPDATE customer SET city = ? WHERE id = ?", city + "x", saved.getId());

        assertThat(customers.count(f)).isEqualTo(1);
        assertThat(customers.exactCount(f)).isZero();
        assertThat(customers.count(f)).isZero();
    }

    private void assertFilter(CustomerFilter filter, Predicate<Customer> matches) {
        List<Long> expected =
                mine.stream().filter(matches).map(Customer::getId).sorted().toList();
        List<CustomerRow> rows =
                customers.page(filter, new CustomerSort(CustomerSort.Field.ID, true), 0, CustomerService.MAX_PAGE);
        assertThat(rows).as("rows for %s", filter).extracting(CustomerRow::id).containsExactlyElementsOf(expected);
        assertThat(customers.exactCount(filter)).as("count for %s", filter).isEqualTo(expected.size());
        assertThat(customers.count(filter)).as("cached count for %s", filter).isEqualTo(expected.size());
    }

    private static CustomerFilter byName(String name) {
        return new CustomerFilter(null, null, name, null, null, null, null, null, null, null, null, null, null);
    }

    private static CustomerFilter byCode(String code) {
        return new CustomerFilter(null, code, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static CustomerFilter with(CustomerFilter f, Lifecycle lifecycle, ValueLevel value) {
        return new CustomerFilter(
                f.quick(),
                f.code(),
                f.name(),
                f.kind(),
                f.province(),
                f.city(),
                f.occupation(),
                f.sourceChannelId(),
                lifecycle,
                value,
                f.ownerId(),
                f.incomeMin(),
                f.incomeMax());
    }

    private static long nullToZero(Long value) {
        return value == null ? 0 : value;
    }
}
