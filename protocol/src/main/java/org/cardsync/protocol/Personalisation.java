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
    public static final int MAX_PARAMETER_SLOTS = 8;
    public static final int MAX_PARAMETER_LENGTH = 32;

    public Personalisation {
        if (upKey.length != AesCmac.KEY_LENGTH || downKey.length != AesCmac.KEY_LENGTH) {
            throw new IllegalArgumentException("keys must be 16 bytes");
        }
        if (balance > purseLimit) {
            throw new IllegalArgumentException("balance above the purse limit");
        }
        if (pinTryLimit < 1 || pinTryLimit > 15) {
            throw new IllegalArgumentException("PIN try limit must be 1 to 15");
        }
        if (pin.length < 4 || pin.length > 8) {
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
