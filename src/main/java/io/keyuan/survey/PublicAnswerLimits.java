package io.keyuan.survey;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.keyuan.shared.KeyuanException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits of the public answer page, token buckets (Bucket4j) per client address and per link: a guesser of
 * links is slowed down per address, and one link cannot be hammered from many addresses. Buckets live in this
 * node's memory, the least recently used forgotten beyond {@link #MAX_KEYS}; behind several nodes each node limits
 * on its own (sticky sessions keep one browser on one node).
 */
@Component
class PublicAnswerLimits {
    static final int MAX_KEYS = 50_000;

    private final int perAddress;
    private final int perLink;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    PublicAnswerLimits(
            @Value("${keyuan.survey.rate.address-per-minute:60}") int perAddress,
            @Value("${keyuan.survey.rate.link-per-minute:12}") int perLink) {
        this.perAddress = perAddress;
        this.perLink = perLink;
    }

    /** Takes one request from the address's and the link's buckets; refused when either is empty. */
    void take(String clientAddress, byte[] linkHash) {
        boolean addressOk = bucket("a:" + (clientAddress == null ? "?" : clientAddress), perAddress)
                .tryConsume(1);
        boolean linkOk =
                bucket("l:" + HexFormat.of().formatHex(linkHash), perLink).tryConsume(1);
        if (!addressOk || !linkOk) {
            throw new KeyuanException("survey.public.error.too-many");
        }
    }

    private Bucket bucket(String key, int perMinute) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(
                    key,
                    k -> Bucket.builder()
                            .addLimit(Bandwidth.builder()
                                    .capacity(perMinute)
                                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                                    .build())
                            .build());
        }
    }

    /** Tests start from full buckets. */
    void forget() {
        synchronized (buckets) {
            buckets.clear();
        }
    }
}
