package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.cardsync.backend.keys.DerivedKeyCache.Purpose;
import org.cardsync.backend.keys.DerivedKeyCache.Slot;
import org.cardsync.protocol.CardApplicationId;
import org.junit.jupiter.api.Test;

/**
 * The derived-key cache on its own: bound, idle expiry, wiping, lookups that leave it as it was, derivations outside its
 * locks, and many threads at once.
 */
class DerivedKeyCacheTest {
    private static final Duration IDLE = Duration.ofMinutes(10);

    private static Slot slot(int card) {
        return new Slot(1, CardApplicationId.ofHex(String.format("%016x", card), "f04341524453594e4301"), Purpose.UP);
    }

    /** A distinct, recognisable 16-byte key per card (never all zeros), derived afresh on every call. */
    private static byte[] keyOf(int card) {
        return HexFormat.of().parseHex(String.format("%032x", card + 1));
    }

    @Test
    void aKeyAskedTwice_isDerivedOnce_andEachCallerGetsItsOwnCopy() {
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE);
        AtomicInteger derivations = new AtomicInteger();
        Supplier<byte[]> derive = () -> {
            derivations.incrementAndGet();
            return keyOf(7);
        };

        byte[] first = cache.get(slot(7), derive);
        first[0] ^= 0x55; // a caller wiping or spoiling its copy
        byte[] second = cache.get(slot(7), derive);

        assertThat(second).isEqualTo(keyOf(7));
        assertThat(derivations).hasValue(1);
    }

    @Test
    void overTheBound_theEvictedKeysAreWiped_andDerivedAgainWhenAskedFor() {
        DerivedKeyCache cache = new DerivedKeyCache(2, IDLE);
        List<byte[]> held = new ArrayList<>();
        for (int card = 0; card < 3; card++) {
            int c = card;
            cache.get(slot(card), () -> {
                byte[] key = keyOf(c);
                held.add(key); // the cache owns this array: the test watches it
                return key;
            });
        }

        assertThat(cache.size()).isEqualTo(2);
        assertThat(held.stream().filter(DerivedKeyCacheTest::isWiped).count()).isEqualTo(1);
        for (int card = 0; card < 3; card++) {
            int c = card;
            assertThat(cache.get(slot(card), () -> keyOf(c))).isEqualTo(keyOf(card));
        }
    }

    @Test
    void aKeyUnusedForTheIdleTime_isDroppedAndWiped() {
        AtomicLong nanos = new AtomicLong();
        Ticker clock = nanos::get;
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE, clock);
        byte[][] held = new byte[1][];
        cache.get(slot(1), () -> held[0] = keyOf(1));

        nanos.addAndGet(IDLE.minusSeconds(1).toNanos());
        assertThat(cache.size()).isEqualTo(1);
        assertThat(held[0]).isEqualTo(keyOf(1));

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.size()).isZero();
        assertThat(held[0]).containsOnly(0);
    }

    @Test
    void clear_wipesEveryKey() {
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE);
        List<byte[]> held = new ArrayList<>();
        for (int card = 0; card < 5; card++) {
            int c = card;
            cache.get(slot(card), () -> {
                byte[] key = keyOf(c);
                held.add(key);
                return key;
            });
        }

        cache.clear();

        assertThat(cache.size()).isZero();
        assertThat(held).hasSize(5).allSatisfy(k -> assertThat(k).containsOnly(0));
    }

    @Test
    void zeroEntries_turnsTheCacheOff() {
        DerivedKeyCache cache = new DerivedKeyCache(0, IDLE);
        AtomicInteger derivations = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(slot(1), () -> {
                derivations.incrementAndGet();
                return keyOf(1);
            })).isEqualTo(keyOf(1));
        }

        assertThat(derivations).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aNegativeBoundOrNoIdleTime_isRefused() {
        assertThatThrownBy(() -> new DerivedKeyCache(-1, IDLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DerivedKeyCache(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Threads missing one key at the same moment each derive it outside the cache (finding: a loader inside the map's
     * compute held a lock over the token call); every caller gets the key, one copy is kept, and every other derived
     * copy is wiped rather than left in the heap.
     */
    @Test
    void manyThreadsAskingForOneKey_allGetIt_oneCopyIsKept_theOthersWiped() throws Exception {
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE);
        List<byte[]> derived = Collections.synchronizedList(new ArrayList<>());
        List<byte[]> seen = inParallel(4, 2_000, i -> cache.get(slot(3), () -> {
            byte[] key = keyOf(3);
            derived.add(key);
            return key;
        }));

        assertThat(seen).hasSize(8_000).allSatisfy(k -> assertThat(k).isEqualTo(keyOf(3)));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(derived).isNotEmpty();
        assertThat(derived.stream().filter(k -> !isWiped(k)).count()).isEqualTo(1);
    }

    /**
     * A slow or hung token call deriving one key holds no lock of the cache: another caller, even for that very key,
     * gets its answer while the first derivation is still running.
     */
    @Test
    void aDerivationInProgress_blocksNoOtherCaller() throws Exception {
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        AtomicInteger stillInside = new AtomicInteger();
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> first = slow.submit(() -> cache.get(slot(5), () -> {
                stillInside.set(1);
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // a bound, so that a lock held here fails the test, not hangs it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stillInside.set(0);
                return keyOf(5);
            }));
            inside.await();

            byte[] same = cache.get(slot(5), () -> keyOf(5));
            byte[] other = cache.get(slot(6), () -> keyOf(6));

            assertThat(stillInside).as("answered while the first derivation was still in the token").hasValue(1);
            release.countDown();
            assertThat(same).isEqualTo(keyOf(5));
            assertThat(other).isEqualTo(keyOf(6));
            assertThat(first.get()).isEqualTo(keyOf(5));
        } finally {
            release.countDown();
            slow.shutdownNow();
        }
    }

    @Test
    void peek_neitherStoresNorRefreshesTheIdleTime() {
        AtomicLong nanos = new AtomicLong();
        Ticker clock = nanos::get;
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE, clock);

        assertThat(cache.peek(slot(1))).isNull();
        assertThat(cache.size()).isZero();

        byte[] kept = keyOf(2);
        cache.remember(slot(2), kept);
        nanos.addAndGet(IDLE.minusSeconds(1).toNanos());
        assertThat(cache.peek(slot(2))).isEqualTo(keyOf(2)); // a forged message's lookup, just before the idle time
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(cache.peek(slot(2))).isNull();
        assertThat(cache.size()).isZero();
        assertThat(kept).containsOnly(0);
    }

    @Test
    void remember_ofACachedKey_restartsItsIdleTime_andWipesTheOfferedCopy() {
        AtomicLong nanos = new AtomicLong();
        Ticker clock = nanos::get;
        DerivedKeyCache cache = new DerivedKeyCache(100, IDLE, clock);
        cache.remember(slot(1), keyOf(1));
        nanos.addAndGet(IDLE.minusSeconds(1).toNanos());

        byte[] again = keyOf(1);
        cache.remember(slot(1), again); // a second verified message
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(again).containsOnly(0);
        assertThat(cache.peek(slot(1))).isEqualTo(keyOf(1));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theCacheOff_remembersNothing_andWipesWhatItIsOffered() {
        DerivedKeyCache cache = new DerivedKeyCache(0, IDLE);
        byte[] offered = keyOf(1);

        cache.remember(slot(1), offered);

        assertThat(offered).containsOnly(0);
        assertThat(cache.peek(slot(1))).isNull();
    }

    /**
     * Keys evicted (and wiped) while other threads are taking their copies: a caller must never get a wiped or another
     * card's key, whatever the interleaving.
     */
    @Test
    void underConstantEviction_everyCallerGetsItsCardsKey_neverAWipedOne() throws Exception {
        DerivedKeyCache cache = new DerivedKeyCache(4, IDLE);
        List<byte[]> seen = inParallel(4, 5_000, i -> {
            int card = (i * 7919) % 32;
            byte[] key = cache.get(slot(card), () -> keyOf(card));
            return concat(card, key);
        });

        assertThat(seen).hasSize(20_000).allSatisfy(entry -> {
            int card = entry[0];
            assertThat(Arrays.copyOfRange(entry, 1, 17)).isEqualTo(keyOf(card));
        });
    }

    private static byte[] concat(int card, byte[] key) {
        byte[] out = new byte[17];
        out[0] = (byte) card;
        System.arraycopy(key, 0, out, 1, 16);
        return out;
    }

    private interface Call {
        byte[] run(int i);
    }

    private static List<byte[]> inParallel(int threads, int callsEach, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * callsEach;
                futures.add(pool.submit(() -> {
                    List<byte[]> out = new ArrayList<>();
                    for (int i = 0; i < callsEach; i++) {
                        out.add(call.run(offset + i));
                    }
                    return out;
                }));
            }
            List<byte[]> all = new ArrayList<>();
            for (Future<List<byte[]>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isWiped(byte[] key) {
        for (byte b : key) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
