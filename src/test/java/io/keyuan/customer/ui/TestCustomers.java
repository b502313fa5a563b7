package io.keyuan.customer.ui;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.util.function.Consumer;

/** Customers for view tests, written through the service as the system actor. */
public final class TestCustomers {
    private TestCustomers() {}

    public static Customer create(CustomerService customers, String code, String name, Consumer<Customer> more) {
        Customer c = new Customer();
        c.setCode(code);
        c.setName(name);
        more.accept(c);
        return SystemActor.call(() -> customers.save(c));
    }

    public static Customer create(CustomerService customers, String code, String name) {
        return create(customers, code, name, c -> {});
    }

    public static Customer inCity(CustomerService customers, String code, String name, String city, String income) {
        return create(customers, code, name, c -> {
            c.setCity(city);
            c.setIncome(income == null ? null : new BigDecimal(income));
        });
    }
}
