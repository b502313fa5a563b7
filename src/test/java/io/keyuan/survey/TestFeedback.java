package io.keyuan.survey;

import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/** Customers, users and feedback for the feedback tests, written through the services as the system actor. */
public final class TestFeedback {
    private TestFeedback() {}

    /** A staff user who exists in the database, so that owner checks and "mine" find them. */
    public static UserAccount staffUser(UserAdminService users) {
        String name = "fb." + TestData.unique();
        return SystemActor.call(() -> users.create(name, "反馈员工" + name, "STAFF", "feedback-" + TestData.unique()));
    }

    public static Customer customer(CustomerService customers, Long ownerId) {
        String u = TestData.unique();
        return TestCustomers.create(customers, "FB" + u, "反馈客户" + u, c -> c.setOwnerId(ownerId));
    }

    public static NewFeedback complaint(long customerId, String title) {
        return new NewFeedback(
                FeedbackKind.COMPLAINT,
                FeedbackCategory.PRODUCT,
                FeedbackSeverity.MEDIUM,
                title,
                "描述" + title,
                customerId,
                null,
                null,
                null,
                null);
    }

    public static NewFeedback withOwnerAndDue(NewFeedback n, Long ownerId, LocalDate due) {
        return new NewFeedback(
                n.kind(),
                n.category(),
                n.severity(),
                n.title(),
                n.description(),
                n.customerId(),
                ownerId,
                due,
                n.purchaseId(),
                n.responseId());
    }

    /** A response id no other test (or earlier run on the same database) uses. */
    public static long responseId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }
}
