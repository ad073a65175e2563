package org.cardsync.backend.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CardApplicationId;

/**
 * A bounded cache of derived card keys (K_UP, K_DN), so that the messages of one session do not each run the KDF
 * through the issuer key store (a token round trip per key with {@code cardsync.keys.store=pkcs11}). Caffeine holds
 * the entries: a well-kept bounded cache with size and idle eviction, a synchronous removal hook and an atomic
 * per-key load, none of which we should write again. docs/security.md ("Derived-key cache") states the same argument.
 *
 * <p>Safety argument.
 * <ul>
 * <li>What a reader of the JVM's memory gains: every derived key already passes through the heap today (the KDF's
 * output and the {@code CmacKey} copy the MAC check uses are garbage, reclaimed but never wiped), and whoever can read
 * the memory of the running backend can also ask its logged-in token to derive any card's key. The cache adds one
 * thing: a single snapshot (heap dump, core file, swap) holds the keys of the card applications active in the last
 * {@code idle} interval, at most {@code maxEntries} keys, for sure rather than by chance. Those keys forge messages and
 * script commands for those cards only; the master keys stay in the token, and no other card's keys are in the cache.
 * With {@code cardsync.keys.store=config} the master keys are in the same memory, so the cache gains such a reader
 * nothing.</li>
 * <li>Bound and eviction: at most {@code maxEntries} keys (least recently/frequently used go first), and a key unused
 * for {@code idle} is dropped, by a scheduler thread even when no message arrives. Every entry removed, for whatever
 * cause (size, idle, {@link #clear}, replacement), is wiped by the removal listener, which runs on the removing
 * thread before the removal returns; {@link CardKeys} clears the cache when the application stops.</li>
 * <li>No confusion between cards, versions or directions: the key of an entry is the card application's whole
 * identity (card id and AID, compared by value), its key version and the purpose (up or down); a key is only ever
 * stored under the identity it was derived for, by the loader given for that very key.</li>
 * <li>Rotation and key versions: a derived key is a pure function of (master key of the version, identity, purpose),
 * and a store reads its master keys once, at start-up: a version's master key never changes while an entry of it
 * exists. A rotation makes another version current, whose keys have other entries; a card application re-keyed to
 * another version is looked up under that version, so its old keys are never used for it again and age out. Replacing
 * a version's master key in place needs a restart, which empties the cache.</li>
 * <li>Concurrency: Caffeine loads a key at most once at a time, other threads asking for it wait for that load. A
 * caller gets a private copy of the key, taken under the entry's lock; an entry wiped between the lookup and that copy
 * (evicted meanwhile) is never used: the key is derived again, outside the cache.</li>
 * </ul>
 */
public final class DerivedKeyCache {
    /** Which of a card application's two keys (protocol.md 1.1). */
    enum Purpose { UP, DOWN }

    /** What identifies a derived key: the whole card application identity, the key version and the purpose. */
    record Slot(int keyVersion, CardApplicationId id, Purpose purpose) {
    }

    /** Null when the cache is off ({@code maxEntries} 0): every key is derived on every use, as before the cache. */
    private final Cache<Slot, CachedKey> cache;

    /**
     * @param maxEntries at most this many keys (two per card application in a session); 0 keeps none
     * @param idle a key unused this long is dropped and wiped
     */
    public DerivedKeyCache(long maxEntries, Duration idle) {
        this(maxEntries, idle, Ticker.systemTicker());
    }

    /** With the clock the idle time is measured on (the tests' own). */
    DerivedKeyCache(long maxEntries, Duration idle, Ticker ticker) {
        if (maxEntries < 0 || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the derived-key cache needs max-entries >= 0 and a positive idle time");
        }
        this.cache = maxEntries == 0 ? null : Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maxEntries)
                .expireAfterAccess(idle)
                .scheduler(Scheduler.systemScheduler())
                .executor(Runnable::run)
                .removalListener((Slot slot, CachedKey key, RemovalCause cause) -> {
                    if (key != null) {
                        key.wipe();
                    }
                })
                .build();
    }

    /**
     * The derived key of {@code slot} as a fresh copy the caller owns (and may wipe), loaded with {@code derive} when it
     * is not cached; {@code derive} returns a new array, which the cache then owns.
     */
    byte[] get(Slot slot, Supplier<byte[]> derive) {
        if (cache == null) {
            return derive.get();
        }
        byte[] copy = cache.get(slot, s -> new CachedKey(derive.get())).copy();
        // evicted and wiped between the lookup and the copy: derive again rather than use a wiped key
        return copy != null ? copy : derive.get();
    }

    /** Drops and wipes every cached key. */
    void clear() {
        if (cache == null) {
            return;
        }
        cache.invalidateAll();
        cache.cleanUp();
    }

    /** How many keys are cached now, expired ones dropped first (for the tests). */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** One cached key; its lock orders a copy against the wipe, so that nobody copies a half-wiped key. */
    private static final class CachedKey {
        private final byte[] key;
        private boolean wiped;

        CachedKey(byte[] key) {
            if (key.length != AesCmac.KEY_LENGTH) {
                throw new IllegalArgumentException("a card key is 16 bytes");
            }
            this.key = key;
        }

        synchronized byte[] copy() {
            return wiped ? null : key.clone();
        }

        synchronized void wipe() {
            wiped = true;
            Arrays.fill(key, (byte) 0);
        }
    }
}
