package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "health-manager",
        roles = {"STAFF", "MANAGER"})
class PriceBookHealthServiceTests {
    @Autowired
    PriceBookHealthService health;

    @Autowired
    io.keyuan.segmentation.SegmentService segments;

    @Autowired
    PriceRuleService rules;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobService jobs;

    @Autowired
    PriceBookHealthJob job;

    private List<HealthIssue> ofTier(List<HealthIssue> issues, long tierId) {
        return issues.stream()
                .filter(i -> i.tierId() != null && i.tierId() == tierId)
                .toList();
    }

    @Test
    void a_tier_bound_to_a_deleted_segment_is_reported_with_a_link_to_the_tier() {
        long tier = PricingRows.tier(jdbc, "T-" + TestData.unique());
        long segment = PricingRows.segment(segments, "已删 " + TestData.unique());
        PricingRows.bind(jdbc, tier, segment);
        io.keyuan.shared.SystemActor.run(
                () -> segments.deleteSegment(segment, segments.segment(segment).version()));

        List<HealthIssue> issues = ofTier(health.tierIssues(), tier);

        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(HealthIssue.Kind.TIER_SEGMENT_DELETED);
            assertThat(i.severity()).isEqualTo(HealthIssue.Severity.ERROR);
            assertThat(i.detail()).isEqualTo(String.valueOf(segment));
            assertThat(i.fixRoute()).isEqualTo("tiers?tier=" + tier);
        });
    }

    @Test
    void a_tier_bound_to_an_empty_segment_is_reported() {
        long tier = PricingRows.tier(jdbc, "T-" + TestData.unique());
        String name = "空分群 " + TestData.unique();
        PricingRows.bind(jdbc, tier, PricingRows.segment(segments, name));

        assertThat(ofTier(health.tierIssues(), tier)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(HealthIssue.Kind.TIER_SEGMENT_EMPTY);
            assertThat(i.detail()).isEqualTo(name);
        });
    }

    @Test
    void a_tier_bound_to_no_segment_is_reported() {
        long tier = PricingRows.tier(jdbc, "T-" + TestData.unique());
        assertThat(ofTier(health.tierIssues(), tier))
                .extracting(HealthIssue::kind)
                .containsExactly(HealthIssue.Kind.TIER_NO_SEGMENT);
    }

    @Test
    void the_full_check_reports_a_shadowed_rule_an_ambiguous_pair_and_the_tier_problems() {
        long product = PricingRows.product(jdbc);
        long other = PricingRows.product(jdbc);
        long tier = PricingRows.tier(jdbc, "T-" + TestData.unique());
        // a promotion on the product for everyone, always valid, beats the regular rule on the same product
        PriceRule winner = rules.save(rule(r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(product);
            r.setPromotion(true);
        }));
        PriceRule shadowed = rules.save(rule(r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(product);
        }));
        // two regular rules on the same product, quantity, region, tier and priority: only the id decides
        PriceRule a = rules.save(rule(r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(other);
            r.setMinQuantity(5);
            r.setTierId(tier);
        }));
        PriceRule b = rules.save(rule(r -> {
            r.setScope(RuleScope.PRODUCT);
            r.setProductId(other);
            r.setMinQuantity(5);
            r.setTierId(tier);
        }));

        HealthReport report = health.check();

        assertThat(report.issues())
                .filteredOn(i -> i.kind() == HealthIssue.Kind.SHADOWED
                        && shadowed.getId().equals(i.ruleId()))
                .singleElement()
                .satisfies(i -> assertThat(i.fixRoute()).isEqualTo("rules/" + shadowed.getId()));
        assertThat(report.issues())
                .filteredOn(i -> i.kind() == HealthIssue.Kind.SHADOWED)
                .extracting(HealthIssue::ruleId)
                .doesNotContain(winner.getId());
        assertThat(report.issues())
                .filteredOn(i -> i.kind() == HealthIssue.Kind.AMBIGUOUS
                        && (a.getId().equals(i.ruleId()) || b.getId().equals(i.ruleId())))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(List.of(a.getCode(), b.getCode())).contains(i.code(), i.otherCode()));
        assertThat(ofTier(report.issues(), tier))
                .extracting(HealthIssue::kind)
                .contains(HealthIssue.Kind.TIER_NO_SEGMENT);
        assertThat(report.counts().get(HealthIssue.Kind.SHADOWED)).isPositive();
    }

    @Test
    void staff_cannot_run_the_health_check() {
        TestData.as(
                "a-staff",
                () -> {
                    assertThatThrownBy(() -> health.check()).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> health.tierIssues()).isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
    }

    @Test
    void the_check_runs_as_a_job_and_keeps_its_report_as_the_latest_one() {
        health.currentCheck().ifPresent(j -> jobs.await(j.id(), Duration.ofMinutes(2)));
        long tier = PricingRows.tier(jdbc, "T-" + TestData.unique());

        JobId id = health.startCheck();
        JobView done = jobs.await(id, Duration.ofMinutes(2));

        assertThat(done.kind()).isEqualTo(PriceBookHealthJob.KIND);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        HealthReport latest = health.latest().orElseThrow();
        assertThat(latest.checkedBy()).isEqualTo("health-manager");
        assertThat(latest.issues()).hasSize(((Number) done.summary().get("issues")).intValue());
        assertThat(ofTier(latest.issues(), tier)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(HealthIssue.Kind.TIER_NO_SEGMENT);
            assertThat(i.fixRoute()).isEqualTo("tiers?tier=" + tier);
        });
        assertThat(latest.counts().get(HealthIssue.Kind.TIER_NO_SEGMENT)).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM price_health_report", Integer.class))
                .as("only the latest report is kept")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT job_id FROM price_health_report WHERE id = ?",
                        Long.class,
                        ((Number) done.summary().get("reportId")).longValue()))
                .isEqualTo(id.value());
    }

    @Test
    void staff_cannot_start_follow_or_read_the_health_check_job() {
        TestData.as(
                "a-staff",
                () -> {
                    assertThatThrownBy(() -> health.startCheck()).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> health.currentCheck()).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> health.latest()).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> jobs.submit(JobRequest.of(
                                    PriceBookHealthJob.KIND, new PriceBookHealthJob.Parameters("manual"))))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> job.run((JobContext) null)).isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
    }

    private static PriceRule rule(java.util.function.Consumer<PriceRule> change) {
        PriceRule r = new PriceRule();
        r.setCode("H-" + TestData.unique());
        r.setName("体检 " + TestData.unique());
        r.setScope(RuleScope.ALL);
        r.setKind(RuleKind.PERCENT_OFF);
        r.setValue(new BigDecimal("10"));
        change.accept(r);
        return r;
    }
}
