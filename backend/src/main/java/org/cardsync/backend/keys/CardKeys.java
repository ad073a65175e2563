package org.cardsync.backend.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.KeyDerivation;

/**
 * A card application's keys, derived on demand from its key version's master key (protocol.md 1.1); no per-card key
 * is stored. The derivation runs where the master key lives (the PKCS#11 token); the derived key is then held in
 * memory by the {@link CmacKey} that {@link IssuerKeyStore#cardKey} returns, for as long as the caller keeps it.
 */
@ApplicationScoped
public class CardKeys {
    private final IssuerKeyStore store;

    public CardKeys(IssuerKeyStore store) {
        this.store = store;
    }

    /** K_UP, to check the card's MACs and action chain. */
    public CmacKey upKey(int keyVersion, CardApplicationId id) {
        return store.cardKey(KeyDerivation.deriveUpKey(store.masterKey(keyVersion), id));
    }

    /** K_DN, to MAC script commands. */
    public CmacKey downKey(int keyVersion, CardApplicationId id) {
        return store.cardKey(KeyDerivation.deriveDownKey(store.masterKey(keyVersion), id));
    }

    /**
     * Both keys as bytes, for the card's PERSONALISE command only (they are written into the card); the caller wipes
     * them ({@code CardIssuance.personalisation} does).
     */
    public CardKeyPair forPersonalisation(int keyVersion, CardApplicationId id) {
        CmacKey master = store.masterKey(keyVersion);
        return new CardKeyPair(KeyDerivation.deriveUpKey(master, id), KeyDerivation.deriveDownKey(master, id));
    }

    public int currentVersion() {
        return store.currentVersion();
    }
}
