package org.cardsync.backend.card;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The personalisation file a simulated card (the bridge agent) or a personalisation tool replays: for each
 * application, the APDUs to send after installing the applet at that AID. It holds the card's derived keys:
 * treat it as secret and destroy it after personalisation. A card issued without an owner also gets its one-time
 * activation code here, once: it goes to the card holder with the card (the server keeps only its hash).
 */
public record PersonalisationFile(
        @Schema(required = true) String format,
        @Schema(required = true) String cardId,
        @Schema(required = true) List<Application> applications,
        @Schema(description = "only for a card issued without an owner: its one-time activation code, XXXX-XXXX-XXXX")
        @JsonInclude(JsonInclude.Include.NON_NULL) String activationCode) {
    public static final String FORMAT = "cardsync-personalisation/1";

    public record Application(@Schema(required = true) String aid, @Schema(required = true) List<String> apdus) {
    }
}
