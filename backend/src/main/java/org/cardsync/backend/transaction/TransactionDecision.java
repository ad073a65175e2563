package org.cardsync.backend.transaction;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cardsync.backend.challenge.ChallengeService;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.UpstreamMessage.RequestBody;

/** Answers the transaction an admitted REQUEST asks for: SYNC, PURCHASE or AUTHENTICATE. */
@ApplicationScoped
public class TransactionDecision {
    private final ChallengeService challenges;

    public TransactionDecision(ChallengeService challenges) {
        this.challenges = challenges;
    }

    /**
     * The decision on a transaction.
     *
     * @param challenge the server challenge an AUTHENTICATE echoed (hex), empty for the other types
     */
    public record Decision(TransactionType type, boolean approved, String detail, long amount, long balance,
                           Optional<String> challenge) {
    }

    public Decision decide(UpstreamMessage request) {
        RequestBody r = request.request();
        return switch (r.transactionType()) {
            case SYNC -> new Decision(TransactionType.SYNC, true, "session opened", 0, r.balance(), Optional.empty());
            case PURCHASE -> new Decision(TransactionType.PURCHASE, true, "debited by the card", r.amount(), r.balance(),
                    Optional.empty());
            case AUTHENTICATE -> {
                boolean ok = challenges.consume(r.challenge());
                yield new Decision(TransactionType.AUTHENTICATE, ok,
                        ok ? "card authenticated" : "challenge unknown, used or expired", 0, r.balance(),
                        Optional.of(Hex.encode(r.challenge())));
            }
        };
    }
}
