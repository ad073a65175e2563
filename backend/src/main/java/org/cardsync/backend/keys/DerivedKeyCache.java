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
 * the entries: a well-kept bounded cache with size and idle eviction and a synchronous removal hook, none of which we
 * should write again. docs/security.md ("Derived-key cache") states the same argument.
 *
 * <p>Safety argument.
 * <ul>
 * <li>What enters the cache: a K_UP only after an upstream message's MAC made with it verified
 * ({@link CardKeys#verifies}), i.e. after the card application proved it holds that key; a lookup for a message not
 * yet verified ({@link #peek}) neither stores a key nor refreshes one's idle time. So a forged message naming any
 * registered card (its card id and AID are not secret) can neither load that card's key into memory for a later
 * snapshot, nor keep it there, nor evict genuine sessions' keys with it. A K_DN is stored on use
 * ({@link #get}): it is only ever asked for after a message whose MAC verified (script issuance for a REQUEST, the
 * in-flight script's chains for the message that settles it).</li>
 * <li>What a reader of the JVM's memory gains: every derived key already passes through the heap today (the KDF's
 * output and the {@code CmacKey} copy the MAC check uses are garbage, reclaimed but never wiped), and whoever can read
 * the memory of the running backend can also ask its logged-in token to derive any card's key. The cache adds one
 * thing: a single snapshot (heap dump, core file, swap) holds, for sure rather than by chance, the keys of the card
 * applications that sent a message whose MAC verified in the last {@code idle} interval, at most {@code maxEntries}
 * keys. Such a message is the card's own; the only one an attacker can send is a replay of a message he captured
 * from that card (rule 3 then refuses it), which keeps the key of a card whose traffic he has already seen. Those
 * keys forge messages and script commands for those cards only; the master keys stay in the token, and no other
 * card's keys are in the cache. With {@code cardsync.keys.store=config} the master keys are in the same memory, so
 * the cache gains such a reader nothing.</li>
 * <li>Bound and eviction: at most {@code maxEntries} keys (least recently/frequently used go first), and a key unused
 * for {@code idle} is dropped, by a scheduler thread even when no message arrives. Every entry removed, for whatever
 * cause (size, idle, {@link #clear}, replacement), is wiped by the removal listener, which runs on the removing
 * thread before the removal returns; a key offered for an entry that already holds one is wiped at once;
 * {@link CardKeys} clears the cache when the application stops.</li>
 * <li>No confusion between cards, versions or directions: the key of an entry is the card application's whole
 * identity (card id and AID, compared by value), its key version and the purpose (up or down); a key is only ever
 * stored under the identity, version and purpose it was derived for.</li>
 * <li>Rotation and key versions: a derived key is a pure function of (master key of the version, identity, purpose),
 * and a store reads its master keys once, at start-up: a version's master key never changes while an entry of it
 * exists. A rotation makes another version current, whose keys have other entries; a card application re-keyed to
 * another version is looked up under that version, so its old keys are never used for it again and age out. Replacing
 * a version's master key in place needs a restart, which empties the cache.</li>
 * <li>Concurrency: a missing key is derived by the caller outside every lock of the cache (a slow or hung token call
 * blocks no other key), then offered to it; two threads missing the same key at once may both derive it (the same
 * bytes), and the one offered second is wiped. A caller gets a private copy of the key, taken under the entry's lock;
 * an entry wiped between the lookup and that copy (evicted meanwhile) is never used: the key is derived again.</li>
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
     * A copy of the cached key of {@code slot} (the caller owns it and may wipe it), or null when none is cached;
     * stores nothing and leaves the entry's idle time as it was, so that the lookup for a message whose MAC is not yet
     * verified leaves the cache as it found it.
     */
    byte[] peek(Slot slot) {
        if (cache == null) {
            return null;
        }
        CachedKey key = cache.policy().getIfPresentQuietly(slot);
        // null too when evicted and wiped since: the caller derives the key again rather than use a wiped one
        return key == null ? null : key.copy();
    }

    /**
     * Keeps {@code key}, which the cache then owns, as the key of {@code slot}; when one is already cached, its idle
     * time starts again and {@code key} is wiped. Only for a key its card application proved it holds (a K_UP whose MAC
     * verified) or one asked for after such a proof (a K_DN).
     */
    void remember(Slot slot, byte[] key) {
        if (cache == null) {
            Arrays.fill(key, (byte) 0);
            return;
        }
        if (cache.asMap().putIfAbsent(slot, new CachedKey(key)) != null) {
            Arrays.fill(key, (byte) 0);
            cache.getIfPresent(slot);
        }
    }

    /**
     * The derived key of {@code slot} as a fresh copy the caller owns (and may wipe), derived with {@code derive} when
     * it is not cached and then kept: for K_DN, which is only asked for after a verified message. {@code derive}
     * returns a new array and runs outside the cache's locks.
     */
    byte[] get(Slot slot, Supplier<byte[]> derive) {
        if (cache == null) {
            return derive.get();
        }
        CachedKey cached = cache.getIfPresent(slot);
        byte[] copy = cached == null ? null : cached.copy();
        if (copy != null) {
            return copy;
        }
        byte[] derived = derive.get();
        copy = derived.clone();
        remember(slot, derived);
        return copy;
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
