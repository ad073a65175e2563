package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * The card pulled out of the reader between APDUs (jcardsim's reset: transient memory cleared,
 * persistent state kept), against rules 4, 5 and 6: the CA the card signs is always exactly the
 * number of actions that answered 9000, and a terminal that follows the server's resend rule ends up
 * with every action executed exactly once, wherever the removals fall.
 *
 * <p>jcardsim cannot cut power inside an APDU; that case rests on the transaction design
 * (docs/applet.md) and is not proven here.
 */
class RemovalPropertyTest {

    private static final long BASE = 0x0000FFFDL;

    /**
     * A card removed after the APDU at {@code removeAfter} (0 = after SELECT, 1 = after REQUEST, ...,
     * up to after the ACK), then reselected, and the terminal sends the rest of the script anyway.
     * Every script length from 1 to 5 with every removal point (exhaustive generation).
     */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void removalBetweenAnyTwoApdusOfAScript_leavesCaEqualToTheActionsThatAnswered9000(
            @ForAll @IntRange(min = 1, max = 5) int actions, @ForAll @IntRange(min = 0, max = 7) int removeAfter) {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000_000, 0, BASE, 0));
        List<CommandApdu> apdus = new ArrayList<>();
        apdus.add(CardCommands.select(IssuedCard.AID));
        apdus.add(IssuedCard.sync());
        long sessionAtc = card.status().atc() + 1;
        for (int i = 1; i <= actions; i++) {
            apdus.add(CardCommands.execute(card.command(sessionAtc, BASE + i, 1, IssuedCard.u32(1L << i))));
        }
        apdus.add(CardCommands.ack());

        int ok = 0;
        long credited = 0;
        for (int index = 0; index < apdus.size(); index++) {
            ResponseApdu response = card.send(apdus.get(index));
            if (index >= 2 && index < 2 + actions && response.isOk()) {
                ok++;
                credited += 1L << (index - 1);
            }
            if (index == removeAfter) {
                card.card.removeAndReinsert();
                card.select();
            }
        }

        UpstreamMessage request = card.openSession();
        assertThat(request.ca()).isEqualTo(BASE + ok);
        assertThat(card.status().balance()).isEqualTo(credited);
        // Removed after SELECT: the REQUEST comes after the removal, so the whole script runs.
        // Removed after the REQUEST or the k-th EXECUTE: k actions ran; the rest met a closed session.
        assertThat(ok).isEqualTo(removeAfter == 0 ? actions : Math.min(actions, removeAfter - 1));
    }

    /**
     * A terminal that runs the protocol's loop (select, REQUEST, the server's script from CA' + 1,
     * ACK), with the card pulled out before any of the APDUs listed: whatever the removals, every
     * signed CA equals the base plus the actions that answered 9000, and in the end each action has
     * run exactly once.
     */
    @Property(tries = 150)
    void serverResendLoop_withRemovalsAnywhere_executesEveryActionExactlyOnce(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 999) Integer> credits,
            @ForAll @Size(max = 12) Set<@IntRange(min = 0, max = 40) Integer> removeBefore) {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000_000, 0, BASE, 0));
        int apduCount = 0;
        int answered9000 = 0;
        long confirmedCa = BASE;
        int rounds = 0;
        while (confirmedCa < BASE + credits.size()) {
            rounds++;
            assertThat(rounds).as("rounds").isLessThan(60);
            List<CommandApdu> round = new ArrayList<>();
            // SELECT and REQUEST; the script comes after the REQUEST's answer.
            if (removeBefore.contains(apduCount++)) {
                card.card.removeAndReinsert();
            }
            if (!card.send(CardCommands.select(IssuedCard.AID)).isOk()) {
                continue;
            }
            if (removeBefore.contains(apduCount++)) {
                card.card.removeAndReinsert();
            }
            ResponseApdu requestResponse = card.send(IssuedCard.sync());
            if (!requestResponse.isOk()) {
                continue;
            }
            UpstreamMessage request = CardClient.signedMessage(requestResponse);
            assertThat(request.verify(card.upKey)).isTrue();
            // Rule 6: the signed CA is the truth; everything above it is resent.
            assertThat(request.ca()).isEqualTo(BASE + answered9000);
            confirmedCa = request.ca();
            for (long s = confirmedCa + 1; s <= BASE + credits.size(); s++) {
                int amount = credits.get((int) (s - BASE - 1));
                round.add(CardCommands.execute(card.command(request.atc(), s, 1, IssuedCard.u32(amount))));
            }
            for (CommandApdu execute : round) {
                if (removeBefore.contains(apduCount++)) {
                    card.card.removeAndReinsert();
                }
                if (!card.send(execute).isOk()) {
                    break;
                }
                answered9000++;
            }
            if (removeBefore.contains(apduCount++)) {
                card.card.removeAndReinsert();
            }
            ResponseApdu ackResponse = card.send(CardCommands.ack());
            if (ackResponse.isOk()) {
                UpstreamMessage ack = CardClient.signedMessage(ackResponse);
                assertThat(ack.verify(card.upKey)).isTrue();
                assertThat(ack.ca()).isEqualTo(BASE + answered9000);
                assertThat(ack.report().caAtStart() + ack.report().executed()).isEqualTo(ack.ca());
                confirmedCa = ack.ca();
            }
        }

        card.select();
        CardStatus status = card.status();
        assertThat(status.ca()).isEqualTo(BASE + credits.size());
        assertThat(answered9000).isEqualTo(credits.size());
        assertThat(status.balance()).isEqualTo(credits.stream().mapToLong(Integer::longValue).sum());
    }
}
