package org.cardsync.backend.keys;

import java.util.Set;
import org.cardsync.protocol.CmacKey;

/**
 * Where issuer master keys live: the configuration (the demo's published key) or a PKCS#11 token (an issuer's
 * HSM), chosen by {@code cardsync.keys.store}. No method hands out a master key's bytes: callers get the KDF's
 * PRF as a {@link CmacKey}, which the token computes inside itself.
 */
public interface IssuerKeyStore {
    /** The master key of a key version, as the AES-CMAC the KDF runs on (protocol.md 1.1); throws if unknown. */
    CmacKey masterKey(int version);

    /** Every key version this store holds. */
    Set<Integer> versions();

    /** The version new card applications are issued with. */
    int currentVersion();

    /**
     * A derived card key made ready for MAC checks, in memory for both stores (a private copy, reclaimed by the
     * garbage collector, not wiped); {@code derivedKey} is wiped.
     */
    CmacKey cardKey(byte[] derivedKey);

    /** Where a key version comes from, for an operator's error message (never the key itself). */
    String describe(int version);
}
