package org.cardsync.backend.security.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;

/**
 * A token bucket per key (a user name, a client address, later a card application): {@code capacity} events, then
 * one more every {@code window / capacity}. Thread-safe. Kept in this JVM: each backend instance counts on its own,
 * so N instances allow at most N times the limit, which still stops guessing at scale.
 *
 * <p>bucket4j implements the buckets (lock-free, exact refill arithmetic); Caffeine forgets a key nobody has used for
 * a whole window (its bucket would be full again anyway) and bounds the number of keys, so an attacker inventing
 * keys cannot exhaust the heap.
 */
public final class KeyedRateLimiter {
    private static final long MAX_KEYS = 100_000;

    private final int capacity;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    public KeyedRateLimiter(int capacity, Duration window) {
        this.capacity = capacity;
        this.window = window;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(MAX_KEYS).build();
    }

    /** How long {@code key} must wait before its next event is allowed; zero if it is allowed now. */
    public Duration waitTime(String key) {
        EstimationProbe probe = bucket(key).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Counts one event of {@code key}; false if it was over the limit. */
    public boolean record(String key) {
        return bucket(key).tryConsume(1);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build());
    }
}
