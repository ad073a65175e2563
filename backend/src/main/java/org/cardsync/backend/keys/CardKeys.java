package org.cardsync.backend.keys;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.keys.DerivedKeyCache.Purpose;
import org.cardsync.backend.keys.DerivedKeyCache.Slot;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.KeyDerivation;

/**
 * A card application's keys, derived from its key version's master key (protocol.md 1.1); no per-card key is stored
 * in the database. The derivation runs where the master key lives (the PKCS#11 token); the derived keys of recently
 * active card applications are then kept, bounded and wiped on eviction, by the {@link DerivedKeyCache} (its Javadoc
 * gives the safety argument), and each caller gets its own in-memory {@link CmacKey} copy from
 * {@link IssuerKeyStore#cardKey}.
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

    /** K_UP, to check the card's MACs and action chain. */
    public CmacKey upKey(int keyVersion, CardApplicationId id) {
        return store.cardKey(cache.get(new Slot(keyVersion, id, Purpose.UP),
                () -> KeyDerivation.deriveUpKey(store.masterKey(keyVersion), id)));
    }

    /** K_DN, to MAC script commands. */
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

    /** The keys of this server's card applications do not outlive it in memory: wiped when the application stops. */
    @PreDestroy
    void wipeCachedKeys() {
        cache.clear();
    }
}
