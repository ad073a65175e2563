package org.cardsync.backend.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.KeyDerivation;

/** Derives a card application's keys on demand (protocol.md 1.1); no per-card key is stored. */
@ApplicationScoped
public class CardKeys {
    private final IssuerKeyStore store;

    public CardKeys(IssuerKeyStore store) {
        this.store = store;
    }

    public byte[] upKey(int keyVersion, CardApplicationId id) {
        return KeyDerivation.deriveUpKey(store.masterKey(keyVersion), id);
    }

    public byte[] downKey(int keyVersion, CardApplicationId id) {
        return KeyDerivation.deriveDownKey(store.masterKey(keyVersion), id);
    }

    public int currentVersion() {
        return store.currentVersion();
    }

    public byte[] masterKey(int version) {
        return store.masterKey(version);
    }
}
