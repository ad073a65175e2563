package org.cardsync.backend.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.keys.CardKeyPair;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.protocol.ActionChain;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.Personalisation;

/** Registers cards and produces their personalisation (keys derived per application, protocol.md 1.1). */
@ApplicationScoped
public class CardIssuance {
    private final CardKeys keys;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    public CardIssuance(CardKeys keys, AuditTrail audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /**
     * Registers a card. Without an owner the card is unowned and the answer carries its one-time activation code
     * (the only time it exists in clear: only its hash is stored).
     */
    @Transactional
    public PersonalisationFile issue(IssuanceRequest request, String actor) {
        String cardId = request.cardId() != null ? request.cardId().toLowerCase() : randomCardId();
        if (Card.findByCardId(cardId).isPresent()) {
            throw new ApiException(ErrorCode.CONFLICT, "card " + cardId + " is already registered");
        }
        IssuanceOwner.requireCustomer(request.owner());
        if (new HashSet<>(request.applications().stream().map(a -> a.aid().toLowerCase()).toList()).size()
                != request.applications().size()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "each application needs its own AID");
        }
        Card card = new Card();
        card.cardId = cardId;
        card.owner = request.owner();
        String activationCode = request.owner() == null ? ActivationCode.generate() : null;
        card.activationCodeHash = activationCode == null ? null : ActivationCode.hash(activationCode);
        card.createdAt = Instant.now();
        card.persist();
        int version = keys.currentVersion();
        List<PersonalisationFile.Application> out = new ArrayList<>();
        for (IssuanceRequest.Application spec : request.applications()) {
            if (spec.balance() > spec.purseLimit()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "balance must not exceed the purse limit");
            }
            CardApplication app = new CardApplication();
            app.card = card;
            app.aid = spec.aid().toLowerCase();
            app.status = ApplicationStatus.ACTIVE;
            app.confirmedCa = 0;
            app.confirmedChain = ActionChain.initial();
            app.lastAtc = 0;
            app.keyVersion = version;
            app.lastBalance = spec.balance();
            app.purseLimit = spec.purseLimit();
            app.createdAt = Instant.now();
            app.balanceSeenAt = app.createdAt;
            app.persist();
            if (spec.parameters() != null) {
                spec.parameters().forEach((slot, value) -> ApplicationParameter.record(app.id, slot, value));
            }
            out.add(personalisation(keys.forPersonalisation(version, CardApplicationId.ofHex(cardId, app.aid)), cardId,
                    spec));
            audit.record(app.id, AuditKind.CARD_ISSUED, actor, "card " + cardId + " application " + app.aid
                    + " issued with key version " + version + (card.owner == null ? ", unowned until linked" : ""));
        }
        return new PersonalisationFile(PersonalisationFile.FORMAT, cardId, out, activationCode);
    }

    /**
     * The personalisation of one application, with its keys derived from the master key (protocol.md 1.1, 3). Wipes
     * the key pair's arrays and the APDU's bytes when done: the keys stay only in the returned file's hex text, which
     * is what the card is written from (a Java string cannot be wiped).
     */
    public static PersonalisationFile.Application personalisation(CardKeyPair keys, String cardId,
                                                                  IssuanceRequest.Application spec) {
        byte[] apdu = null;
        try {
            TreeMap<Integer, byte[]> params = new TreeMap<>();
            if (spec.parameters() != null) {
                spec.parameters().forEach((slot, value) -> params.put(slot, Hex.decode(value)));
            }
            CardApplicationId id = CardApplicationId.ofHex(cardId, spec.aid().toLowerCase());
            Personalisation p = new Personalisation(id, keys.upKey(), keys.downKey(), spec.purseLimit(), spec.balance(),
                    0, 0, spec.pinTryLimit(), spec.pin().getBytes(StandardCharsets.US_ASCII), params);
            apdu = p.apdu();
            return new PersonalisationFile.Application(id.aidHex(), List.of(Hex.encode(apdu)));
        } finally {
            Arrays.fill(keys.upKey(), (byte) 0);
            Arrays.fill(keys.downKey(), (byte) 0);
            if (apdu != null) {
                Arrays.fill(apdu, (byte) 0);
            }
        }
    }

    private String randomCardId() {
        byte[] id = new byte[CardApplicationId.CARD_ID_LENGTH];
        random.nextBytes(id);
        return Hex.encode(id);
    }
}
