package org.cardsync.loadgen.seed;

import java.nio.ByteBuffer;

/**
 * The action chains written for seeded applications. A real chain is a CMAC under the card application's K_UP
 * (protocol.md 1.3); a seeded application has no card, so no message can ever be compared with its chain, and any
 * 16 bytes keep the schema's checks and the backend's reads whole. At CA 0 it is the real initial chain (16 zero bytes,
 * what issuance writes); above, a fixed mix of the application id and the CA, distinct per script as a real one is.
 */
final class SeedChains {
    private SeedChains() {
    }

    static byte[] at(long applicationId, long ca) {
        if (ca == 0) {
            return new byte[16];
        }
        return ByteBuffer.allocate(16).putLong(mix(applicationId)).putLong(mix(applicationId * 31 + ca)).array();
    }

    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
