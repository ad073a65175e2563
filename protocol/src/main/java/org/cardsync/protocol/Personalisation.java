package org.cardsync.protocol;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data of one PERSONALISE command (protocol.md section 3): everything a card application needs to
 * start, including its two derived keys. Produced by the backend's issuance, replayed once to the card.
 */
public record Personalisation(
        CardApplicationId id,
        byte[] upKey,
        byte[] downKey,
        long purseLimit,
        long balance,
        long initialCa,
        long initialAtc,
        int pinTryLimit,
        byte[] pin,
        SortedMap<Integer, byte[]> parameters) {

    public static final int VERSION = 0x01;
    /** PIN length in bytes (section 3: 4 to 8). */
    public static final int PIN_MIN_LENGTH = 4;
    public static final int PIN_MAX_LENGTH = 8;
    /** PIN try limit (section 3: 1 to 15). */
    public static final int PIN_TRY_LIMIT_MIN = 1;
    public static final int PIN_TRY_LIMIT_MAX = 15;
    /** Parameter slots are 0 to MAX_PARAMETER_SLOTS - 1, so at most that many parameters (section 3). */
    public static final int MAX_PARAMETER_SLOTS = 8;
    /** The last parameter slot (section 3: slot 0-7). */
    public static final int MAX_PARAMETER_SLOT = MAX_PARAMETER_SLOTS - 1;
    /** A parameter value's bytes (section 3: len 0-32). */
    public static final int MAX_PARAMETER_LENGTH = 32;

    public Personalisation {
        if (upKey.length != AesCmac.KEY_LENGTH || downKey.length != AesCmac.KEY_LENGTH) {
            throw new IllegalArgumentException("keys must be 16 bytes");
        }
        if (balance > purseLimit) {
            throw new IllegalArgumentException("balance above the purse limit");
        }
        if (pinTryLimit < PIN_TRY_LIMIT_MIN || pinTryLimit > PIN_TRY_LIMIT_MAX) {
            throw new IllegalArgumentException("PIN try limit must be 1 to 15");
        }
        if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) {
            throw new IllegalArgumentException("PIN must be 4 to 8 bytes");
        }
        for (Map.Entry<Integer, byte[]> e : parameters.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= MAX_PARAMETER_SLOTS || e.getValue().length > MAX_PARAMETER_LENGTH) {
                throw new IllegalArgumentException("parameter slot 0-7 with at most 32 bytes");
            }
        }
        parameters = new TreeMap<>(parameters);
    }

    /** A personalisation whose keys are derived from an issuer master key (protocol.md section 1.1). */
    public static Personalisation derived(byte[] masterKey, CardApplicationId id, long purseLimit, long balance,
                                          int pinTryLimit, byte[] pin, Map<Integer, byte[]> parameters) {
        return new Personalisation(id, KeyDerivation.deriveUpKey(masterKey, id),
                KeyDerivation.deriveDownKey(masterKey, id), purseLimit, balance, 0, 0, pinTryLimit, pin,
                new TreeMap<>(parameters));
    }

    /** The PERSONALISE command data. */
    public byte[] encode() {
        Bytes.Writer w = new Bytes.Writer()
                .u8(VERSION).bytes(id.cardId()).bytes(upKey).bytes(downKey)
                .u32(purseLimit).u32(balance).u32(initialCa).u32(initialAtc)
                .u8(pinTryLimit).u8(pin.length).bytes(pin)
                .u8(parameters.size());
        parameters.forEach((slot, value) -> w.u8(slot).u8(value.length).bytes(value));
        return w.toByteArray();
    }

    /** The whole PERSONALISE command APDU (80 10 00 00 Lc data). */
    public byte[] apdu() {
        return CardCommands.personalise(this).bytes();
    }
}
