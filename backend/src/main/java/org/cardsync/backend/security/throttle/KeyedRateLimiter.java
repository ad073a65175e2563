package org.cardsync.backend.security.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A token bucket per key (a user name, a client address, later a card application): {@code capacity} events, then
 * one more every {@code window / capacity}. Thread-safe. Kept in this JVM: each backend instance counts on its own,
 * so N instances allow at most N times the limit, which still stops guessing at scale.
 *
 * <p>bucket4j implements the buckets (lock-free, exact refill arithmetic); Caffeine forgets a key nobody has used for
 * a whole window (its bucket would be full again anyway) and bounds the number of keys, so an attacker inventing
 * keys cannot exhaust the heap.
 *
 * <p>Bounded memory has a price: under a flood of new keys (more than {@value #MAX_KEYS} within a window) Caffeine
 * evicts buckets, and a spent bucket may be forgotten, so its key gets a full one again. Its frequency-aware eviction
 * (W-TinyLFU) keeps keys in steady use, and inventing keys costs tokens of the limiters checked before this one (a
 * client address's), so this weakens a limit only for an attacker with very many addresses.
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

    /**
     * Takes one token of {@code key} now: zero if it was there, else how long until one will be (and nothing is
     * taken). Taking is atomic, so parallel callers can never take more tokens than the bucket holds.
     */
    public Duration take(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /** Whether {@code key} has a token left now (takes none). */
    public boolean hasToken(String key) {
        return bucket(key).getAvailableTokens() > 0;
    }

    /** Gives back a token taken with {@link #take} (never beyond the capacity). */
    public void refund(String key) {
        bucket(key).addTokens(1);
    }

    /** How many keys have a bucket now (for tests of what an attacker can make it hold). */
    long keys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build());
    }
}
