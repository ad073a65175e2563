package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.AesCmac;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.KeyDerivation;
import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.UpstreamMessage;

/**
 * One card application as the issuer sees it (card id, AID, derived keys, personalisation) together with
 * the {@link TestCard} it lives on: the fixture most tests start from. Scripts are encoded here, with
 * the server's key, exactly as docs/protocol.md section 6 says; action types outside the protocol's
 * list can be encoded too, to test how the card refuses them.
 */
final class IssuedCard {

    /** The demo issuer master key of docs/test-vectors.json (ASCII "demo-only-mk-v01"): test value only. */
    static final byte[] MASTER_KEY = Hex.decode("64656d6f2d6f6e6c792d6d6b2d763031");
    static final byte[] CARD_ID = Hex.decode("0102030405060708");
    static final byte[] AID = Hex.decode("f04341524453594e4301");
    static final byte[] SECOND_AID = Hex.decode("f04341524453594e4302");
    static final String PIN = "1234";

    final TestCard card;
    final CardApplicationId id;
    final byte[] upKey;
    final byte[] downKey;
    final Personalisation personalisation;
    /** ATC of the session opened by the last {@link #openSession()}. */
    long sessionAtc;

    private IssuedCard(TestCard card, Personalisation personalisation) {
        this.card = card;
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

    /** A fresh card with one instance, personalised with the demo values and selected. */
    static IssuedCard personalised() {
        return personalised(personalisation(AID, 100_000, 1_000, 0, 0));
    }

    /** A fresh card with one instance, personalised as given and selected. */
    static IssuedCard personalised(Personalisation personalisation) {
        IssuedCard issued = on(new TestCard(personalisation.id().aid()), personalisation);
        issued.expectOk(Commands.personalise(personalisation));
        return issued;
    }

    /** An instance on an existing card, selected, not yet personalised. */
    static IssuedCard on(TestCard card, Personalisation personalisation) {
        IssuedCard issued = new IssuedCard(card, personalisation);
        issued.expectOk(Commands.select(personalisation.id().aid()));
        return issued;
    }

    Response send(byte[] apdu) {
        return card.send(apdu);
    }

    Response send(String apduHex) {
        return card.send(apduHex);
    }

    Response expectOk(byte[] apdu) {
        Response response = card.send(apdu);
        assertThat(response.swHex()).as("SW of %s", Hex.encode(apdu)).isEqualTo("9000");
        return response;
    }

    Response select() {
        return expectOk(Commands.select(id.aid()));
    }

    Status status() {
        return Status.parse(expectOk(Commands.getStatus()).data());
    }

    /** REQUEST SYNC: opens a session; returns the signed message, checked against K_UP. */
    UpstreamMessage openSession() {
        UpstreamMessage request = signed(Commands.sync());
        sessionAtc = request.atc();
        return request;
    }

    UpstreamMessage ack() {
        return signed(Commands.ack());
    }

    UpstreamMessage info() {
        return signed(Commands.info());
    }

    /** Sends a command whose answer is a signed message; checks SW 9000 and the MAC. */
    UpstreamMessage signed(byte[] apdu) {
        UpstreamMessage message = expectOk(apdu).message();
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

    Response execute(byte[] scriptCommand) {
        return send(Commands.execute(scriptCommand));
    }

    Response execute(long sequence, int actionType, byte[] payload) {
        return execute(command(sequence, actionType, payload));
    }

    Response execute(long sequence, ActionType action, byte[] payload) {
        return execute(sequence, action.code(), payload);
    }

    /**
     * Everything the card shows without changing anything: GET STATUS and the 8 parameters. Two equal
     * snapshots around a refused command show that it changed nothing observable.
     */
    List<String> snapshot() {
        List<String> snapshot = new ArrayList<>();
        snapshot.add(expectOk(Commands.getStatus()).hex());
        for (int slot = 0; slot < 8; slot++) {
            snapshot.add(send(Commands.readParameter(slot)).hex());
        }
        return snapshot;
    }

    static byte[] u32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }
}
