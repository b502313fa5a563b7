package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.security.UserAdminService;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.FeedbackCategory;
import io.keyuan.survey.FeedbackDetail;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackRow;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackStatus;
import io.keyuan.survey.NewFeedback;
import io.keyuan.survey.TestFeedback;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The feedback list: open an item from the keyboard, filter, see and filter the overdue ones, "mine", open one. */
class FeedbackListViewTest extends KeyuanViewTest {
    @Autowired
    FeedbackService feedback;

    @Autowired
    CustomerService customers;

    @Autowired
    UserDirectory users;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    JdbcTemplate jdbc;

    private FeedbackListView view() {
        return $(FeedbackListView.class).single();
    }

    private List<FeedbackRow> rows() {
        var grid = test(view().grid);
        return IntStream.range(0, Math.min(grid.size(), 50))
                .mapToObj(grid::getRow)
                .toList();
    }

    private long userId(String username) {
        return SystemActor.call(() -> users.activeUsers().stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow()
                .id());
    }

    private FeedbackDetail item(Customer c, String title, Long owner) {
        return SystemActor.call(() ->
                feedback.create(TestFeedback.withOwnerAndDue(TestFeedback.complaint(c.getId(), title), owner, null)));
    }

    @Test
    @AsStaff
    void staff_open_a_complaint_with_the_keyboard_and_see_it_first_in_the_list() {
        Customer c = TestFeedback.customer(customers, null);
        open("feedback");
        assertThat(getCurrentView()).isInstanceOf(FeedbackListView.class);

        // Alt+N opens the dialog, the cursor waits in the title
        fireShortcut(Key.KEY_N, KeyModifier.ALT);
        FeedbackDialog dialog = $(FeedbackDialog.class).single();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.kind.getValue()).isEqualTo(FeedbackKind.COMPLAINT);

        test(dialog.save).click(); // nothing typed: refused on a field, the dialog stays
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.category.isInvalid()).isTrue();
        assertThat(dialog.category.getErrorMessage()).isEqualTo(t("validation.required"));

        dialog.category.setValue(FeedbackCategory.DELIVERY);
        test(dialog.title).setValue("送货迟到三天");
        dialog.customer.setValue(new CustomerRef(c.getId(), c.getCode(), c.getName()));
        dialog.owner.setValue(dialog.owner
                .getListDataView()
                .getItems()
                .filter(u -> u.username().equals(STAFF_USER))
                .findFirst()
                .orElseThrow());
        dialog.dueDate.setValue(LocalDate.now(BusinessTime.ZONE).plusDays(2));
        // Ctrl+Enter saves; the shortcut listens on the dialog (Enter alone is a new line in the description)
        com.vaadin.browserless.internal.ShortcutsKt._fireShortcut(dialog, Key.ENTER, KeyModifier.CONTROL);

        assertThat(dialog.isOpened()).isFalse();
        FeedbackRow first = rows().getFirst();
        assertThat(first.title()).isEqualTo("送货迟到三天");
        assertThat(first.customerName()).isEqualTo(c.getName());
        assertThat(test(view().grid).getCellText(0, 1)).isEqualTo(t("enum.FeedbackKind.COMPLAINT"));
        assertThat(test(view().grid).getCellText(0, 2)).isEqualTo(t("enum.FeedbackCategory.DELIVERY"));
        assertThat(test(view().grid).getCellText(0, 4)).isEqualTo(t("enum.FeedbackStatus.OPEN"));
        assertThat(test(view().grid).getCellText(0, 6)).isEqualTo("测试员工");
    }

    @Test
    @AsStaff
    void an_overdue_item_is_marked_and_the_overdue_filter_keeps_only_such_items() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail late = SystemActor.call(() -> feedback.create(TestFeedback.withOwnerAndDue(
                TestFeedback.complaint(c.getId(), "逾期未处理"), null, LocalDate.now(BusinessTime.ZONE))));
        jdbc.update(
                "UPDATE feedback SET due_date = ? WHERE id = ?",
                LocalDate.now(BusinessTime.ZONE).minusDays(1),
                late.id());
        item(c, "不逾期", null);
        open("feedback");

        assertThat(rows().get(1).id()).isEqualTo(late.id());
        assertThat(textOf(test(view().grid).getCellComponent(1, "due"))).contains(t("feedback.overdue"));
        assertThat(textOf(test(view().grid).getCellComponent(0, "due"))).doesNotContain(t("feedback.overdue"));

        test(view().overdue).click();

        assertThat(rows()).isNotEmpty().allSatisfy(r -> assertThat(r.overdue()).isTrue());
        assertThat(rows().getFirst().id()).isEqualTo(late.id());
    }

    @Test
    @AsStaff
    void mine_keeps_the_signed_in_users_items_and_the_owner_filter_anyone_elses() {
        Customer c = TestFeedback.customer(customers, null);
        long me = userId(STAFF_USER);
        var colleague = TestFeedback.staffUser(userAdmin);
        FeedbackDetail mine = item(c, "我负责的", me);
        FeedbackDetail theirs = item(c, "同事负责的", colleague.id());
        open("feedback");

        test(view().mine).click();

        assertThat(rows()).isNotEmpty().allSatisfy(r -> assertThat(r.ownerId()).isEqualTo(me));
        assertThat(rows().getFirst().id()).isEqualTo(mine.id());
        assertThat(view().owner.isEnabled()).isFalse();

        test(view().mine).click();
        view().owner.setValue(new UserRef(colleague.id(), colleague.username(), colleague.displayName()));
        assertThat(rows()).extracting(FeedbackRow::id).containsExactly(theirs.id());
    }

    @Test
    @AsManager
    void kind_status_and_severity_filter_the_list_and_a_row_opens_the_item() {
        Customer c = TestFeedback.customer(customers, null);
        FeedbackDetail suggestion = SystemActor.call(() -> feedback.create(new NewFeedback(
                FeedbackKind.SUGGESTION,
                FeedbackCategory.SERVICE,
                io.keyuan.survey.FeedbackSeverity.LOW,
                "建议增加夜间客服",
                null,
                c.getId(),
                null,
                null,
                null,
                null)));
        open("feedback");

        view().kind.setValue(FeedbackKind.SUGGESTION);
        assertThat(rows()).isNotEmpty().allSatisfy(r -> assertThat(r.kind()).isEqualTo(FeedbackKind.SUGGESTION));
        view().status.setValue(FeedbackStatus.OPEN);
        view().severity.setValue(io.keyuan.survey.FeedbackSeverity.LOW);
        assertThat(rows().getFirst().id()).isEqualTo(suggestion.id());
        view().status.setValue(FeedbackStatus.CLOSED);
        assertThat(rows()).noneMatch(r -> r.id() == suggestion.id());
        view().status.setValue(null);

        test(view().grid).clickRow(0);

        assertThat(getCurrentView()).isInstanceOf(FeedbackView.class);
        assertThat($(FeedbackView.class).single().heading.getText()).isEqualTo("建议增加夜间客服");
    }
}
