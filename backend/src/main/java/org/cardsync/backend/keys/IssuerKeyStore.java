package org.cardsync.backend.keys;

/**
 * Where issuer master keys come from. The configuration-backed store is the default; a PKCS#11 or HSM
 * store can replace it (card keys are then derived inside the token with the same KDF).
 */
public interface IssuerKeyStore {
    /** The master key of a key version; throws if the version is unknown. */
    byte[] masterKey(int version);

    /** The version new card applications are issued with. */
    int currentVersion();
}
