package org.cardsync.backend.card;

import java.util.List;

/**
 * The personalisation file a simulated card (the bridge agent) or a personalisation tool replays: for each
 * application, the APDUs to send after installing the applet at that AID. It holds the card's derived keys:
 * treat it as secret and destroy it after personalisation.
 */
public record PersonalisationFile(String format, String cardId, List<Application> applications) {
    public static final String FORMAT = "cardsync-personalisation/1";

    public record Application(String aid, List<String> apdus) {
    }
}
