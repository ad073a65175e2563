package org.cardsync.backend.schedules;

/**
 * An action the helpdesk queues through the staff API: its JSON body (docs/api.md "Staff API") and the words
 * of the story. Some are refused by the card on their merits (a CREDIT over the purse limit, a second load of
 * one application), so that FAILED with a reason is reached too.
 */
record ActionSpec(String json, String words) {

    static ActionSpec credit(long amount) {
        return new ActionSpec("{\"type\":\"CREDIT\",\"amount\":" + amount + "}", "CREDIT " + amount);
    }

    static ActionSpec writeParameter(int slot, String valueHex) {
        return new ActionSpec("{\"type\":\"WRITE_PARAMETER\",\"slot\":" + slot + ",\"value\":\"" + valueHex + "\"}",
                "WRITE_PARAMETER " + slot + "=" + (valueHex.isEmpty() ? "(empty)" : valueHex));
    }

    /** A record of {@code length} bytes (one LOAD_APPLICATION_BLOCK per 128 bytes, then the activation). */
    static ActionSpec loadApplication(int appId, int length) {
        return new ActionSpec("{\"type\":\"LOAD_APPLICATION\",\"appId\":" + appId + ",\"record\":\""
                + "a5".repeat(length) + "\"}", "LOAD_APPLICATION app " + appId + " (" + length + " bytes)");
    }

    static ActionSpec of(String type) {
        return new ActionSpec("{\"type\":\"" + type + "\"}", type);
    }

    @Override
    public String toString() {
        return words;
    }
}
