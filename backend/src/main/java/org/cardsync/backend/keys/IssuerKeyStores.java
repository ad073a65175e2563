package org.cardsync.backend.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.cardsync.backend.config.CardsyncConfig;

/** Chooses the issuer key store by {@code cardsync.keys.store}. */
@ApplicationScoped
public class IssuerKeyStores {

    @Produces
    @ApplicationScoped
    public IssuerKeyStore issuerKeyStore(CardsyncConfig.Keys config) {
        return switch (config.store()) {
            case CONFIG -> new ConfigIssuerKeyStore(config);
            case PKCS11 -> new Pkcs11IssuerKeyStore(
                    config.pkcs11().config().orElseThrow(() -> new IllegalStateException(
                            "cardsync.keys.store=pkcs11 needs cardsync.keys.pkcs11.config (the SunPKCS11 configuration "
                                    + "file)")),
                    config.pkcs11().pin().orElseThrow(() -> new IllegalStateException(
                            "cardsync.keys.store=pkcs11 needs the token's PIN in CARDSYNC_KEYS_PKCS11_PIN")).toCharArray(),
                    config.currentVersion());
        };
    }
}
