package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.LogWatch;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An ordinary session of each role — every view of the menu, a customer and its form, the dialogs, a mistyped
 * address, sign out — leaves the portal's log free of errors and stack traces.
 */
class CleanSessionJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

    @Test
    void a_normal_session_of_each_role_logs_no_error_and_no_stack_trace() throws Exception {
        for (int i = 0; i < 2; i++) {
            Customer c = new Customer();
            c.setCode("CS" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
            c.setName("巡游客户" + i);
            SystemActor.call(() -> customers.save(c));
        }
        try (LogWatch log = new LogWatch()) {
            for (String role : List.of("STAFF", "MANAGER", "ADMIN")) {
                String username = "journey.tour." + UUID.randomUUID().toString().substring(0, 6);
                SystemActor.run(() -> users.create(username, "巡游", role, PASSWORD));
                List<String> visited =
                        new PortalTour(driver, wait, base()).run(username, PASSWORD, role.equals("ADMIN"));
                assertThat(visited).contains("customers");
            }
            assertThat(log.troubles()).isEmpty();
        }
    }
}
