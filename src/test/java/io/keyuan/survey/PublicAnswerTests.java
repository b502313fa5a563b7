package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The public answer page's service, called with no one signed in: one response per link, every kind of bad link
 * refused alike, rate limits, oversized answers, markup kept as text, racing submits.
 */
@KeyuanIntegrationTest
@RecordApplicationEvents
class PublicAnswerTests {
    private static final String LINK_REFUSED = "survey.public.error.link";

    @Autowired
    PublicAnswerService answers;

    @Autowired
    PublicAnswerLimits limits;

    @Autowired
    CustomerService customers;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    private TestSurveys t;
    private SurveyForm form;
    private String address;

    @BeforeEach
    void helpers() {
        SecurityContextHolder.clearContext();
        t = TestSurveys.from(context);
        limits.forget();
        address = "192.0.2." + TestData.digits(3);
    }

    @AfterEach
    void fullBuckets() {
        limits.forget();
    }

    /** An open online campaign to {@code n} new customers: its links. */
    private TestSurveys.Sent campaign(int n) {
        SurveyDetail survey = t.activeSurvey();
        List<Long> picks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Customer c = TestCustomers.create(customers, "PA" + TestData.unique(), "答卷人" + i);
            picks.add(c.getId());
        }
        TestSurveys.Sent sent = t.send(t.draft(survey.id(), CampaignChannel.ONLINE, null, picks));
        form = SystemActor.call(() -> t.surveys.form(survey.id()));
        return sent;
    }

    private long q(int index) {
        return form.questions().get(index).id();
    }

    private static void refusedWith(String key, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo(key));
    }

    @Test
    void a_link_opens_its_survey_and_answers_once_publishing_the_first_nps_score() {
        TestSurveys.Sent sent = campaign(1);
        String token = sent.tokens().getFirst();

        SurveyForm opened = answers.open(token, address);
        answers.submit(
                token,
                address,
                List.of(
                        AnswerInput.score(q(0), 4),
                        AnswerInput.score(q(1), 5),
                        AnswerInput.choice(
                                q(2), form.questions().get(2).options().get(1).id()),
                        AnswerInput.choice(
                                q(3),
                                form.questions().get(3).options().get(0).id(),
                                form.questions().get(3).options().get(2).id()),
                        AnswerInput.text(q(4), "还行")));

        assertThat(opened.questions()).hasSize(5);
        long responseId = jdbc.queryForObject(
                "SELECT id FROM survey_response WHERE campaign_id = ?",
                Long.class,
                sent.campaign().id());
        assertThat(jdbc.queryForObject("SELECT nps_score FROM survey_response WHERE id = ?", Integer.class, responseId))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_answer WHERE response_id = ?", Long.class, responseId))
                .isEqualTo(6);
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM survey_recipient WHERE campaign_id = ?",
                        String.class,
                        sent.campaign().id()))
                .isEqualTo("ANSWERED");
        assertThat(events.stream(ResponseRecorded.class).filter(e -> e.responseId() == responseId))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.npsScore()).isEqualTo(4);
                    assertThat(e.detractor()).isTrue();
                    assertThat(e.campaignId()).isEqualTo(sent.campaign().id());
                    assertThat(e.customerId())
                            .isEqualTo(sent.campaign().customerIds().getFirst());
                });

        refusedWith(LINK_REFUSED, () -> answers.open(token, address));
        refusedWith(LINK_REFUSED, () -> answers.submit(token, address, List.of(AnswerInput.score(q(0), 10))));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_response WHERE campaign_id = ?",
                        Long.class,
                        sent.campaign().id()))
                .isEqualTo(1);
    }

    @Test
    void forged_reused_closed_and_expired_links_get_the_same_message() {
        TestSurveys.Sent sent = campaign(3);
        String reused = sent.tokens().get(0);
        answers.submit(reused, address, List.of(AnswerInput.score(q(0), 9)));
        String ofClosed = sent.tokens().get(1);
        String ofExpired = sent.tokens().get(2);
        // the campaign ended: its period is over (closing it by hand is the other way, tested below)
        jdbc.update(
                "UPDATE survey_campaign SET closes_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND) WHERE id = ?",
                sent.campaign().id());

        for (String token : List.of(
                reused, ofExpired, "forged-" + TestData.unique(), "AAAAAAAAAAAAAAAAAAAAAAAA", "", "x".repeat(5000))) {
            refusedWith(LINK_REFUSED, () -> answers.open(token, address));
            refusedWith(LINK_REFUSED, () -> answers.submit(token, address, List.of()));
            limits.forget();
        }

        TestSurveys.Sent other = campaign(1);
        CampaignDetail c = other.campaign();
        SystemActor.call(() -> t.campaigns.close(c.id(), c.version()));
        refusedWith(LINK_REFUSED, () -> answers.open(other.tokens().getFirst(), address));
        refusedWith(LINK_REFUSED, () -> answers.open(ofClosed, address));
    }

    @Test
    void refusing_a_link_that_existed_takes_about_as_long_as_refusing_a_forged_one() {
        TestSurveys.Sent sent = campaign(1);
        String used = sent.tokens().getFirst();
        answers.submit(used, address, List.of(AnswerInput.score(q(0), 9)));
        List<Long> real = new ArrayList<>();
        List<Long> forged = new ArrayList<>();
        // Interleaved, many times, compared by median: a busy machine slows both kinds alike.
        for (int i = 0; i < 200; i++) {
            String fake = "f" + TestData.letters(23);
            real.add(timeRefusal(used));
            forged.add(timeRefusal(fake));
        }
        long realMedian = median(real.subList(40, 200));
        long forgedMedian = median(forged.subList(40, 200));

        // the same single query and the same refusal: medians within 2 ms (or 50 %) of each other
        assertThat(Math.abs(realMedian - forgedMedian))
                .as(
                        "median refusal of a used link %d µs, of a forged one %d µs",
                        realMedian / 1000, forgedMedian / 1000)
                .isLessThan(Math.max(2_000_000L, Math.max(realMedian, forgedMedian) / 2));
    }

    private long timeRefusal(String token) {
        limits.forget();
        long start = System.nanoTime();
        try {
            answers.open(token, address);
        } catch (KeyuanException e) {
            assertThat(e.messageKey()).isEqualTo(LINK_REFUSED);
        }
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void requests_are_rate_limited_per_address_and_per_link() {
        TestSurveys.Sent sent = campaign(1);
        String token = sent.tokens().getFirst();

        // per link: 12 a minute, from whatever addresses
        for (int i = 0; i < 12; i++) {
            answers.open(token, "198.51.100." + i);
        }
        refusedWith("survey.public.error.too-many", () -> answers.open(token, "203.0.113.1"));

        // per address: 60 a minute, whatever the links (forged ones count the same)
        limits.forget();
        for (int i = 0; i < 60; i++) {
            refusedWith(LINK_REFUSED, () -> answers.open("guess-" + TestData.unique(), address));
        }
        refusedWith("survey.public.error.too-many", () -> answers.open(token, address));
        answers.open(token, "203.0.113.2");
    }

    @Test
    void oversized_and_malformed_answers_are_refused_and_nothing_is_written() {
        TestSurveys.Sent sent = campaign(1);
        String token = sent.tokens().getFirst();
        List<Long> options = form.questions().get(3).options().stream()
                .map(SurveyForm.Option::id)
                .toList();

        refusedWith(
                "survey.answer.error.text-too-long",
                () -> answers.submit(
                        token, address, List.of(AnswerInput.score(q(0), 8), AnswerInput.text(q(4), "长".repeat(2001)))));
        refusedWith(
                "survey.answer.error.too-many-choices",
                () -> answers.submit(
                        token,
                        address,
                        List.of(
                                AnswerInput.score(q(0), 8),
                                new AnswerInput(
                                        q(3),
                                        null,
                                        List.of(options.get(0), options.get(1), options.get(2), options.get(0)),
                                        null))));
        refusedWith(
                "survey.answer.error.unknown-option",
                () -> answers.submit(
                        token,
                        address,
                        List.of(
                                AnswerInput.score(q(0), 8),
                                new AnswerInput(q(3), null, List.of(options.get(0), options.get(0)), null))));
        refusedWith(
                "survey.answer.error.one-choice",
                () -> answers.submit(
                        token,
                        address,
                        List.of(
                                AnswerInput.score(q(0), 8),
                                AnswerInput.choice(
                                        q(2),
                                        form.questions().get(2).options().get(0).id(),
                                        form.questions().get(2).options().get(1).id()))));
        refusedWith(
                "survey.answer.error.score-range",
                () -> answers.submit(token, address, List.of(AnswerInput.score(q(0), 11))));
        refusedWith(
                "survey.answer.error.score-range",
                () -> answers.submit(token, address, List.of(AnswerInput.score(q(0), 8), AnswerInput.score(q(1), 0))));
        refusedWith("survey.answer.error.required", () -> answers.submit(token, address, List.of()));
        refusedWith(
                "survey.answer.error.unknown-question",
                () -> answers.submit(token, address, List.of(AnswerInput.score(999_999_999L, 1))));
        List<AnswerInput> tooMany = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tooMany.add(AnswerInput.score(q(0), 5));
        }
        refusedWith("survey.answer.error.too-many-answers", () -> answers.submit(token, address, tooMany));

        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_response WHERE campaign_id = ?",
                        Long.class,
                        sent.campaign().id()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM survey_recipient WHERE campaign_id = ?",
                        String.class,
                        sent.campaign().id()))
                .isEqualTo("PENDING");
    }

    @Test
    void markup_in_a_text_answer_is_stored_exactly_as_typed() {
        TestSurveys.Sent sent = campaign(1);
        String script = "<script>alert(1)</script>";

        answers.submit(
                sent.tokens().getFirst(),
                address,
                List.of(AnswerInput.score(q(0), 10), AnswerInput.text(q(4), script)));

        assertThat(jdbc.queryForObject(
                        "SELECT a.text_value FROM survey_answer a JOIN survey_response r ON r.id = a.response_id"
                                + " WHERE r.campaign_id = ? AND a.question_id = ?",
                        String.class,
                        sent.campaign().id(),
                        q(4)))
                .isEqualTo(script);
    }

    @Test
    void two_racing_submits_through_one_link_record_one_response() throws Exception {
        TestSurveys.Sent sent = campaign(1);
        String token = sent.tokens().getFirst();
        CountDownLatch start = new CountDownLatch(1);
        Callable<String> submit = () -> {
            start.await();
            try {
                answers.submit(token, address, List.of(AnswerInput.score(q(0), 7)));
                return "ok";
            } catch (KeyuanException e) {
                return e.messageKey();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(submit);
            Future<String> b = pool.submit(submit);
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder("ok", LINK_REFUSED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_response WHERE campaign_id = ?",
                        Long.class,
                        sent.campaign().id()))
                .isEqualTo(1);
    }
}
