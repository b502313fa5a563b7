package io.keyuan.customer;

import java.time.YearMonth;
import java.util.Set;

/**
 * Published once a change that decides where and when a customer was acquired, or what it bought, has committed: a
 * customer created, deleted or moved to another source channel, a purchase recorded or deleted, a return recorded
 * or removed. {@code purchaseMonths} are the months of the purchases added, removed or returned; for a deleted
 * customer every month it had purchases in (they are gone by the time listeners look). Bulk changes publish
 * {@link CustomersBulkChanged} instead.
 */
public record CustomerChanged(long customerId, Set<YearMonth> purchaseMonths) {
    public CustomerChanged {
        purchaseMonths = purchaseMonths == null ? Set.of() : Set.copyOf(purchaseMonths);
    }
}
