package org.cardsync.backend.terminal.admission;

import java.util.Optional;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.protocol.UpstreamMessage;

/** What {@link UpstreamMessageAdmission} decided about one upstream message. */
public sealed interface Admission {

    /**
     * Authentic and fresh (rules 2 and 3): the card application is row-locked (rule 7) and its last accepted
     * ATC is now this message's. From here on, what the card signed is a fact to keep. The application is a plain
     * object read under the lock (card/CardApplicationRows), not a managed entity: {@code AdmittedMessageSettlement}
     * writes it back.
     */
    record Admitted(CardApplication application, UpstreamMessage message) implements Admission {
    }

    /** Refused: nothing changes but the audit entry, and the alert where there is one. */
    sealed interface Refused extends Admission {
        ErrorCode code();

        String why();

        /** The registered card application the message named, if any: where its rejection is written. */
        Optional<Long> namedApplicationId();
    }

    /**
     * Unreadable, or of the wrong type for the endpoint: nothing in it was verified, only that its header
     * named a registered card application (where the attempt is audited, so that a terminal probing a card
     * shows up in its timeline).
     */
    record Unverified(Optional<Long> namedApplicationId, ErrorCode code, String why) implements Refused {
    }

    /** Readable and naming a registered card application, but its MAC or its freshness failed. */
    record CheckFailed(long applicationId, UpstreamMessage message, ErrorCode code, AlertKind alert,
                       String why) implements Refused {
        @Override
        public Optional<Long> namedApplicationId() {
            return Optional.of(applicationId);
        }
    }
}
