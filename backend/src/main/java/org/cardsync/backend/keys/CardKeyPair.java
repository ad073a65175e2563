package org.cardsync.backend.keys;

/**
 * A card application's two derived keys as bytes (protocol.md 1.1): only for its PERSONALISE command, the one
 * place they must leave the server. Every other use goes through {@link CardKeys#verifies}, {@link CardKeys#upKey}
 * and {@link CardKeys#downKey}.
 */
public record CardKeyPair(byte[] upKey, byte[] downKey) {
}
