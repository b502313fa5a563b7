package io.keyuan.cli;

import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.pipeline.DealBulkLoader;
import io.keyuan.pipeline.NewDeal;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** A demo pipeline (a copy of the customer-source funnel) with deals and half a year of stage history. */
@Component
class PipelineDemoSeeder {
    private final PipelineService pipelines;
    private final DealBulkLoader loader;
    private final CustomerService customers;
    private final ChannelService channels;
    private final UserDirectory users;

    PipelineDemoSeeder(
            PipelineService pipelines,
            DealBulkLoader loader,
            CustomerService customers,
            ChannelService channels,
            UserDirectory users) {
        this.pipelines = pipelines;
        this.loader = loader;
        this.customers = customers;
        this.channels = channels;
        this.users = users;
    }

    /** Adds the demo pipeline unless a working pipeline exists already; returns the number of deals written. */
    int seed(int deals, long seed) {
        if (!pipelines.pipelines().isEmpty()) {
            return 0;
        }
        List<Long> customerIds = customers.findRefs(null, 0, CustomerService.MAX_PAGE).stream()
                .map(CustomerRef::id)
                .toList();
        if (customerIds.isEmpty()) {
            return 0;
        }
        PipelineDetail funnel = pipelines.copy(pipelines.templates().getFirst().id(), null);
        DealDataGenerator generator = new DealDataGenerator(
                seed,
                Instant.now(),
                funnel,
                customerIds,
                channels.summaries(),
                users.activeUsers().stream().map(UserRef::id).toList());
        long next = loader.nextDealId();
        List<NewDeal> batch = new ArrayList<>();
        for (int i = 0; i < deals; i++) {
            // Most deals over half a year; a quarter opened in the last month, so the open columns are lively.
            batch.add(generator.deal(next++, i % 4 == 0, i % 4 == 0 ? 30 : 180));
        }
        loader.insert(batch);
        loader.analyze();
        return deals;
    }
}
