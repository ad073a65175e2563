package org.cardsync.applet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.cardsync.protocol.ActionPayload;

/**
 * A random, reproducible past for a card application before a tear: a few sessions of random actions
 * (credits, parameter writes, a BLOCK and its UNBLOCK, PIN try resets) and cardholder steps between them
 * (a wrong PIN then the right one, purchases), so that the tear meets other counters, chains, balances and
 * slots than the fixed scenario's. It always leaves the application ACTIVE with every PIN try and money in
 * the purse, which the torn commands need.
 */
final class RandomHistory {

    private RandomHistory() {
    }

    /** The history of seed {@code seed}: the same seed, the same history. */
    static Consumer<TearRig> of(long seed) {
        return rig -> {
            Random random = new Random(seed);
            int sessions = 1 + random.nextInt(4);
            for (int s = 0; s < sessions; s++) {
                if (random.nextInt(3) == 0) {
                    rig.wrongPin();
                    rig.rightPin();
                }
                if (random.nextInt(3) == 0) {
                    rig.purchase(1 + random.nextInt(100));
                }
                rig.sessionOf(actions(random).toArray(ActionPayload[]::new));
            }
        };
    }

    private static List<ActionPayload> actions(Random random) {
        List<ActionPayload> actions = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(4)) {
                case 0 -> actions.add(new ActionPayload.Credit(1 + random.nextInt(500)));
                case 1 -> {
                    byte[] value = new byte[random.nextInt(33)];
                    random.nextBytes(value);
                    actions.add(new ActionPayload.WriteParameter(random.nextInt(8), value));
                }
                case 2 -> {
                    actions.add(new ActionPayload.Block());
                    actions.add(new ActionPayload.Unblock());
                }
                default -> actions.add(new ActionPayload.ResetPinTries());
            }
        }
        return actions;
    }
}
