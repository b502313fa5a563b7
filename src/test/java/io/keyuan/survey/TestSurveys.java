package io.keyuan.survey;

import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.exchange.WorkbookRows;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RefreshWait;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Surveys, segments and sent campaigns for the survey tests, made through the services as the system actor. */
public class TestSurveys {
    private static final Pattern TOKEN = Pattern.compile("/a/([A-Za-z0-9_-]+)$");
    /** The links workbook's columns: code, name, e-mail, link, closes on. */
    public static final int EMAIL_COLUMN = 2;

    public static final int LINK_COLUMN = 3;

    public final SurveyService surveys;
    public final CampaignService campaigns;
    final CustomerService customers;
    final SegmentService segments;
    final SegmentMembershipService membership;
    final JobService jobs;

    public TestSurveys(
            SurveyService surveys,
            CampaignService campaigns,
            CustomerService customers,
            SegmentService segments,
            SegmentMembershipService membership,
            JobService jobs) {
        this.surveys = surveys;
        this.campaigns = campaigns;
        this.customers = customers;
        this.segments = segments;
        this.membership = membership;
        this.jobs = jobs;
    }

    public JobService jobs() {
        return jobs;
    }

    /** Full rate-limit buckets for the public page, so that one test's requests do not slow another's. */
    public static void forgetRateLimits(org.springframework.context.ApplicationContext context) {
        context.getBean(PublicAnswerLimits.class).forget();
    }

    public static TestSurveys from(org.springframework.context.ApplicationContext context) {
        return new TestSurveys(
                context.getBean(SurveyService.class),
                context.getBean(CampaignService.class),
                context.getBean(CustomerService.class),
                context.getBean(SegmentService.class),
                context.getBean(SegmentMembershipService.class),
                context.getBean(JobService.class));
    }

    /** NPS (required), CSAT, single choice (2 options), multiple choice (3 options), free text — in that order. */
    public static List<QuestionDraft> allKinds() {
        return List.of(
                new QuestionDraft(
                        QuestionKind.NPS,
                        true,
                        new LocalizedText(
                                "您向朋友推荐我们的可能性有多大？", "您向朋友推薦我們的可能性有多大？", "How likely are you to recommend us?"),
                        List.of()),
                new QuestionDraft(QuestionKind.CSAT, false, LocalizedText.of("对服务满意吗？"), List.of()),
                new QuestionDraft(
                        QuestionKind.SINGLE_CHOICE,
                        false,
                        LocalizedText.of("您从哪里知道我们？"),
                        List.of(new LocalizedText("朋友", "朋友", "A friend"), LocalizedText.of("广告"))),
                new QuestionDraft(
                        QuestionKind.MULTIPLE_CHOICE,
                        false,
                        LocalizedText.of("您买过哪些？"),
                        List.of(LocalizedText.of("甲"), LocalizedText.of("乙"), LocalizedText.of("丙"))),
                new QuestionDraft(
                        QuestionKind.FREE_TEXT, false, new LocalizedText(null, null, "Anything else?"), List.of()));
    }

    public SurveyDetail activeSurvey() {
        return SystemActor.call(() -> surveys.save(new SurveyDraft(
                null, 0, "S-" + TestData.unique(), "满意度 " + TestData.unique(), SurveyStatus.ACTIVE, allKinds())));
    }

    /** A segment (its own rule set) of the customers of a new city, with {@code n} such customers, refreshed. */
    public record World(String city, SegmentSummary segment, long ruleSetId, List<Customer> members) {}

    public World segmentOf(int n) {
        return segmentOf(n, (i, c) -> {});
    }

    /** The same, each customer {@code i} (from 0) adjusted by {@code more} before it is saved. */
    public World segmentOf(int n, java.util.function.ObjIntConsumer<Customer> more) {
        String u = TestData.unique();
        String city = "调" + u;
        List<Customer> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            made.add(TestCustomers.create(customers, "SV" + u + i, "客户" + i + u, c -> {
                c.setCity(city);
                c.setPhone(null);
                more.accept(c, index);
            }));
        }
        RuleSetSummary set = SystemActor.call(() -> segments.createRuleSet("调查" + u, RuleSetMode.OVERLAPPING));
        SegmentSummary segment = SystemActor.call(
                () -> segments.createSegment(set.id(), "城" + u, when(SegmentField.CITY, Operator.EQ, city), null));
        refresh(set.id());
        return new World(city, segment, set.id(), made);
    }

    public void refresh(long ruleSetId) {
        SystemActor.run(() -> assertThat(RefreshWait.ended(membership, membership.startRefresh(ruleSetId))
                        .running())
                .isFalse());
    }

    public CampaignDraft draft(long surveyId, CampaignChannel channel, Long segmentId, List<Long> picks) {
        Instant now = Instant.now();
        return new CampaignDraft(
                null,
                0,
                "活动 " + TestData.unique(),
                surveyId,
                channel,
                segmentId,
                picks,
                now.minus(1, ChronoUnit.HOURS),
                now.plus(7, ChronoUnit.DAYS));
    }

    /**
     * A campaign sent (as the system actor): its detail, the links' tokens of the job's result workbook in order, the
     * workbook's rows (header first; code, name, e-mail, link, closes on) and the job.
     */
    public record Sent(CampaignDetail campaign, List<String> tokens, List<String[]> rows, JobView job) {}

    public Sent send(CampaignDraft draft) {
        return SystemActor.call(() -> {
            CampaignDetail c = campaigns.save(draft);
            JobId job = campaigns.send(c.id(), c.version());
            JobView done = jobs.await(job, Duration.ofMinutes(2));
            assertThat(done.status()).as("send job " + done).isEqualTo(JobStatus.SUCCEEDED);
            List<String[]> rows = done.resultAvailable() ? workbook(job) : List.of();
            List<String> tokens = new ArrayList<>();
            for (String[] row : rows) {
                String link = row.length > LINK_COLUMN ? row[LINK_COLUMN] : null;
                Matcher m = TOKEN.matcher(link == null ? "" : link);
                if (m.find()) {
                    tokens.add(m.group(1));
                }
            }
            return new Sent(campaigns.get(c.id()), tokens, rows, done);
        });
    }

    /** The rows of the job's result workbook, read through the exchange module's reader. */
    public List<String[]> workbook(JobId job) {
        try {
            Path file = Files.createTempFile("campaign-links-", ".xlsx");
            try {
                try (OutputStream out = Files.newOutputStream(file)) {
                    jobs.download(job).transferTo(out);
                }
                List<String[]> rows = new ArrayList<>();
                WorkbookRows.read(file, rows::add);
                return rows;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
