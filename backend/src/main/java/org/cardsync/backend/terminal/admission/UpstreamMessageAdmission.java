package org.cardsync.backend.terminal.admission;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.card.CardApplicationRows;
import org.cardsync.backend.card.CardApplicationRows.Named;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.backend.terminal.TerminalRateLimit;
import org.cardsync.backend.terminal.admission.Admission.Admitted;
import org.cardsync.backend.terminal.admission.Admission.CheckFailed;
import org.cardsync.backend.terminal.admission.Admission.Unverified;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.ProtocolException;
import org.cardsync.protocol.UpstreamHeader;
import org.cardsync.protocol.UpstreamMessage;

/**
 * The first step of the message path (protocol.md 5.4): parse, check the type, verify the MAC (rule 2), lock the card
 * application and check the freshness of the ATC (rule 3). Only an admitted message changes state.
 * Must run inside the caller's transaction: the row lock it takes holds until that transaction ends.
 */
@ApplicationScoped
public class UpstreamMessageAdmission {
    private final CardKeys keys;
    private final TerminalRateLimit limits;
    private final CardApplicationRows applications;

    public UpstreamMessageAdmission(CardKeys keys, TerminalRateLimit limits, CardApplicationRows applications) {
        this.keys = keys;
        this.limits = limits;
        this.applications = applications;
    }

    /**
     * Admits or refuses one upstream message of the expected type, given as hex.
     *
     * @throws ProtocolException for text that is not hex, {@link ApiException} for a message that names no
     *         registered card application (nothing is written then: there is no card to audit it on), and
     *         {@link org.cardsync.backend.error.TooManyRequestsException} CARD_TOO_BUSY for an authentic, fresh message
     *         over its application's allowance (the caller's transaction must roll back: nothing is kept)
     */
    public Admission admit(MessageType expected, String hex) {
        byte[] bytes = Hex.decode(hex);
        UpstreamMessage m;
        try {
            m = UpstreamMessage.parse(bytes);
        } catch (ProtocolException e) {
            return new Unverified(namedApplication(bytes), ErrorCode.of(e.error()), e.getMessage());
        }
        Optional<Named> named = applications.named(m.id());
        if (m.type() != expected) {
            String why = "expected a " + expected + ", got a " + m.type();
            if (named.isEmpty()) {
                throw new ApiException(ErrorCode.WRONG_MESSAGE_TYPE, why);
            }
            return new Unverified(named.map(Named::id), ErrorCode.WRONG_MESSAGE_TYPE, why);
        }
        // Rule 2: a forged or altered message, or one signed with another card's key, stops here. Checked before the
        // row lock is taken, so that a flood of forged messages naming a card never queues behind, or ahead of, the
        // genuine card's own messages on that lock. A forged message also leaves the derived-key cache as it was
        // (CardKeys#verifies): it cannot load, keep or evict a card's key there.
        long id = named.orElseThrow(() -> unknown(m)).id();
        int keyVersion = named.get().keyVersion();
        if (!keys.verifies(keyVersion, m)) {
            return new CheckFailed(id, m, ErrorCode.BAD_MAC, AlertKind.MAC_FAILURE, "MAC does not verify");
        }
        CardApplication app = applications.lock(id).orElseThrow(() -> unknown(m));
        // the key version changed between the two reads (a key rotation): the MAC is checked again with the new one
        if (app.keyVersion != keyVersion && !keys.verifies(app.keyVersion, m)) {
            return new CheckFailed(id, m, ErrorCode.BAD_MAC, AlertKind.MAC_FAILURE, "MAC does not verify");
        }
        // Rule 3: a replayed or delayed message (ATC not above the last accepted) stops here.
        if (m.atc() <= app.lastAtc) {
            return new CheckFailed(id, m, ErrorCode.STALE_ATC, AlertKind.STALE_ATC,
                    "ATC " + m.atc() + " is not above the last accepted " + app.lastAtc);
        }
        // Authentic and fresh: only the card could have signed it. Its application's allowance bounds how many such
        // messages change state per window (TerminalRateLimit#takeSigned); over it, nothing here is kept.
        limits.takeSigned(id);
        // written with the rest of the message's changes to the application (AdmittedMessageSettlement)
        app.lastAtc = m.atc();
        return new Admitted(app, m);
    }

    private static ApiException unknown(UpstreamMessage m) {
        return new ApiException(ErrorCode.UNKNOWN_CARD, "no card application " + m.id());
    }

    /** Best effort, unverified: the registered card application a malformed message's header names, if any. */
    private Optional<Long> namedApplication(byte[] bytes) {
        return UpstreamHeader.peek(bytes).flatMap(h -> applications.named(h.id())).map(Named::id);
    }
}
