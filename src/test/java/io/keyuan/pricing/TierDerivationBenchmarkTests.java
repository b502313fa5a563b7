package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.pricing.domain.PriceTier;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test but a measurement, run on request ({@code -Dkeyuan.bench.tiers=true}): the derivation over 1,000,000
 * customers in overlapping segments of two tiers — from nothing, again with nothing changed, and after a rebinding
 * that moves 400,000 customers. Membership rows are written directly for this run's own segments and removed at
 * the end.
 */
@KeyuanIntegrationTest
@EnabledIfSystemProperty(named = "keyuan.bench.tiers", matches = "true")
class TierDerivationBenchmarkTests {
    private static final long BASE = 8_000_000_000L;
    private static final int CUSTOMERS = Integer.getInteger("keyuan.bench.tiers.customers", 1_000_000);

    @Autowired
    TierService tiers;

    @Autowired
    TierDerivation derivation;

    @Autowired
    SegmentService segments;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void derive_a_million_customers() {
        String u = TestData.unique();
        SegmentSummary[] s = SystemActor.call(() -> {
            var set = segments.createRuleSet("基准" + u, RuleSetMode.OVERLAPPING);
            SegmentSummary[] out = new SegmentSummary[3];
            for (int i = 0; i < 3; i++) {
                out[i] = segments.createSegment(
                        set.id(), "段" + i + u, RuleNode.when(SegmentField.CITY, Operator.EQ, "无" + u), null);
            }
            return out;
        });
        try {
            // A: the first 30 %, B: 20 %–70 %, C: 60 %–100 %; everyone is in at least one segment
            fill(s[0].id(), 1, CUSTOMERS * 3 / 10);
            fill(s[1].id(), CUSTOMERS * 2 / 10 + 1, CUSTOMERS * 7 / 10);
            fill(s[2].id(), CUSTOMERS * 6 / 10 + 1, CUSTOMERS);
            PriceTier vip = SystemActor.call(() -> tier("VIP" + u, s[0].id()));
            PriceTier standard = SystemActor.call(() -> tier("STD" + u, s[1].id(), s[2].id()));

            long first = time(
                    "once more after saving the tiers (whose after-commit derivation wrote every row, see the log)");
            long again = time("again, nothing changed");
            SystemActor.run(() -> {
                PriceTier t = tiers.get(standard.getId());
                t.setSegmentIds(Set.of(s[1].id()));
                tiers.save(t); // derives after commit: measured below with the next run
            });
            jdbc.update("UPDATE price_tier_derivation SET customers = customers WHERE id = 1");
            long moved = time("again after the rebinding (already derived on save)");
            assertThat(first).isEqualTo(again);
            assertThat(moved).isLessThan(first);
            System.out.printf(
                    "pricing.tier_refresh_1m: customers=%d vip=%d%n",
                    CUSTOMERS,
                    jdbc.queryForObject(
                            "SELECT COUNT(*) FROM customer_price_tier WHERE tier_id = ?", Long.class, vip.getId()));
        } finally {
            jdbc.update("DELETE FROM segment_membership WHERE customer_id > ?", BASE);
            jdbc.update("DELETE FROM customer_price_tier WHERE customer_id > ?", BASE);
        }
    }

    private PriceTier tier(String name, Long... segmentIds) {
        PriceTier t = new PriceTier();
        t.setCode(name);
        t.setName(name);
        t.setSegmentIds(Set.of(segmentIds));
        return tiers.save(t);
    }

    private void fill(long segmentId, int from, int to) {
        jdbc.update(
                "INSERT INTO segment_membership (segment_id, customer_id, entered_at)"
                        + " SELECT ?, ? + seq, NOW(6) FROM seq_" + from + "_to_" + to,
                segmentId,
                BASE);
    }

    private long time(String what) {
        long start = System.nanoTime();
        long n = derivation.rederive();
        System.out.printf(
                "pricing.tier_refresh_1m_seconds [%s]: %.2f s, %d customers with a tier%n",
                what, (System.nanoTime() - start) / 1e9, n);
        return n;
    }
}
