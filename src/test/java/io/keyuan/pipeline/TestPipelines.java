package io.keyuan.pipeline;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.util.function.Consumer;

/** Pipelines, customers and deals for tests, written through the services as the system actor. */
public final class TestPipelines {
    /** The shipped templates (V20__pipeline_init.sql). */
    public static final long FUNNEL_TEMPLATE = 1;

    public static final long DECISION_TEMPLATE = 2;

    private TestPipelines() {}

    public static PipelineDetail copy(PipelineService pipelines, long template, String name) {
        return SystemActor.call(() -> pipelines.copy(template, name));
    }

    public static Customer customer(CustomerService customers, String name, Consumer<Customer> more) {
        Customer c = new Customer();
        c.setName(name);
        more.accept(c);
        return SystemActor.call(() -> customers.save(c));
    }

    public static Customer customer(CustomerService customers, String name) {
        return customer(customers, name, c -> {});
    }

    public static Deal deal(
            DealService deals, long pipelineId, long customerId, String title, String value, Consumer<Deal> more) {
        Deal d = new Deal();
        d.setPipelineId(pipelineId);
        d.setCustomerId(customerId);
        d.setTitle(title);
        d.setValue(new BigDecimal(value));
        more.accept(d);
        return SystemActor.call(() -> deals.save(d));
    }

    public static Deal deal(DealService deals, long pipelineId, long customerId, String title, String value) {
        return deal(deals, pipelineId, customerId, title, value, d -> {});
    }

    /** The stage at a 1-based position on the board. */
    public static StageRow stage(PipelineDetail pipeline, int position) {
        return pipeline.stages().get(position - 1);
    }
}
