package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The closed loop: a detractor's response (NPS 0–6) opens one follow-up complaint for the customer's owner, once
 * the response's transaction has committed, never for a response rolled back, never twice for one response.
 * Responses here are published as the survey module publishes them, with no signed-in user (the public page).
 */
@KeyuanIntegrationTest
class FeedbackFollowUpTests {
    @Autowired
    FeedbackService feedback;

    @Autowired
    CustomerService customers;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    private ResponseRecorded response(Customer customer, Integer score) {
        return new ResponseRecorded(
                TestFeedback.responseId(), 77L, 66L, customer == null ? null : customer.getId(), score, Instant.now());
    }

    /** Publishes inside a transaction that commits, as the survey module does when it records a response. */
    private void publishCommitted(ResponseRecorded r) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> events.publishEvent(r));
    }

    private Optional<FeedbackDetail> complaintOf(ResponseRecorded r) {
        return SystemActor.call(() -> feedback.ofResponse(r.responseId()));
    }

    /**
     * The complaint a response opened. The listener runs in the publishing thread today (no async executor is
     * enabled); should one be enabled, the complaint comes a moment after the commit, so this waits a little.
     */
    private FeedbackDetail awaitComplaintOf(ResponseRecorded r) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Optional<FeedbackDetail> f = complaintOf(r);
            if (f.isPresent()) {
                return f.get();
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no follow-up complaint for response " + r.responseId());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private long complaintsOf(Customer c) {
        return SystemActor.call(() -> feedback.count(FeedbackFilter.ofCustomer(c.getId())));
    }

    @Test
    void a_detractor_response_opens_a_complaint_for_the_customers_owner_once_it_commits() {
        UserAccount owner = TestFeedback.staffUser(userAdmin);
        Customer c = TestFeedback.customer(customers, owner.id());
        ResponseRecorded r = response(c, 4);
        boolean[] seenBeforeCommit = {true};

        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            events.publishEvent(r);
            seenBeforeCommit[0] = jdbc.queryForObject(
                            "SELECT COUNT(*) FROM feedback WHERE response_id = ?", Long.class, r.responseId())
                    > 0;
        });

        assertThat(seenBeforeCommit[0])
                .as("nothing is opened while the response's transaction runs")
                .isFalse();
        FeedbackDetail f = awaitComplaintOf(r);
        assertThat(f.kind()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(f.status()).isEqualTo(FeedbackStatus.OPEN);
        assertThat(f.customerId()).isEqualTo(c.getId());
        assertThat(f.ownerId()).isEqualTo(owner.id());
        assertThat(f.responseId()).isEqualTo(r.responseId());
        assertThat(f.severity()).isEqualTo(FeedbackSeverity.MEDIUM);
        assertThat(f.dueDate()).isEqualTo(LocalDate.now(BusinessTime.ZONE).plusDays(feedbackDays()));
        assertThat(f.dueDate()).isEqualTo(LocalDate.now(BusinessTime.ZONE).plusDays(3));
        assertThat(f.description()).contains("NPS 4").contains("#" + r.responseId());
        assertThat(f.title()).contains(c.getName());
        assertThat(f.createdBy()).isEqualTo(SystemActor.NAME);
        assertThat(SystemActor.call(() -> feedback.history(f.id())))
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(SystemActor.NAME));
    }

    private int feedbackDays() {
        return SystemActor.call(feedback::followUpDays);
    }

    @Test
    void a_response_rolled_back_opens_nothing() {
        Customer c = TestFeedback.customer(customers, null);
        ResponseRecorded r = response(c, 0);

        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            events.publishEvent(r);
            s.setRollbackOnly();
        });
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                    events.publishEvent(r);
                    throw new IllegalStateException("the response failed to save");
                }))
                .isInstanceOf(IllegalStateException.class);
        ResponseRecorded committed = response(c, 0);
        publishCommitted(committed);
        awaitComplaintOf(committed);

        assertThat(complaintOf(r)).isEmpty();
        assertThat(complaintsOf(c)).as("only the committed response's").isEqualTo(1);
    }

    @Test
    void the_same_response_delivered_twice_opens_one_complaint() {
        Customer c = TestFeedback.customer(customers, null);
        ResponseRecorded r = response(c, 2);

        publishCommitted(r);
        awaitComplaintOf(r);
        publishCommitted(r);
        Optional<FeedbackDetail> direct = SystemActor.call(() -> feedback.openFollowUp(r));

        assertThat(direct).isEmpty();
        assertThat(complaintsOf(c)).isEqualTo(1);
        FeedbackDetail f = complaintOf(r).orElseThrow();
        assertThat(f.ownerId())
                .as("a customer without owner gives an unassigned complaint")
                .isNull();
        assertThat(f.severity()).isEqualTo(FeedbackSeverity.HIGH);
        // the database itself holds one complaint per response, whoever writes
        assertThatThrownBy(() -> jdbc.update(
                        "INSERT INTO feedback (kind, category, severity, status, title, customer_id, response_id,"
                                + " version, created_at, created_by, updated_at, updated_by)"
                                + " VALUES ('COMPLAINT', 'OTHER', 'LOW', 'OPEN', 'dup', ?, ?, 0, NOW(6), 't', NOW(6), 't')",
                        c.getId(),
                        r.responseId()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void promoters_passives_blank_scores_and_anonymous_responses_open_nothing() {
        Customer c = TestFeedback.customer(customers, null);

        publishCommitted(response(c, 7));
        publishCommitted(response(c, 10));
        publishCommitted(response(c, null));
        ResponseRecorded anonymous = response(null, 1);
        publishCommitted(anonymous);
        Customer sentinel = TestFeedback.customer(customers, null);
        ResponseRecorded last = response(sentinel, 0);
        publishCommitted(last);
        awaitComplaintOf(last);

        assertThat(complaintsOf(c)).isZero();
        assertThat(complaintOf(anonymous)).isEmpty();
    }

    @Test
    void a_disabled_owner_leaves_the_follow_up_unassigned() {
        UserAccount owner = TestFeedback.staffUser(userAdmin);
        Customer c = TestFeedback.customer(customers, owner.id());
        SystemActor.run(() -> userAdmin.update(owner.id(), owner.version(), owner.displayName(), "STAFF", false));
        ResponseRecorded r = response(c, 6);

        publishCommitted(r);

        assertThat(awaitComplaintOf(r).ownerId()).isNull();
    }
}
