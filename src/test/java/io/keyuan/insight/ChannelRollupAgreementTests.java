package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelCostRow;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchaseReturn;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The property the rollups promise: after any sequence of changes made through the services — customers added,
 * moved to another channel and deleted, purchases added and deleted, returns recorded and removed, costs set and
 * removed, deals opened, won, lost, reopened, given another channel and deleted — the incrementally maintained rows
 * equal the rows a full rebuild writes, and both equal the figures computed here, independently, from the raw
 * tables. Each seed is one reproducible sequence over channels of its own.
 */
@KeyuanIntegrationTest
class ChannelRollupAgreementTests {
    @Autowired
    ChannelRollup rollup;

    @Autowired
    ChannelPerformanceService reports;

    @Autowired
    ChannelService channels;

    @Autowired
    CustomerService customers;

    @Autowired
    PurchaseReturns returns;

    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20261204})
    void after_random_changes_the_incremental_rollup_equals_a_full_rebuild_equals_the_raw_tables(long seed) {
        SystemActor.run(() -> {
            if (rollup.state().asOf() == null) {
                TestInsight.rebuild(rollup);
            }
            World w = new World(new Random(seed));
            for (int i = 0; i < 90; i++) {
                w.step();
            }
            Raw raw = raw(w);
            assertThat(rolledUp(w)).as("incremental, seed %d", seed).isEqualTo(raw);

            TestInsight.rebuild(rollup);
            assertThat(rolledUp(w)).as("rebuilt, seed %d", seed).isEqualTo(raw);

            YearMonth now = TestInsight.currentMonth();
            for (long channel : w.channels) {
                ChannelReport r = reports.report(
                        new ChannelReportQuery(now.minusMonths(W_MONTHS), now, ChannelReportGrouping.CHANNEL, channel));
                long customersOfChannel = raw.acquisitions().values().stream()
                        .filter(a -> a.startsWith(channel + "|"))
                        .count();
                if (r.empty() != null) {
                    assertThat(customersOfChannel).isZero();
                    continue;
                }
                assertThat(r.rows().getFirst().newCustomers())
                        .as("report, seed %d", seed)
                        .isEqualTo(customersOfChannel);
            }
        });
    }

    /** How far back purchases and costs go; the report above covers it. */
    static final int W_MONTHS = 32;

    /** The test's own channels, customers, purchases and deals, changed at random through the services. */
    final class World {
        final Random rnd;
        final List<Long> channels = new ArrayList<>();
        final List<Long> customerIds = new ArrayList<>();
        final Map<Long, LocalDate> purchases = new HashMap<>();
        final List<Long> returned = new ArrayList<>();
        final List<Long> dealIds = new ArrayList<>();
        final PipelineDetail pipeline;
        final LocalDate today = LocalDate.now(BusinessTime.ZONE);

        World(Random rnd) {
            this.rnd = rnd;
            for (int i = 0; i < 3; i++) {
                channels.add(TestInsight.channel(
                        ChannelRollupAgreementTests.this.channels,
                        "性质" + i,
                        ChannelCategory.values()[i],
                        AcquisitionMethod.values()[i]));
            }
            pipeline = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "性质漏斗" + TestData.unique());
            for (int i = 0; i < 4; i++) {
                addCustomer();
            }
        }

        <T> T any(List<T> items) {
            return items.get(rnd.nextInt(items.size()));
        }

        void addCustomer() {
            customerIds.add(TestInsight.customer(customers, any(channels)));
        }

        void step() {
            int op = rnd.nextInt(100);
            if (op < 12) {
                addCustomer();
            } else if (op < 40) {
                long c = any(customerIds);
                LocalDate date = today.minusDays(rnd.nextInt(W_MONTHS * 30 - 31));
                purchases.put(TestInsight.buy(customers, c, date, amount(1, 900)), date);
            } else if (op < 47 && !purchases.isEmpty()) {
                List<Long> plain = purchases.keySet().stream()
                        .filter(p -> !returned.contains(p))
                        .sorted()
                        .toList();
                if (!plain.isEmpty()) {
                    long p = any(plain);
                    customers.deletePurchase(p);
                    purchases.remove(p);
                }
            } else if (op < 54) {
                Customer c = customers.get(any(customerIds));
                c.setSourceChannelId(any(channels));
                customers.save(c);
            } else if (op < 61 && !purchases.isEmpty()) {
                long p = any(purchases.keySet().stream().sorted().toList());
                BigDecimal left = returns.totals(p).amountLeft();
                if (left.signum() > 0) {
                    BigDecimal amount = left.multiply(BigDecimal.valueOf(1 + rnd.nextInt(100)))
                            .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN)
                            .max(new BigDecimal("0.01"));
                    returns.record(new NewPurchaseReturn(p, today, 0, amount, "退"));
                    returned.add(p);
                }
            } else if (op < 63 && !returned.isEmpty()) {
                long p = any(returned);
                var rows = returns.ofPurchase(p);
                if (!rows.isEmpty()) {
                    returns.delete(rows.getFirst().id());
                }
            } else if (op < 73) {
                TestInsight.cost(
                        ChannelRollupAgreementTests.this.channels,
                        any(channels),
                        YearMonth.from(today).minusMonths(rnd.nextInt(W_MONTHS - 1)),
                        amount(0, 5000));
            } else if (op < 76) {
                List<ChannelCostRow> costs = ChannelRollupAgreementTests.this.channels.costs(any(channels));
                if (!costs.isEmpty()) {
                    ChannelRollupAgreementTests.this.channels.deleteCost(
                            any(costs).id());
                }
            } else if (op < 84) {
                dealIds.add(TestPipelines.deal(deals, pipeline.pipeline().id(), any(customerIds), "性质", amount(0, 1000))
                        .getId());
            } else if (op < 92 && !dealIds.isEmpty()) {
                Deal d = deals.get(any(dealIds));
                StageRow to = any(pipeline.stages());
                if (to.id() != d.getStageId()) {
                    if (to.kind() == StageKind.LOST) {
                        deals.markLost(d.getId(), d.getVersion(), to.id(), "没有预算");
                    } else {
                        deals.move(d.getId(), d.getVersion(), to.id());
                    }
                }
            } else if (op < 95 && !dealIds.isEmpty()) {
                Deal d = deals.get(any(dealIds));
                d.setChannelId(any(channels));
                deals.save(d);
            } else if (op < 97 && !dealIds.isEmpty()) {
                long id = any(dealIds);
                Deal d = deals.get(id);
                deals.delete(id, d.getVersion());
                dealIds.remove(id);
            } else if (customerIds.size() > 2) {
                // a customer nothing else refers to (deals, or a price tier another test's segments gave it) goes,
                // with its purchases and returns
                List<Long> free = customerIds.stream()
                        .filter(c -> !customers.deletionImpact(c).blocked())
                        .toList();
                if (!free.isEmpty()) {
                    long id = any(free);
                    Customer c = customers.get(id);
                    customers.delete(id, c.getVersion(), customers.purchaseCount(id));
                    customerIds.remove(id);
                    List<Long> gone = jdbc.queryForList(
                            "SELECT id FROM purchase WHERE customer_id = :id", Map.of("id", id), Long.class);
                    assertThat(gone).isEmpty();
                    purchases.keySet().removeIf(p -> !exists(p));
                    returned.removeIf(p -> !purchases.containsKey(p));
                }
            }
        }

        private boolean exists(long purchaseId) {
            return !jdbc.queryForList("SELECT id FROM purchase WHERE id = :id", Map.of("id", purchaseId), Long.class)
                    .isEmpty();
        }

        private String amount(int min, int max) {
            return BigDecimal.valueOf(min * 100L + rnd.nextInt((max - min) * 100 + 1), 2)
                    .toPlainString();
        }
    }

    /** The three rollups as comparable text, keyed by their primary keys. */
    record Raw(Map<Long, String> acquisitions, Map<String, String> cohorts, Map<String, String> months) {}

    /** The figures computed in Java from the raw tables, as docs/insight.md defines them. */
    private Raw raw(World w) {
        MapSqlParameterSource p = new MapSqlParameterSource("channels", w.channels);
        Map<Long, long[]> customerChannel = new HashMap<>();
        Map<Long, LocalDate> created = new HashMap<>();
        jdbc.query(
                "SELECT id, source_channel_id, created_at FROM customer WHERE source_channel_id IN (:channels)",
                p,
                rs -> {
                    long id = rs.getLong(1);
                    customerChannel.put(id, new long[] {rs.getLong(2)});
                    created.put(id, LocalDate.ofInstant(rs.getTimestamp(3).toInstant(), BusinessTime.SQL_OFFSET));
                });
        record Bought(long customer, LocalDate date, BigDecimal net) {}
        List<Bought> bought = new ArrayList<>();
        jdbc.query(
                "SELECT p.customer_id, p.purchase_date, p.amount - COALESCE((SELECT SUM(r.amount) FROM"
                        + " purchase_return r WHERE r.purchase_id = p.id), 0) FROM purchase p JOIN customer c"
                        + " ON c.id = p.customer_id WHERE c.source_channel_id IN (:channels)",
                p,
                rs -> {
                    bought.add(new Bought(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)));
                });
        Map<Long, LocalDate> first = new HashMap<>();
        for (Bought b : bought) {
            first.merge(b.customer(), b.date(), (x, y) -> x.isBefore(y) ? x : y);
        }
        Map<Long, String> acquisitions = new TreeMap<>();
        Map<Long, YearMonth> cohortOf = new HashMap<>();
        Map<String, long[]> monthCounts = new TreeMap<>();
        Map<String, BigDecimal[]> monthMoney = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : customerChannel.entrySet()) {
            long id = e.getKey();
            LocalDate f = first.get(id);
            LocalDate acquired = f != null && f.isBefore(created.get(id)) ? f : created.get(id);
            YearMonth cohort = YearMonth.from(acquired);
            cohortOf.put(id, cohort);
            long ch = e.getValue()[0];
            acquisitions.put(id, ch + "|" + cohort + "|" + (f != null));
            long[] m = monthCounts.computeIfAbsent(ch + "|" + cohort, k -> new long[5]);
            m[0]++;
            m[1] += f != null ? 1 : 0;
        }
        Map<String, String> cohorts = new TreeMap<>();
        Map<String, Object[]> cohortSums = new TreeMap<>();
        for (Bought b : bought) {
            long ch = customerChannel.get(b.customer())[0];
            String key = ch + "|" + cohortOf.get(b.customer()) + "|" + YearMonth.from(b.date());
            Object[] s = cohortSums.computeIfAbsent(key, k -> new Object[] {0L, BigDecimal.ZERO});
            s[0] = (Long) s[0] + 1;
            s[1] = ((BigDecimal) s[1]).add(b.net());
            String monthKey = ch + "|" + YearMonth.from(b.date());
            monthCounts.computeIfAbsent(monthKey, k -> new long[5])[2]++;
            BigDecimal[] money =
                    monthMoney.computeIfAbsent(monthKey, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            money[0] = money[0].add(b.net());
        }
        cohortSums.forEach((k, s) -> cohorts.put(k, s[0] + "|" + plain((BigDecimal) s[1])));
        jdbc.query(
                "SELECT d.channel_id, d.created_at, s.kind FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id"
                        + " WHERE d.channel_id IN (:channels)",
                p,
                rs -> {
                    YearMonth m = YearMonth.from(
                            LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), BusinessTime.SQL_OFFSET));
                    long[] c = monthCounts.computeIfAbsent(rs.getLong(1) + "|" + m, k -> new long[5]);
                    c[3]++;
                    c[4] += "WON".equals(rs.getString(3)) ? 1 : 0;
                });
        jdbc.query("SELECT channel_id, month, amount FROM channel_cost WHERE channel_id IN (:channels)", p, rs -> {
            String key = rs.getLong(1) + "|" + YearMonth.from(rs.getDate(2).toLocalDate());
            monthCounts.computeIfAbsent(key, k -> new long[5]);
            BigDecimal[] money =
                    monthMoney.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            money[1] = money[1].add(rs.getBigDecimal(3));
        });
        Map<String, String> months = new TreeMap<>();
        for (Map.Entry<String, long[]> e : monthCounts.entrySet()) {
            long[] c = e.getValue();
            BigDecimal[] money =
                    monthMoney.getOrDefault(e.getKey(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            boolean empty = c[0] == 0 && c[2] == 0 && c[3] == 0 && money[0].signum() == 0 && money[1].signum() == 0;
            if (!empty) {
                months.put(e.getKey(), line(c, money[0], money[1]));
            }
        }
        return new Raw(acquisitions, cohorts, months);
    }

    /** The same three as the rollup tables hold them, for the test's channels. */
    private Raw rolledUp(World w) {
        MapSqlParameterSource p = new MapSqlParameterSource("channels", w.channels);
        Map<Long, String> acquisitions = new TreeMap<>();
        jdbc.query(
                "SELECT customer_id, channel_id, cohort_month, converted FROM insight_customer_acquisition"
                        + " WHERE channel_id IN (:channels)",
                p,
                rs -> {
                    acquisitions.put(
                            rs.getLong(1),
                            rs.getLong(2) + "|" + YearMonth.from(rs.getDate(3).toLocalDate()) + "|" + rs.getBoolean(4));
                });
        Map<String, String> cohorts = new TreeMap<>();
        jdbc.query(
                "SELECT channel_id, cohort_month, month, purchases, revenue FROM insight_channel_cohort"
                        + " WHERE channel_id IN (:channels)",
                p,
                rs -> {
                    cohorts.put(
                            rs.getLong(1) + "|" + YearMonth.from(rs.getDate(2).toLocalDate()) + "|"
                                    + YearMonth.from(rs.getDate(3).toLocalDate()),
                            rs.getLong(4) + "|" + plain(rs.getBigDecimal(5)));
                });
        Map<String, String> months = new TreeMap<>();
        jdbc.query(
                "SELECT channel_id, month, new_customers, converted_customers, purchases, deals_created, deals_won,"
                        + " revenue, cost FROM insight_channel_month WHERE channel_id IN (:channels)",
                p,
                rs -> {
                    months.put(
                            rs.getLong(1) + "|" + YearMonth.from(rs.getDate(2).toLocalDate()),
                            line(
                                    new long[] {
                                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)
                                    },
                                    rs.getBigDecimal(8),
                                    rs.getBigDecimal(9)));
                });
        return new Raw(acquisitions, cohorts, months);
    }

    private static String line(long[] counts, BigDecimal revenue, BigDecimal cost) {
        return "new " + counts[0] + ", bought " + counts[1] + ", purchases " + counts[2] + ", deals " + counts[3]
                + ", won " + counts[4] + ", revenue " + plain(revenue) + ", cost " + plain(cost);
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
