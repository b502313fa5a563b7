package io.keyuan.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Wrong passwords counted per client address and per user name from that address, in token buckets (Bucket4j)
 * that refill over {@link SecurityProperties#lockFor()}. It answers alike for names that exist and names that do
 * not, so a refusal tells nothing about accounts. Buckets live in this node's memory, the least recently used
 * forgotten beyond {@link #MAX_KEYS}; with several nodes each counts on its own (sticky sessions keep one browser
 * on one node), and the account lock in the database catches a guess spread over many nodes and addresses.
 */
@Component
class LoginThrottle {
    static final int MAX_KEYS = 100_000;

    private final SecurityProperties properties;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginThrottle(SecurityProperties properties) {
        this.properties = properties;
    }

    /** Refuses the attempt before any password is checked when the name or the address used up its tries. */
    void check(String username, String address) {
        synchronized (buckets) {
            boolean pairOk = existing(pairKey(username, address))
                    .map(b -> b.getAvailableTokens() > 0)
                    .orElse(true);
            boolean addressOk = address == null
                    || existing(addressKey(address))
                            .map(b -> b.getAvailableTokens() > 0)
                            .orElse(true);
            if (!pairOk || !addressOk) {
                throw new SignInThrottledException();
            }
        }
    }

    /** A wrong password for the name from the address (an address is unknown only for calls from inside). */
    void failed(String username, String address) {
        synchronized (buckets) {
            bucket(pairKey(username, address), properties.maxFailedLogins()).tryConsume(1);
            if (address != null) {
                bucket(addressKey(address), properties.maxFailedLoginsPerAddress())
                        .tryConsume(1);
            }
        }
    }

    /** A right password: the name's count from that address starts again (the address's own count does not). */
    void succeeded(String username, String address) {
        synchronized (buckets) {
            buckets.remove(pairKey(username, address));
        }
    }

    /** An administrator unlocked or reset the account: its counts from every address start again. */
    void forgetUser(String username) {
        String prefix = "u:" + normal(username) + "|";
        synchronized (buckets) {
            buckets.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    /** Tests start from full buckets. */
    void forget() {
        synchronized (buckets) {
            buckets.clear();
        }
    }

    private java.util.Optional<Bucket> existing(String key) {
        return java.util.Optional.ofNullable(buckets.get(key));
    }

    private Bucket bucket(String key, int tries) {
        return buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(tries)
                                .refillGreedy(tries, properties.lockFor())
                                .build())
                        .build());
    }

    private static String pairKey(String username, String address) {
        return "u:" + normal(username) + "|" + (address == null ? "?" : address);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static String normal(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
