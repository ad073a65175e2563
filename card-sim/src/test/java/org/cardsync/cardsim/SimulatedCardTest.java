package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.junit.jupiter.api.Test;

class SimulatedCardTest {

    private static final String AID = "f04341524453594e4301";
    private static final String SECOND_AID = "f04341524453594e4302";

    @Test
    void transmit_reachesTheAppletAtItsAid() {
        SimulatedCard card = SimulatedCard.withApplications(AID);

        assertThat(Hex.encode(card.transmit(Hex.decode("00a404000a" + AID)))).isEqualTo("9000");
        CardResponse status = CardResponse.of(card.transmit(Hex.decode("8030000000")));
        assertThat(status.isOk()).isTrue();
        assertThat(CardStatus.parse(status.data()).state()).isEqualTo(LifeCycleState.NEW);
        assertThat(CardStatus.parse(status.data()).aid()).isEqualTo(Hex.decode(AID));
    }

    @Test
    void severalApplications_areSeparateInstancesAtTheirAids() {
        SimulatedCard card = SimulatedCard.withApplications(AID, SECOND_AID);
        CardSession session = new CardSession(card);

        session.select(Hex.decode(SECOND_AID));
        assertThat(session.status().aid()).isEqualTo(Hex.decode(SECOND_AID));
        session.select(Hex.decode(AID));
        assertThat(session.status().aid()).isEqualTo(Hex.decode(AID));
        assertThat(card.aids()).extracting(Hex::encode).containsExactly(AID, SECOND_AID);
    }

    @Test
    void removeAndReinsert_endsTheSession_keepsPersistentState_andDeselects() {
        SimulatedCard card = SimulatedCard.withApplications(AID);
        CardSession session = new CardSession(card);
        DemoIssuer.personalise(session);
        assertThat(session.request(org.cardsync.protocol.TransactionType.SYNC, 0, new byte[4], new byte[16]).isOk())
                .isTrue();
        assertThat(session.status().sessionOpen()).isTrue();

        card.removeAndReinsert();

        assertThat(session.getStatus().swHex()).as("nothing selected after reinsertion").isEqualTo("6986");
        session.select(Hex.decode(AID));
        CardStatus status = session.status();
        assertThat(status.sessionOpen()).isFalse();
        assertThat(status.state()).isEqualTo(LifeCycleState.ACTIVE);
        assertThat(status.atc()).isEqualTo(1);
    }

    @Test
    void atr_isJcardsimsDefault() {
        assertThat(Hex.encode(SimulatedCard.withApplications(AID).atr()))
                .isEqualToIgnoringCase("3BFA1800008131FE454A434F5033315632333298");
    }

    @Test
    void badAids_areRefusedAtConstruction() {
        assertThatThrownBy(() -> SimulatedCard.withApplications("f0434152")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedCard.withApplications(AID, AID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedCard.withApplications(new byte[0][])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedApdu_isATransportError_notAStatusWord() {
        SimulatedCard card = SimulatedCard.withApplications(AID);

        assertThatThrownBy(() -> card.transmit(Hex.decode("8030"))).isInstanceOf(ApduTransportException.class);
        assertThatThrownBy(() -> card.transmit(Hex.decode("8042000005010203"))).isInstanceOf(ApduTransportException.class);
    }

    @Test
    void cards_areIndependent_andUsableFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int requests = i + 1;
                results.add(pool.submit(() -> {
                    SimulatedCard card = SimulatedCard.withApplications(AID);
                    CardSession session = new CardSession(card);
                    DemoIssuer.personalise(session);
                    for (int r = 0; r < requests; r++) {
                        session.request(org.cardsync.protocol.TransactionType.SYNC, 0, new byte[4], new byte[16]);
                    }
                    return session.status().atc();
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get()).isEqualTo(i + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
