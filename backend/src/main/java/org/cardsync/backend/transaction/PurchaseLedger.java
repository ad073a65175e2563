package org.cardsync.backend.transaction;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.UpstreamMessage.RequestBody;

/** Keeps the PURCHASEs the card debited and signed. */
@ApplicationScoped
public class PurchaseLedger {

    /** Records the purchase of an admitted PURCHASE REQUEST; empty for any other message. */
    public Optional<Purchase> record(CardApplication app, UpstreamMessage m) {
        if (m.type() != MessageType.REQUEST || m.request().transactionType() != TransactionType.PURCHASE) {
            return Optional.empty();
        }
        RequestBody r = m.request();
        Purchase p = new Purchase();
        p.applicationId = app.id;
        p.atc = m.atc();
        p.amount = r.amount();
        p.balanceAfter = r.balance();
        p.at = Instant.now();
        p.persist();
        return Optional.of(p);
    }
}
