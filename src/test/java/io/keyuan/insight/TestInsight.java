package io.keyuan.insight;

import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/** Channels, customers, purchases and costs for insight tests, written through the services as the system. */
final class TestInsight {
    private TestInsight() {}

    static YearMonth currentMonth() {
        return YearMonth.now(BusinessTime.ZONE);
    }

    static long channel(ChannelService channels, String prefix, ChannelCategory category, AcquisitionMethod method) {
        return SystemActor.call(() ->
                        channels.create(new ChannelDraft(prefix + TestData.unique(), category, method, true, null)))
                .id();
    }

    static long customer(CustomerService customers, Long channelId) {
        Customer c = new Customer();
        c.setName("洞察客户" + TestData.unique());
        c.setSourceChannelId(channelId);
        return SystemActor.call(() -> customers.save(c)).getId();
    }

    /** A customer of {@code channelId} whom {@code referrerId} referred. */
    static long referred(CustomerService customers, Long channelId, long referrerId) {
        Customer c = new Customer();
        c.setName("介绍客户" + TestData.unique());
        c.setSourceChannelId(channelId);
        c.setReferredById(referrerId);
        return SystemActor.call(() -> customers.save(c)).getId();
    }

    static long buy(CustomerService customers, long customerId, LocalDate date, String amount) {
        Purchase p = new Purchase();
        p.setPurchaseDate(date);
        p.setProduct("洞察产品");
        p.setQuantity(1);
        p.setAmount(new BigDecimal(amount));
        p.setChannel(SalesChannel.STORE);
        return SystemActor.call(() -> customers.addPurchase(customerId, p)).getId();
    }

    static void cost(ChannelService channels, long channelId, YearMonth month, String amount) {
        SystemActor.run(() -> channels.setCost(channelId, month, new BigDecimal(amount), null));
    }

    /** Rebuilds the rollups in full on this thread, as the job does. */
    static ChannelRollup.Rebuilt rebuild(ChannelRollup rollup) {
        return rollup.rebuild(step -> {}, () -> false);
    }
}
