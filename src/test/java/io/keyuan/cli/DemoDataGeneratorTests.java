package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.NewCustomer;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.Regions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTests {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final List<ChannelSummary> CHANNELS = List.of(
            new ChannelSummary(11, "老客户介绍", ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, true),
            new ChannelSummary(12, "自然到店", ChannelCategory.NATURAL, AcquisitionMethod.CONSULTING, true),
            new ChannelSummary(13, "搜索引擎优化", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, true),
            new ChannelSummary(14, "抖音广告", ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING, true),
            new ChannelSummary(15, "合作伙伴推荐", ChannelCategory.PARTNER, AcquisitionMethod.REFERRAL, true),
            new ChannelSummary(16, "报纸广告（已停用）", ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING, false));
    private static final List<Long> OWNERS = List.of(3L, 4L, 5L);
    private static final long FIRST_ID = 1001;

    record Run(List<NewCustomer> customers, List<NewPurchase> purchases) {}

    static Run generate(long seed, int count) {
        DemoDataGenerator generator = new DemoDataGenerator(seed, TODAY, CHANNELS, OWNERS);
        List<NewCustomer> customers = new ArrayList<>();
        List<NewPurchase> purchases = DemoDataGenerator.newPurchaseList();
        for (int i = 0; i < count; i++) {
            customers.add(generator.customer(FIRST_ID + i, FIRST_ID, purchases));
        }
        return new Run(customers, purchases);
    }

    @Test
    void the_same_seed_gives_identical_customers_and_purchases() {
        Run first = generate(20261122L, 300);
        Run second = generate(20261122L, 300);

        assertThat(second.customers()).isEqualTo(first.customers());
        assertThat(second.purchases()).isEqualTo(first.purchases());
        assertThat(first.purchases()).isNotEmpty();
    }

    @Test
    void a_different_seed_gives_different_data() {
        Run first = generate(1L, 100);
        Run second = generate(2L, 100);

        assertThat(second.customers()).isNotEqualTo(first.customers());
        assertThat(second.customers())
                .extracting(NewCustomer::name)
                .isNotEqualTo(first.customers().stream().map(NewCustomer::name).toList());
        assertThat(second.purchases()).isNotEqualTo(first.purchases());
    }

    @Test
    void customers_have_codes_from_their_ids_and_valid_references() {
        Run run = generate(7L, 500);
        Set<Long> activeChannels = CHANNELS.stream()
                .filter(ChannelSummary::active)
                .map(ChannelSummary::id)
                .collect(Collectors.toSet());

        for (NewCustomer c : run.customers()) {
            assertThat(c.code()).isEqualTo(String.format("C%08d", c.id()));
            assertThat(c.name()).isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat(Regions.cities(c.province())).contains(c.city());
            assertThat(c.phone()).matches("1[3-9][0-9]{9}");
            assertThat(c.sourceChannelId()).isIn(activeChannels);
            assertThat(c.ownerId()).isIn(OWNERS);
            if (c.referredById() != null) {
                assertThat(c.referredById()).isBetween(FIRST_ID, c.id() - 1);
                assertThat(c.acquisitionMethod()).isEqualTo(AcquisitionMethod.REFERRAL);
            }
            if (c.birthDate() != null) {
                assertThat(c.birthDate()).isBefore(TODAY).isAfter(LocalDate.of(1900, 1, 1));
            }
        }
        assertThat(run.customers())
                .extracting(NewCustomer::sourceChannelId)
                .containsAll(activeChannels)
                .doesNotContain(16L);
        assertThat(run.customers()).extracting(NewCustomer::id).doesNotHaveDuplicates();
    }

    @Test
    void purchases_lie_within_the_two_years_before_today_with_cent_amounts() {
        Run run = generate(11L, 300);
        Set<Long> ids = run.customers().stream().map(NewCustomer::id).collect(Collectors.toSet());

        for (NewPurchase p : run.purchases()) {
            assertThat(ids).contains(p.customerId());
            assertThat(p.date()).isBetween(TODAY.minusDays(730), TODAY);
            assertThat(p.quantity()).isPositive();
            assertThat(p.amount()).isGreaterThan(BigDecimal.ZERO);
            assertThat(p.amount().scale()).isEqualTo(2);
        }
    }

    @Test
    void extra_purchases_fall_between_the_customers_first_and_last_purchase_reproducibly() {
        LocalDate first = TODAY.minusDays(400);
        LocalDate last = TODAY.minusDays(90);
        DemoDataGenerator a = new DemoDataGenerator(5L, TODAY, List.of(), List.of());
        DemoDataGenerator b = new DemoDataGenerator(5L, TODAY, List.of(), List.of());
        Set<LocalDate> dates = new java.util.HashSet<>();

        for (int i = 0; i < 2_000; i++) {
            NewPurchase p = a.extraPurchase(7L, first, last);
            assertThat(b.extraPurchase(7L, first, last)).isEqualTo(p);
            assertThat(p.customerId()).isEqualTo(7L);
            assertThat(p.date()).isBetween(first, last);
            assertThat(p.amount()).isGreaterThan(BigDecimal.ZERO);
            assertThat(p.amount().scale()).isEqualTo(2);
            dates.add(p.date());
        }
        // the range includes both ends
        assertThat(dates).contains(first, last);
        // one purchase so far: every extra one is on that day
        assertThat(a.extraPurchase(8L, last, last).date()).isEqualTo(last);
    }
}
