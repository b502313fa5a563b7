package io.keyuan.customer;

import java.util.List;

/**
 * What deleting a customer would take or touch, for the confirmation: its purchases (deleted with it), the customers
 * it referred (who keep their records but lose the link), and other modules' records that prevent the delete, as
 * i18n keys with a count each.
 */
public record DeletionImpact(long purchases, long referrals, List<Blocker> blockers) {
    public record Blocker(String countKey, long count) {}

    public boolean blocked() {
        return !blockers.isEmpty();
    }
}
