package org.cardsync.backend.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CmacKey;

/**
 * Master keys in a PKCS#11 token (an issuer's HSM; SoftHSM2 in tests and trials) through the JDK's SunPKCS11
 * provider ({@code cardsync.keys.store=pkcs11}). Key version N is the AES-128 secret key labelled
 * {@code cardsync-master-vN}. The keys never leave the token: the KDF's CMAC runs inside it ({@link TokenCmac}). The
 * derived card keys' MACs are computed in memory (see {@link #cardKey}).
 */
final class Pkcs11IssuerKeyStore implements IssuerKeyStore {
    static final String LABEL_PREFIX = "cardsync-master-v";
    private static final Pattern LABEL = Pattern.compile(Pattern.quote(LABEL_PREFIX) + "([1-9][0-9]{0,8})");

    private final Provider token;
    private final ThreadLocal<Cipher> cbc;
    private final Map<Integer, CmacKey> masterKeys = new TreeMap<>();
    private final int currentVersion;

    Pkcs11IssuerKeyStore(String configFile, char[] pin, int currentVersion) {
        try {
            this.token = Security.getProvider("SunPKCS11").configure(configFile);
            Provider provider = token;
            this.cbc = ThreadLocal.withInitial(() -> TokenCmac.tokenCbc(provider));
            KeyStore keyStore = KeyStore.getInstance("PKCS11", token);
            keyStore.load(null, pin);
            for (String label : Collections.list(keyStore.aliases())) {
                Matcher m = LABEL.matcher(label);
                if (m.matches()) {
                    masterKeys.put(Integer.parseInt(m.group(1)), new TokenCmac(cbc, checked(label,
                            keyStore.getKey(label, null))));
                }
            }
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            // the PIN is never in the message: SunPKCS11's messages name the call and its CKR_ code only
            throw new IllegalStateException("could not open the PKCS#11 token of " + configFile + ": " + e.getMessage(),
                    e);
        } finally {
            Arrays.fill(pin, '\0');
        }
        this.currentVersion = currentVersion;
        if (!masterKeys.containsKey(currentVersion)) {
            throw new IllegalStateException("no key labelled " + LABEL_PREFIX + currentVersion + " in the PKCS#11 token of "
                    + configFile + " (the current key version is " + currentVersion + ")");
        }
    }

    /**
     * Refuses a master key that could leave the token: an extractable key can be wrapped out by anyone holding the
     * PIN, and a key that is not sensitive can be read in clear; either way whoever gets it forges every card of
     * its version. SunPKCS11 shows the two attributes only at the END of a P11 key's description, which STARTS with
     * the provider name from the operator's configuration: only the end is read, so a configuration named with the
     * same words cannot pass an extractable key. A key whose description does not end so (another provider, another
     * format) is refused too: fail closed.
     */
    private static SecretKey checked(String label, Key key) {
        if (!(key instanceof SecretKey secret) || !"AES".equals(key.getAlgorithm())) {
            throw new IllegalStateException("token object " + label + " is not an AES secret key");
        }
        if (key.getEncoded() != null || !key.toString().endsWith(", sensitive, unextractable)")) {
            throw new IllegalStateException("token key " + label + " is extractable or not sensitive; issuer master keys"
                    + " must be created with CKA_EXTRACTABLE=false and CKA_SENSITIVE=true");
        }
        return secret;
    }

    @Override
    public CmacKey masterKey(int version) {
        CmacKey key = masterKeys.get(version);
        if (key == null) {
            throw new IllegalStateException("no key labelled " + LABEL_PREFIX + version + " in the PKCS#11 token");
        }
        return key;
    }

    @Override
    public Set<Integer> versions() {
        return masterKeys.keySet();
    }

    @Override
    public int currentVersion() {
        return currentVersion;
    }

    /**
     * The derived card key's MACs are computed in memory, from a copy that lives as long as the returned key; the
     * caller's bytes are wiped. Importing it into the token would gain nothing (the derived bytes come out of the
     * token's KDF into the JVM either way) and cost a session object per message: SunPKCS11 (JDK 17) did not free
     * them (5,000 messages left 5,000 objects after full GCs), and a real HSM's object limit would then fail every
     * MAC check.
     */
    @Override
    public CmacKey cardKey(byte[] derivedKey) {
        if (derivedKey.length != AesCmac.KEY_LENGTH) {
            throw new IllegalArgumentException("a card key is 16 bytes");
        }
        try {
            return CmacKey.of(derivedKey);
        } finally {
            Arrays.fill(derivedKey, (byte) 0);
        }
    }

    @Override
    public String describe(int version) {
        return "token key " + LABEL_PREFIX + version;
    }
}
