package io.keyuan.pricing;

import io.keyuan.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Daily, as the system: quotes past their last valid day that were never accepted become EXPIRED. */
@Component
class QuoteExpiry {
    private static final Logger log = LoggerFactory.getLogger(QuoteExpiry.class);
    private final QuoteService quotes;

    QuoteExpiry(QuoteService quotes) {
        this.quotes = quotes;
    }

    @Scheduled(cron = "${keyuan.quotes.expire-cron:0 5 0 * * *}", zone = "${keyuan.zone:Asia/Shanghai}")
    void expireOverdue() {
        int n = SystemActor.call(quotes::expireOverdue);
        if (n > 0) {
            log.info("Expired {} overdue quotes", n);
        }
    }
}
