package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Complaints and suggestions: the status moves one step at a time (reopen with a reason), every change and comment
 * lands in the history with who and when, stale edits and bad input are refused naming the field, overdue and
 * "mine" filter the list, and only signed-in staff (or above) work feedback.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "feedback-staff",
        roles = {"STAFF"})
class FeedbackServiceTests {
    @Autowired
    FeedbackService feedback;

    @Autowired
    CustomerService customers;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    JdbcTemplate jdbc;

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    private static KeyuanException refusal(Throwable t) {
        return (KeyuanException) t;
    }

    @Test
    void a_complaint_goes_open_in_progress_resolved_closed_and_reopens_with_a_reason_all_in_its_history() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail f = feedback.create(TestFeedback.complaint(c.getId(), "包装破损"));
        assertThat(f.status()).isEqualTo(FeedbackStatus.OPEN);
        assertThat(f.transitions()).containsExactly(FeedbackStatus.IN_PROGRESS);

        f = feedback.move(f.id(), f.version(), FeedbackStatus.IN_PROGRESS, null);
        f = feedback.move(f.id(), f.version(), FeedbackStatus.RESOLVED, "已补发");
        assertThat(f.transitions()).containsExactly(FeedbackStatus.CLOSED, FeedbackStatus.OPEN);
        f = feedback.move(f.id(), f.version(), FeedbackStatus.CLOSED, null);
        FeedbackDetail closed = f;
        f = TestData.as(
                "feedback-manager",
                () -> feedback.move(closed.id(), closed.version(), FeedbackStatus.OPEN, "客户说补发的也坏了"),
                "STAFF",
                "MANAGER");

        assertThat(f.status()).isEqualTo(FeedbackStatus.OPEN);
        List<FeedbackHistoryEntry> h = feedback.history(f.id());
        assertThat(h)
                .extracting(FeedbackHistoryEntry::change)
                .containsExactly(
                        FeedbackChange.CREATED,
                        FeedbackChange.STATUS,
                        FeedbackChange.STATUS,
                        FeedbackChange.STATUS,
                        FeedbackChange.REOPENED);
        assertThat(h)
                .extracting(FeedbackHistoryEntry::actor)
                .containsExactly(
                        "feedback-staff", "feedback-staff", "feedback-staff", "feedback-staff", "feedback-manager");
        assertThat(h.get(2).oldValue()).isEqualTo("IN_PROGRESS");
        assertThat(h.get(2).newValue()).isEqualTo("RESOLVED");
        assertThat(h.get(2).note()).isEqualTo("已补发");
        assertThat(h.get(4).oldValue()).isEqualTo("CLOSED");
        assertThat(h.get(4).newValue()).isEqualTo("OPEN");
        assertThat(h.get(4).note()).isEqualTo("客户说补发的也坏了");
        assertThat(h).allSatisfy(e -> assertThat(e.at()).isNotNull());
    }

    @Test
    void a_move_that_skips_a_step_or_goes_back_is_refused_and_changes_nothing() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail f = feedback.create(TestFeedback.complaint(c.getId(), "跳步"));

        assertThatThrownBy(() -> feedback.move(f.id(), f.version(), FeedbackStatus.RESOLVED, null))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("feedback.error.transition.OPEN");
                    assertThat(e.field()).isEqualTo("status");
                });
        assertThatThrownBy(() -> feedback.move(f.id(), f.version(), FeedbackStatus.CLOSED, null))
                .isInstanceOf(KeyuanException.class);
        FeedbackDetail working = feedback.move(f.id(), f.version(), FeedbackStatus.IN_PROGRESS, null);
        assertThatThrownBy(() -> feedback.move(f.id(), working.version(), FeedbackStatus.OPEN, "退回"))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("feedback.error.transition.IN_PROGRESS"));

        assertThat(feedback.get(f.id()).status()).isEqualTo(FeedbackStatus.IN_PROGRESS);
        assertThat(feedback.history(f.id())).hasSize(2);
    }

    @Test
    void reopening_without_a_reason_is_refused_on_the_note() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail f = feedback.create(TestFeedback.complaint(c.getId(), "无理由"));
        f = feedback.move(f.id(), f.version(), FeedbackStatus.IN_PROGRESS, null);
        FeedbackDetail resolved = feedback.move(f.id(), f.version(), FeedbackStatus.RESOLVED, null);

        assertThatThrownBy(() -> feedback.move(resolved.id(), resolved.version(), FeedbackStatus.OPEN, "   "))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("feedback.error.reopen-reason");
                    assertThat(e.field()).isEqualTo("note");
                });
        assertThat(feedback.get(f.id()).status()).isEqualTo(FeedbackStatus.RESOLVED);
    }

    @Test
    void an_edit_over_a_version_someone_else_saved_is_refused() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail loaded = feedback.create(TestFeedback.complaint(c.getId(), "并发"));
        TestData.as(
                "other-staff",
                () -> feedback.move(loaded.id(), loaded.version(), FeedbackStatus.IN_PROGRESS, null),
                "STAFF");

        assertThatThrownBy(() -> feedback.update(
                        loaded.id(),
                        new FeedbackEdit(
                                loaded.version(),
                                FeedbackCategory.PRICE,
                                FeedbackSeverity.HIGH,
                                null,
                                null,
                                "改标题",
                                null)))
                .isInstanceOfSatisfying(
                        StaleEditException.class, e -> assertThat(e.args()[0]).isEqualTo("other-staff"));
        assertThatThrownBy(() -> feedback.move(loaded.id(), loaded.version(), FeedbackStatus.RESOLVED, null))
                .isInstanceOf(StaleEditException.class);
        assertThat(feedback.get(loaded.id()).title()).isEqualTo("并发");
        assertThat(feedback.get(loaded.id()).category()).isEqualTo(FeedbackCategory.PRODUCT);
    }

    @Test
    void each_changed_field_is_one_history_entry_with_old_and_new_value() {
        UserAccount owner = TestFeedback.staffUser(userAdmin);
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail f = feedback.create(TestFeedback.complaint(c.getId(), "字段"));
        LocalDate due = today().plusDays(5);

        FeedbackDetail edited = feedback.update(
                f.id(),
                new FeedbackEdit(
                        f.version(),
                        FeedbackCategory.DELIVERY,
                        FeedbackSeverity.CRITICAL,
                        owner.id(),
                        due,
                        "字段",
                        f.description()));
        // saving again with nothing changed writes no entry
        feedback.update(
                f.id(),
                new FeedbackEdit(
                        edited.version(),
                        FeedbackCategory.DELIVERY,
                        FeedbackSeverity.CRITICAL,
                        owner.id(),
                        due,
                        "字段",
                        f.description()));

        List<FeedbackHistoryEntry> h = feedback.history(f.id());
        assertThat(h)
                .extracting(FeedbackHistoryEntry::change)
                .containsExactly(
                        FeedbackChange.CREATED,
                        FeedbackChange.CATEGORY,
                        FeedbackChange.SEVERITY,
                        FeedbackChange.OWNER,
                        FeedbackChange.DUE_DATE);
        assertThat(h.get(1).oldValue()).isEqualTo("PRODUCT");
        assertThat(h.get(1).newValue()).isEqualTo("DELIVERY");
        assertThat(h.get(2).newValue()).isEqualTo("CRITICAL");
        assertThat(h.get(3).oldValue()).isNull();
        assertThat(h.get(3).newValue()).isEqualTo(String.valueOf(owner.id()));
        assertThat(h.get(4).newValue()).isEqualTo(due.toString());
        assertThat(edited.ownerId()).isEqualTo(owner.id());
        assertThat(edited.dueDate()).isEqualTo(due);
    }

    @Test
    void comments_are_kept_as_typed_with_who_and_when_markup_included() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail f = feedback.create(new NewFeedback(
                FeedbackKind.SUGGESTION,
                FeedbackCategory.SERVICE,
                FeedbackSeverity.LOW,
                "<b>加粗</b>",
                "<script>alert('x')</script>",
                c.getId(),
                null,
                null,
                null,
                null));
        feedback.comment(f.id(), "  <img src=x onerror=alert(1)> 已回电  ");

        FeedbackDetail stored = feedback.get(f.id());
        assertThat(stored.title()).isEqualTo("<b>加粗</b>");
        assertThat(stored.description()).isEqualTo("<script>alert('x')</script>");
        FeedbackHistoryEntry comment = feedback.history(f.id()).getLast();
        assertThat(comment.change()).isEqualTo(FeedbackChange.COMMENT);
        assertThat(comment.note()).isEqualTo("<img src=x onerror=alert(1)> 已回电");
        assertThat(comment.actor()).isEqualTo("feedback-staff");
        assertThatThrownBy(() -> feedback.comment(f.id(), " "))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("comment"));
    }

    @Test
    void bad_input_is_refused_naming_the_field() {
        Customer c = TestFeedback.customer(customers, null);
        Customer other = TestFeedback.customer(customers, null);
        Purchase p = new Purchase();
        p.setPurchaseDate(today());
        p.setProduct("别人的");
        p.setQuantity(1);
        p.setAmount(new BigDecimal("10.00"));
        long othersPurchase = customers.addPurchase(other.getId(), p).getId();
        NewFeedback ok = TestFeedback.complaint(c.getId(), "正常");

        assertField(withTitle(ok, "  "), "title", "validation.required");
        assertField(withTitle(ok, "长".repeat(201)), "title", "error.too-long");
        assertField(
                new NewFeedback(null, ok.category(), ok.severity(), "t", null, c.getId(), null, null, null, null),
                "kind",
                "validation.required");
        assertField(
                new NewFeedback(ok.kind(), ok.category(), ok.severity(), "t", null, null, null, null, null, null),
                "customerId",
                "validation.required");
        assertField(
                new NewFeedback(
                        ok.kind(), ok.category(), ok.severity(), "t", null, 999_999_999L, null, null, null, null),
                "customerId",
                "feedback.error.customer-missing");
        assertField(TestFeedback.withOwnerAndDue(ok, 999_999_999L, null), "ownerId", "feedback.error.owner-unknown");
        assertField(TestFeedback.withOwnerAndDue(ok, null, today().minusDays(1)), "dueDate", "feedback.error.due-past");
        assertField(
                new NewFeedback(
                        ok.kind(),
                        ok.category(),
                        ok.severity(),
                        "t",
                        null,
                        c.getId(),
                        null,
                        null,
                        othersPurchase,
                        null),
                "purchaseId",
                "feedback.error.purchase-other-customer");
        assertThat(feedback.count(FeedbackFilter.ofCustomer(c.getId()))).isZero();
    }

    private static NewFeedback withTitle(NewFeedback n, String title) {
        return new NewFeedback(
                n.kind(), n.category(), n.severity(), title, n.description(), n.customerId(), null, null, null, null);
    }

    private void assertField(NewFeedback n, String field, String key) {
        assertThatThrownBy(() -> feedback.create(n)).as(field).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.messageKey()).isEqualTo(key);
        });
    }

    @Test
    void an_open_item_past_its_due_date_is_overdue_until_it_is_resolved() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail late =
                feedback.create(TestFeedback.withOwnerAndDue(TestFeedback.complaint(c.getId(), "逾期"), null, today()));
        FeedbackDetail dueToday =
                feedback.create(TestFeedback.withOwnerAndDue(TestFeedback.complaint(c.getId(), "今天到期"), null, today()));
        FeedbackDetail noDue = feedback.create(TestFeedback.complaint(c.getId(), "无到期日"));
        // the due date passed: written directly, since the service refuses a past date for new work
        jdbc.update("UPDATE feedback SET due_date = ? WHERE id = ?", today().minusDays(2), late.id());

        FeedbackFilter overdueOfCustomer = new FeedbackFilter(null, null, null, null, true, false, c.getId());
        assertThat(feedback.page(overdueOfCustomer, 0, 10))
                .extracting(FeedbackRow::id)
                .containsExactly(late.id());
        assertThat(feedback.count(overdueOfCustomer)).isEqualTo(1);
        assertThat(feedback.page(FeedbackFilter.ofCustomer(c.getId()), 0, 10))
                .extracting(FeedbackRow::id, FeedbackRow::overdue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(noDue.id(), false),
                        org.assertj.core.groups.Tuple.tuple(dueToday.id(), false),
                        org.assertj.core.groups.Tuple.tuple(late.id(), true));
        assertThat(feedback.get(late.id()).overdue()).isTrue();

        FeedbackDetail working =
                feedback.move(late.id(), feedback.get(late.id()).version(), FeedbackStatus.IN_PROGRESS, null);
        assertThat(working.overdue()).as("in progress is still someone's work").isTrue();
        FeedbackDetail resolved = feedback.move(late.id(), working.version(), FeedbackStatus.RESOLVED, null);
        assertThat(resolved.overdue()).isFalse();
        assertThat(feedback.count(overdueOfCustomer)).isZero();
    }

    @Test
    void mine_lists_the_signed_in_users_items_only() {
        UserAccount me = TestFeedback.staffUser(userAdmin);
        UserAccount colleague = TestFeedback.staffUser(userAdmin);
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail mine =
                feedback.create(TestFeedback.withOwnerAndDue(TestFeedback.complaint(c.getId(), "我的"), me.id(), null));
        feedback.create(TestFeedback.withOwnerAndDue(TestFeedback.complaint(c.getId(), "同事的"), colleague.id(), null));
        feedback.create(TestFeedback.complaint(c.getId(), "没人负责"));
        FeedbackFilter myItems = new FeedbackFilter(null, null, null, null, false, true, c.getId());

        List<FeedbackRow> rows = TestData.as(me.username(), () -> feedback.page(myItems, 0, 10), "STAFF");

        assertThat(rows).extracting(FeedbackRow::id).containsExactly(mine.id());
        assertThat(rows.getFirst().customerName()).isEqualTo(c.getName());
        assertThat(feedback.page(new FeedbackFilter(null, null, null, colleague.id(), false, false, c.getId()), 0, 10))
                .extracting(FeedbackRow::title)
                .containsExactly("同事的");
        // someone who is no user at all owns nothing
        assertThat(feedback.count(myItems)).isZero();
    }

    @Test
    void the_list_filters_by_kind_status_and_severity() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail complaint = feedback.create(TestFeedback.complaint(c.getId(), "投诉"));
        FeedbackDetail suggestion = feedback.create(new NewFeedback(
                FeedbackKind.SUGGESTION,
                FeedbackCategory.OTHER,
                FeedbackSeverity.LOW,
                "建议",
                null,
                c.getId(),
                null,
                null,
                null,
                null));
        feedback.move(complaint.id(), complaint.version(), FeedbackStatus.IN_PROGRESS, null);

        assertThat(feedback.page(
                        new FeedbackFilter(FeedbackKind.SUGGESTION, null, null, null, false, false, c.getId()), 0, 10))
                .extracting(FeedbackRow::id)
                .containsExactly(suggestion.id());
        assertThat(feedback.page(
                        new FeedbackFilter(null, FeedbackStatus.IN_PROGRESS, null, null, false, false, c.getId()),
                        0,
                        10))
                .extracting(FeedbackRow::id)
                .containsExactly(complaint.id());
        assertThat(feedback.page(
                        new FeedbackFilter(null, null, FeedbackSeverity.LOW, null, false, false, c.getId()), 0, 10))
                .extracting(FeedbackRow::id)
                .containsExactly(suggestion.id());
    }

    @Test
    void managers_work_feedback_too_but_a_caller_without_a_role_or_not_signed_in_is_refused() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail byManager = TestData.as(
                "feedback-manager",
                () -> feedback.create(TestFeedback.complaint(c.getId(), "经理记录")),
                "STAFF",
                "MANAGER");
        assertThat(byManager.createdBy()).isEqualTo("feedback-manager");

        assertThatThrownBy(() -> TestData.as("no-role", () -> feedback.create(TestFeedback.complaint(c.getId(), "x"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestData.as("no-role", () -> feedback.comment(byManager.id(), "x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestData.as(
                        "no-role",
                        () -> feedback.move(byManager.id(), byManager.version(), FeedbackStatus.IN_PROGRESS, null)))
                .isInstanceOf(AccessDeniedException.class);
        var saved = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            assertThatThrownBy(() -> feedback.page(FeedbackFilter.none(), 0, 10))
                    .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        } finally {
            SecurityContextHolder.setContext(saved);
        }
        assertThat(SystemActor.call(() -> feedback.count(FeedbackFilter.ofCustomer(c.getId()))))
                .isEqualTo(1);
        assertThat(feedback.history(byManager.id())).hasSize(1);
    }

    @Test
    void a_customer_with_feedback_is_not_deleted() {
        Customer c = TestFeedback.customer(customers, null);
        feedback.create(TestFeedback.complaint(c.getId(), "保留"));

        assertThatThrownBy(() -> TestData.as(
                        "feedback-manager",
                        () -> customers.delete(
                                c.getId(), customers.get(c.getId()).getVersion(), 0),
                        "STAFF",
                        "MANAGER"))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("customer.error.delete-referenced"));
        assertThat(customers.ref(c.getId())).isPresent();
    }

    @Test
    void my_work_counts_only_my_open_items_with_the_overdue_and_those_due_today() {
        io.keyuan.security.UserAccount me = TestFeedback.staffUser(userAdmin);
        io.keyuan.security.UserAccount other = TestFeedback.staffUser(userAdmin);
        long customer = TestFeedback.customer(customers, null).getId();
        List<Long> mine = new java.util.ArrayList<>();
        for (LocalDate due : List.of(today(), today(), today().plusDays(5))) {
            mine.add(io.keyuan.shared.SystemActor.call(() -> feedback.create(TestFeedback.withOwnerAndDue(
                            TestFeedback.complaint(customer, "我的" + TestData.unique()), me.id(), due)))
                    .id());
        }
        io.keyuan.shared.SystemActor.run(() -> feedback.create(TestFeedback.withOwnerAndDue(
                TestFeedback.complaint(customer, "别人的" + TestData.unique()), other.id(), today())));
        jdbc.update(
                "UPDATE feedback SET due_date = ? WHERE id = ?",
                java.sql.Date.valueOf(today().minusDays(2)),
                mine.get(0));

        assertThat(TestData.as(me.username(), feedback::myWork, "STAFF")).isEqualTo(new FeedbackWork(3, 1, 1));
        assertThat(TestData.as(other.username(), feedback::myWork, "STAFF")).isEqualTo(new FeedbackWork(1, 0, 1));
        assertThat(TestData.as("nobody-" + TestData.unique(), feedback::myWork, "STAFF"))
                .isEqualTo(FeedbackWork.NONE);
        assertThatThrownBy(() -> TestData.as(me.username(), feedback::myWork))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
