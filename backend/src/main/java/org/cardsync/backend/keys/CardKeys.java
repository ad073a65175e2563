package org.cardsync.backend.keys;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.keys.DerivedKeyCache.Purpose;
import org.cardsync.backend.keys.DerivedKeyCache.Slot;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.KeyDerivation;
import org.cardsync.protocol.UpstreamMessage;

/**
 * A card application's keys, derived from its key version's master key (protocol.md 1.1); no per-card key is stored
 * in the database. The derivation runs where the master key lives (the PKCS#11 token), outside the cache's locks; the
 * derived keys of card applications that proved they hold them are then kept, bounded and wiped on eviction, by the
 * {@link DerivedKeyCache} (its Javadoc gives the safety argument), and each caller gets its own in-memory
 * {@link CmacKey} copy from {@link IssuerKeyStore#cardKey}.
 */
@ApplicationScoped
public class CardKeys {
    private final IssuerKeyStore store;
    private final DerivedKeyCache cache;

    @Inject
    public CardKeys(IssuerKeyStore store, CardsyncConfig.Keys config) {
        this(store, new DerivedKeyCache(config.cache().maxEntries(), config.cache().idle()));
    }

    public CardKeys(IssuerKeyStore store, DerivedKeyCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /**
     * Whether {@code message}'s MAC verifies under the K_UP of {@code keyVersion} (rule 2). That key enters the cache,
     * or has its idle time started again, only when it does: a forged message naming a registered card leaves the
     * cache as it was, so it can neither load that card's key into memory, nor keep it there, nor evict genuine
     * sessions' keys (docs/security.md, "Derived-key cache").
     */
    public boolean verifies(int keyVersion, UpstreamMessage message) {
        Slot slot = new Slot(keyVersion, message.id(), Purpose.UP);
        byte[] key = cache.peek(slot);
        if (key == null) {
            key = KeyDerivation.deriveUpKey(store.masterKey(keyVersion), message.id());
        }
        byte[] kept = key.clone();
        if (message.verify(store.cardKey(key))) {
            cache.remember(slot, kept);
            return true;
        }
        Arrays.fill(kept, (byte) 0);
        return false;
    }

    /**
     * K_UP, to check the action chain of a message {@link #verifies} already admitted; from the cache when there,
     * never stored by this lookup.
     */
    public CmacKey upKey(int keyVersion, CardApplicationId id) {
        byte[] key = cache.peek(new Slot(keyVersion, id, Purpose.UP));
        return store.cardKey(key != null ? key : KeyDerivation.deriveUpKey(store.masterKey(keyVersion), id));
    }

    /**
     * K_DN, to MAC script commands: cached on use, since it is only asked for after a message whose MAC verified
     * (script issuance for a REQUEST, the in-flight script's chains for the message that settles it).
     */
    public CmacKey downKey(int keyVersion, CardApplicationId id) {
        return store.cardKey(cache.get(new Slot(keyVersion, id, Purpose.DOWN),
                () -> KeyDerivation.deriveDownKey(store.masterKey(keyVersion), id)));
    }

    /**
     * Both keys as bytes, for the card's PERSONALISE command only (they are written into the card); the caller wipes
     * them ({@code CardIssuance.personalisation} does). Always derived, never from the cache: issuance is rare, and a
     * personalisation must come from the master key itself.
     */
    public CardKeyPair forPersonalisation(int keyVersion, CardApplicationId id) {
        CmacKey master = store.masterKey(keyVersion);
        return new CardKeyPair(KeyDerivation.deriveUpKey(master, id), KeyDerivation.deriveDownKey(master, id));
    }

    public int currentVersion() {
        return store.currentVersion();
    }

    /** Whether the K_UP of {@code keyVersion} and {@code id} is cached now (for the tests). */
    boolean cachesUpKey(int keyVersion, CardApplicationId id) {
        byte[] key = cache.peek(new Slot(keyVersion, id, Purpose.UP));
        if (key == null) {
            return false;
        }
        Arrays.fill(key, (byte) 0);
        return true;
    }

    /** The keys of this server's card applications do not outlive it in memory: wiped when the application stops. */
    @PreDestroy
    void wipeCachedKeys() {
        cache.clear();
    }
}
