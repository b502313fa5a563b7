package io.keyuan.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "chan-manager",
        roles = {"STAFF", "MANAGER"})
class ChannelServiceTests {

    @Autowired
    ChannelService channels;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void manager_creates_a_channel_and_staff_can_read_it() {
        String name = "  渠道 " + TestData.unique() + " ";

        SourceChannel saved = channels.save(channel(name, ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH));

        assertThat(saved.getId()).isNotNull();
        assertThat(saved.getName()).isEqualTo(name.strip());
        assertThat(saved.getCreatedBy()).isEqualTo("chan-manager");
        ChannelSummary seen =
                TestData.as("a-staff", () -> channels.summary(saved.getId()).orElseThrow(), "STAFF");
        assertThat(seen)
                .isEqualTo(new ChannelSummary(
                        saved.getId(), name.strip(), ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, true));
        List<SourceChannel> page = TestData.as(
                "a-staff",
                () -> channels.page(
                        new ChannelFilter(name.strip().toUpperCase(), ChannelCategory.ONLINE, null, true),
                        PageRequest.of(0, 10, Sort.by("name"))),
                "STAFF");
        assertThat(page).extracting(SourceChannel::getId).containsExactly(saved.getId());
        assertThat(TestData.as("a-staff", () -> channels.summaries(), "STAFF"))
                .extracting(ChannelSummary::id)
                .contains(saved.getId());
    }

    @Test
    void manager_updates_a_channel() {
        SourceChannel saved = channels.save(
                channel("upd " + TestData.unique(), ChannelCategory.NATURAL, AcquisitionMethod.CONSULTING));
        SourceChannel edited = channels.get(saved.getId());
        String newName = "renamed " + TestData.unique();
        edited.setName(newName);
        edited.setCategory(ChannelCategory.PARTNER);
        edited.setActive(false);
        edited.setDescription("  ");

        SourceChannel updated = channels.save(edited);

        assertThat(updated.getVersion()).isGreaterThan(saved.getVersion());
        ChannelSummary summary = channels.summary(saved.getId()).orElseThrow();
        assertThat(summary.name()).isEqualTo(newName);
        assertThat(summary.category()).isEqualTo(ChannelCategory.PARTNER);
        assertThat(summary.active()).isFalse();
        assertThat(channels.get(saved.getId()).getDescription()).isNull();
    }

    @Test
    void staff_can_read_channels_but_not_change_them() {
        SourceChannel saved =
                channels.save(channel("ro " + TestData.unique(), ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL));
        channels.setCost(saved.getId(), YearMonth.of(2026, 1), new BigDecimal("100.00"), null);
        long costCount = channels.costs(saved.getId()).size();

        TestData.as(
                "a-staff",
                () -> {
                    assertThat(channels.get(saved.getId()).getName()).isEqualTo(saved.getName());
                    assertThat(channels.costs(saved.getId())).hasSize(1);
                    SourceChannel edited = channels.get(saved.getId());
                    edited.setName("hijacked " + TestData.unique());
                    assertThatThrownBy(() -> channels.save(edited)).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> channels.save(channel(
                                    "new " + TestData.unique(), ChannelCategory.NATURAL, AcquisitionMethod.EVENTS)))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(
                                    () -> channels.setCost(saved.getId(), YearMonth.of(2026, 2), BigDecimal.TEN, null))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> channels.delete(saved.getId(), saved.getVersion()))
                            .isInstanceOf(AccessDeniedException.class);
                    long costId = channels.costs(saved.getId()).getFirst().id();
                    assertThatThrownBy(() -> channels.deleteCost(costId)).isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");

        assertThat(channels.get(saved.getId()).getName()).isEqualTo(saved.getName());
        assertThat(channels.costs(saved.getId())).hasSize((int) costCount);
    }

    @Test
    void monthly_cost_replaces_the_same_month_and_keeps_others() {
        SourceChannel saved = channels.save(
                channel("cost " + TestData.unique(), ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING));
        long id = saved.getId();

        channels.setCost(id, YearMonth.of(2026, 3), new BigDecimal("1000.50"), "first");
        channels.setCost(id, YearMonth.of(2026, 4), new BigDecimal("20"), null);
        ChannelCostRow replaced = channels.setCost(id, YearMonth.of(2026, 3), new BigDecimal("999.99"), " ");

        List<ChannelCostRow> costs = channels.costs(id);
        assertThat(costs)
                .extracting(ChannelCostRow::month)
                .containsExactly(YearMonth.of(2026, 4), YearMonth.of(2026, 3));
        assertThat(costs.get(1).amount()).isEqualByComparingTo("999.99");
        assertThat(costs.get(1).note()).isNull();
        assertThat(costs.get(1).id()).isEqualTo(replaced.id());
        assertThat(costs.get(0).amount()).isEqualByComparingTo("20");
        assertThat(jdbc.queryForObject(
                                "SELECT month FROM channel_cost WHERE id = ?", java.sql.Date.class, replaced.id())
                        .toLocalDate())
                .isEqualTo(YearMonth.of(2026, 3).atDay(1));
    }

    @Test
    void negative_or_three_decimal_costs_are_refused_on_the_amount_field() {
        SourceChannel saved = channels.save(
                channel("badcost " + TestData.unique(), ChannelCategory.ONLINE, AcquisitionMethod.ADVERTISING));
        for (String bad : new String[] {"-0.01", "1.234", "0.001", "1000000000000.00"}) {
            assertThatThrownBy(() -> channels.setCost(saved.getId(), YearMonth.of(2026, 5), new BigDecimal(bad), null))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            KeyuanException.class, e -> assertThat(e.field()).isEqualTo("amount"));
        }
        assertThatThrownBy(() -> channels.setCost(saved.getId(), YearMonth.of(2026, 5), null, null))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("amount"));
        assertThatThrownBy(() -> channels.setCost(saved.getId(), null, BigDecimal.ONE, null))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("month"));
        assertThat(channels.costs(saved.getId())).isEmpty();

        channels.setCost(saved.getId(), YearMonth.of(2026, 5), new BigDecimal("0"), null);
        channels.setCost(saved.getId(), YearMonth.of(2026, 6), new BigDecimal("999999999999.99"), null);
        assertThat(channels.costs(saved.getId())).hasSize(2);
    }

    @Test
    void a_name_taken_in_any_letter_case_is_refused_on_the_name_field() {
        String name = "Dup " + TestData.unique();
        SourceChannel first = channels.save(channel(name, ChannelCategory.NATURAL, AcquisitionMethod.CONSULTING));
        SourceChannel other = channels.save(
                channel("Other " + TestData.unique(), ChannelCategory.NATURAL, AcquisitionMethod.CONSULTING));

        assertThatThrownBy(() ->
                        channels.save(channel(name.toUpperCase(), ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH)))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.messageKey()).isEqualTo("channel.error.name-taken");
                });
        SourceChannel renamed = channels.get(other.getId());
        renamed.setName(" " + name.toLowerCase() + " ");
        assertThatThrownBy(() -> channels.save(renamed))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("name"));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_channel WHERE name = ?", Integer.class, name))
                .isEqualTo(1);
        // saving a channel under its own name, in another case, is fine
        SourceChannel same = channels.get(first.getId());
        same.setName(name.toUpperCase());
        assertThat(channels.save(same).getName()).isEqualTo(name.toUpperCase());
    }

    @Test
    void blank_or_too_long_names_and_missing_category_are_refused_on_their_field() {
        assertThatThrownBy(() -> channels.save(channel(" ", ChannelCategory.NATURAL, AcquisitionMethod.EVENTS)))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() ->
                        channels.save(channel("x".repeat(101), ChannelCategory.NATURAL, AcquisitionMethod.EVENTS)))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("name"));
        String name = "nocat " + TestData.unique();
        assertThatThrownBy(() -> channels.save(channel(name, null, AcquisitionMethod.EVENTS)))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("category"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_channel WHERE name = ?", Integer.class, name))
                .isZero();
    }

    @Test
    void a_stale_save_is_refused_and_the_database_keeps_the_newer_version() {
        SourceChannel saved = channels.save(
                channel("stale " + TestData.unique(), ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH));
        SourceChannel mine = channels.get(saved.getId());
        SourceChannel theirs = channels.get(saved.getId());
        String theirName = "theirs " + TestData.unique();
        theirs.setName(theirName);
        channels.save(theirs);

        String myName = "mine " + TestData.unique();
        mine.setName(myName);
        mine.setCategory(ChannelCategory.PARTNER);
        assertThatThrownBy(() -> channels.save(mine)).isInstanceOf(StaleEditException.class);

        Map<String, Object> row =
                jdbc.queryForMap("SELECT name, category FROM source_channel WHERE id = ?", saved.getId());
        assertThat(row).containsEntry("name", theirName).containsEntry("category", "ONLINE");
        assertThatThrownBy(() -> channels.delete(saved.getId(), saved.getVersion()))
                .isInstanceOf(StaleEditException.class);
        assertThat(channels.summary(saved.getId())).isPresent();
    }

    @Test
    void a_channel_no_customer_uses_can_be_deleted_with_its_costs() {
        SourceChannel saved = channels.save(
                channel("del " + TestData.unique(), ChannelCategory.NATURAL, AcquisitionMethod.CANVASSING));
        channels.setCost(saved.getId(), YearMonth.of(2026, 1), BigDecimal.ONE, null);

        channels.delete(saved.getId(), saved.getVersion());

        assertThat(channels.summary(saved.getId())).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM channel_cost WHERE channel_id = ?", Integer.class, saved.getId()))
                .isZero();
    }

    @Test
    void deleting_a_channel_a_customer_came_from_is_refused_and_the_channel_stays() {
        SourceChannel saved = channels.save(
                channel("inuse " + TestData.unique(), ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL));
        Customer c = new Customer();
        c.setName("Channel user " + TestData.unique());
        c.setSourceChannelId(saved.getId());
        customers.save(c);

        assertThatThrownBy(() -> channels.delete(saved.getId(), saved.getVersion()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("channel.error.in-use"));

        assertThat(channels.summary(saved.getId())).isPresent();
        assertThat(channels.get(saved.getId()).getVersion()).isEqualTo(saved.getVersion());
    }

    static SourceChannel channel(String name, ChannelCategory category, AcquisitionMethod method) {
        SourceChannel c = new SourceChannel();
        c.setName(name);
        c.setCategory(category);
        c.setAcquisitionMethod(method);
        c.setActive(true);
        return c;
    }
}
