package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.KeyDerivation;
import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.apdu.ApduTransport;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.MalformedApduException;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * One card application as the issuer sees it (card id, AID, derived keys, personalisation) together with
 * the card it lives on (card-sim's {@link JcardsimCard}, driven through protocol's {@link CardClient}):
 * the fixture most tests start from. Scripts are encoded here, with the server's key, exactly as
 * docs/protocol.md section 6 says; action types outside the protocol's list can be encoded too, to test
 * how the card refuses them.
 */
final class IssuedCard {

    /** The demo issuer master key of docs/test-vectors.json (ASCII "demo-only-mk-v01"): test value only. */
    static final byte[] MASTER_KEY = Hex.decode("64656d6f2d6f6e6c792d6d6b2d763031");
    static final byte[] CARD_ID = Hex.decode("0102030405060708");
    static final byte[] AID = Hex.decode("f04341524453594e4301");
    static final byte[] SECOND_AID = Hex.decode("f04341524453594e4302");
    static final String PIN = "1234";

    /** The card, when it is a plain {@link JcardsimCard}; null for a card reached through {@link #over}. */
    final JcardsimCard card;
    final CardClient client;
    final CardApplicationId id;
    final byte[] upKey;
    final byte[] downKey;
    final Personalisation personalisation;
    /** ATC of the session opened by the last {@link #openSession()}. */
    long sessionAtc;

    private IssuedCard(ApduTransport transport, JcardsimCard card, Personalisation personalisation) {
        this.card = card;
        this.client = new CardClient(transport);
        this.personalisation = personalisation;
        this.id = personalisation.id();
        this.upKey = personalisation.upKey();
        this.downKey = personalisation.downKey();
    }

    /** The demo personalisation of docs/test-vectors.json, with the given initial counters and purse. */
    static Personalisation personalisation(byte[] aid, long purseLimit, long balance, long initialCa,
                                           long initialAtc) {
        CardApplicationId id = new CardApplicationId(CARD_ID, aid);
        SortedMap<Integer, byte[]> parameters = new TreeMap<>();
        parameters.put(0, Hex.decode("0102"));
        parameters.put(3, Hex.decode("68656c6c6f"));
        return new Personalisation(id, KeyDerivation.deriveUpKey(MASTER_KEY, id),
                KeyDerivation.deriveDownKey(MASTER_KEY, id), purseLimit, balance, initialCa, initialAtc, 3,
                PIN.getBytes(StandardCharsets.US_ASCII), parameters);
    }

    /**
     * A card with an instance of {@link CardsyncApplet} at each AID, nothing personalised, nothing
     * selected. After every command it checks that no Java Card transaction was left open: jcardsim
     * neither aborts one nor complains, so this is where a handler that threw inside its transaction
     * shows up.
     */
    static JcardsimCard blankCard(byte[]... aids) {
        JcardsimCard card = JcardsimCard.blank((command, transactionDepth) ->
                assertThat(transactionDepth).as("transaction depth after %s", command).isZero());
        for (byte[] aid : aids) {
            card.install(CardsyncApplet.class, aid);
        }
        return card;
    }

    /** A command APDU written in hex or bytes, checked for well-formed ISO lengths as a reader would. */
    static CommandApdu apdu(byte[] bytes) {
        try {
            return CommandApdu.parse(bytes);
        } catch (MalformedApduException e) {
            throw new AssertionError("a test sends a malformed APDU: " + e.getMessage(), e);
        }
    }

    static CommandApdu apdu(String hex) {
        return apdu(Hex.decode(hex));
    }

    /** REQUEST command data with any type code (the typed builder refuses unknown types). */
    static byte[] requestData(int type, long amount, byte[] unpredictableNumber, byte[] challenge) {
        return ByteBuffer.allocate(25).put((byte) type).putInt((int) amount).put(unpredictableNumber)
                .put(challenge).array();
    }

    /** REQUEST SYNC with a zero UN and challenge. */
    static CommandApdu sync() {
        return CardCommands.request(TransactionType.SYNC, 0, new byte[4], new byte[16]);
    }

    /** REQUEST PURCHASE of {@code amount} with a zero UN and challenge. */
    static CommandApdu purchase(long amount) {
        return CardCommands.request(TransactionType.PURCHASE, amount, new byte[4], new byte[16]);
    }

    /** A fresh card with one instance, personalised with the demo values and selected. */
    static IssuedCard personalised() {
        return personalised(personalisation(AID, 100_000, 1_000, 0, 0));
    }

    /** A fresh card with one instance, personalised as given and selected. */
    static IssuedCard personalised(Personalisation personalisation) {
        IssuedCard issued = on(blankCard(personalisation.id().aid()), personalisation);
        issued.expectOk(CardCommands.personalise(personalisation));
        return issued;
    }

    /** An instance on an existing card, selected, not yet personalised. */
    static IssuedCard on(JcardsimCard card, Personalisation personalisation) {
        IssuedCard issued = new IssuedCard(card, card, personalisation);
        issued.expectOk(CardCommands.select(personalisation.id().aid()));
        return issued;
    }

    /**
     * An instance on a card reached through any transport (card-sim's TearingCard, for one), selected,
     * not yet personalised; {@link #card} is null.
     */
    static IssuedCard over(ApduTransport transport, Personalisation personalisation) {
        IssuedCard issued = new IssuedCard(transport, null, personalisation);
        issued.expectOk(CardCommands.select(personalisation.id().aid()));
        return issued;
    }

    ResponseApdu send(CommandApdu apdu) {
        return client.transmit(apdu);
    }

    ResponseApdu send(byte[] apdu) {
        return send(apdu(apdu));
    }

    ResponseApdu send(String apduHex) {
        return send(apdu(apduHex));
    }

    ResponseApdu expectOk(CommandApdu apdu) {
        ResponseApdu response = send(apdu);
        assertThat(response.swHex()).as("SW of %s", apdu).isEqualTo("9000");
        return response;
    }

    ResponseApdu select() {
        return expectOk(CardCommands.select(id.aid()));
    }

    CardStatus status() {
        ResponseApdu response = expectOk(CardCommands.getStatus());
        return CardStatus.parse(response.data());
    }

    /** REQUEST SYNC: opens a session; returns the signed message, checked against K_UP. */
    UpstreamMessage openSession() {
        UpstreamMessage request = signed(sync());
        sessionAtc = request.atc();
        return request;
    }

    UpstreamMessage ack() {
        return signed(CardCommands.ack());
    }

    UpstreamMessage info() {
        return signed(CardCommands.info());
    }

    /** Sends a command whose answer is a signed message; checks SW 9000 and the MAC. */
    UpstreamMessage signed(CommandApdu apdu) {
        UpstreamMessage message = CardClient.signedMessage(expectOk(apdu));
        assertThat(message.verify(upKey)).as("MAC of %s", message).isTrue();
        assertThat(message.id()).isEqualTo(id);
        return message;
    }

    /** EXECUTE data for this card application, bound to the given session. */
    byte[] command(long atc, long sequence, int actionType, byte[] payload) {
        byte[] body = ByteBuffer.allocate(11 + payload.length).put((byte) 1).putInt((int) atc)
                .putInt((int) sequence).put((byte) actionType).put((byte) payload.length).put(payload).array();
        ByteArrayOutputStream macInput = new ByteArrayOutputStream();
        macInput.writeBytes(id.encode());
        macInput.writeBytes(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body);
        out.writeBytes(AesCmac.mac(downKey, macInput.toByteArray()));
        return out.toByteArray();
    }

    /** EXECUTE data bound to the session opened last. */
    byte[] command(long sequence, int actionType, byte[] payload) {
        return command(sessionAtc, sequence, actionType, payload);
    }

    ResponseApdu execute(byte[] scriptCommand) {
        return send(CardCommands.execute(scriptCommand));
    }

    ResponseApdu execute(long sequence, int actionType, byte[] payload) {
        return execute(command(sequence, actionType, payload));
    }

    ResponseApdu execute(long sequence, ActionType action, byte[] payload) {
        return execute(sequence, action.code(), payload);
    }

    /**
     * Everything the card shows without changing anything: GET STATUS and the 8 parameters. Two equal
     * snapshots around a refused command show that it changed nothing observable.
     */
    List<String> snapshot() {
        List<String> snapshot = new ArrayList<>();
        snapshot.add(expectOk(CardCommands.getStatus()).hex());
        for (int slot = 0; slot < 8; slot++) {
            snapshot.add(send(CardCommands.readParameter(slot)).hex());
        }
        return snapshot;
    }

    static byte[] u32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }
}
