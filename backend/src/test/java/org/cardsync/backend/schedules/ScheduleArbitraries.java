package org.cardsync.backend.schedules;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generators of fault schedules. A schedule is a list of sessions, each one: a few staff acts, the card's
 * REQUEST, a few script commands and other events, then the card's ACK, INFO or a pull. Every message and
 * command meets a fate drawn here; faults are rarer than normal delivery so that sessions also get far.
 */
final class ScheduleArbitraries {
    private ScheduleArbitraries() {
    }

    /** Over the issued purse limit (100,000): refused by the card on its merits until its retries are spent. */
    static final long OVER_LIMIT = 150_000;

    static Arbitrary<Schedule> schedules(int maxSessions, boolean powerCuts) {
        return session(powerCuts).list().ofMinSize(1).ofMaxSize(maxSessions).map(sessions -> {
            List<Step> steps = new ArrayList<>();
            sessions.forEach(steps::addAll);
            return new Schedule(steps);
        });
    }

    static Arbitrary<List<Step>> session(boolean powerCuts) {
        Arbitrary<List<Step>> before = staff().list().ofMaxSize(3);
        Arbitrary<List<Step>> middle = middle(powerCuts).list().ofMaxSize(8);
        Arbitrary<List<Step>> end = Arbitraries.frequencyOf(
                Tuple.of(5, upstream("ACK", powerCuts).map(List::of)),
                Tuple.of(2, upstream("INFO", powerCuts).map(List::of)),
                Tuple.of(1, Arbitraries.just(List.<Step>of(new Step.Pull()))),
                Tuple.of(1, Arbitraries.just(List.<Step>of())));
        return Combinators.combine(before, upstream("REQUEST", powerCuts), middle, end).as((b, request, m, e) -> {
            List<Step> steps = new ArrayList<>(b);
            steps.add(request);
            steps.addAll(m);
            steps.addAll(e);
            return steps;
        });
    }

    static Arbitrary<Step> staff() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, actions().map(Step.Queue::new)),
                Tuple.of(1, nth().map(Step.Cancel::new)),
                Tuple.of(1, nth().map(Step.Retry::new)));
    }

    static Arbitrary<Step> middle(boolean powerCuts) {
        return Arbitraries.frequencyOf(
                Tuple.of(14, command(powerCuts)),
                Tuple.of(1, nth().map(Step.ReplayCommand::new)),
                Tuple.of(1, nth().map(Step.ReplayMessage::new)),
                Tuple.of(1, Arbitraries.just(new Step.DeliverDelayed())),
                Tuple.of(1, Arbitraries.just(new Step.DeliverDelayedCommand())),
                Tuple.of(1, Arbitraries.just(new Step.Pull())),
                Tuple.of(2, staff()));
    }

    static Arbitrary<Step> upstream(String message, boolean powerCuts) {
        List<Tuple.Tuple2<Integer, Arbitrary<Step.Fate>>> fates = new ArrayList<>(List.of(
                Tuple.of(10, Arbitraries.just(Step.Fate.SENT)),
                Tuple.of(2, Arbitraries.just(Step.Fate.LOST)),
                Tuple.of(2, Arbitraries.just(Step.Fate.DUPLICATED)),
                Tuple.of(2, Arbitraries.just(Step.Fate.DELAYED)),
                Tuple.of(2, Arbitraries.just(Step.Fate.FLIPPED)),
                Tuple.of(1, Arbitraries.just(Step.Fate.MISROUTED))));
        if (powerCuts) {
            fates.add(Tuple.of(1, Arbitraries.just(Step.Fate.POWER_CUT)));
        }
        @SuppressWarnings("unchecked")
        Arbitrary<Step.Fate> fate = Arbitraries.frequencyOf(fates.toArray(Tuple.Tuple2[]::new));
        return fate.flatMap(f -> switch (f) {
            case FLIPPED -> Arbitraries.integers().between(0, 1023).map(bit -> new Step.Upstream(message, f, bit));
            // signing makes 2 or 3 persistent writes (docs/reliability.md section 1); a cut past the last is no cut
            case POWER_CUT -> Arbitraries.integers().between(1, 3).map(k -> new Step.Upstream(message, f, k));
            default -> Arbitraries.just(new Step.Upstream(message, f, 0));
        });
    }

    static Arbitrary<Step> command(boolean powerCuts) {
        List<Tuple.Tuple2<Integer, Arbitrary<Step.CommandFate>>> fates = new ArrayList<>(List.of(
                Tuple.of(12, Arbitraries.just(Step.CommandFate.SENT)),
                Tuple.of(2, Arbitraries.just(Step.CommandFate.LOST)),
                Tuple.of(2, Arbitraries.just(Step.CommandFate.DUPLICATED)),
                Tuple.of(2, Arbitraries.just(Step.CommandFate.SWAPPED)),
                Tuple.of(2, Arbitraries.just(Step.CommandFate.DELAYED)),
                Tuple.of(2, Arbitraries.just(Step.CommandFate.FLIPPED))));
        if (powerCuts) {
            fates.add(Tuple.of(3, Arbitraries.just(Step.CommandFate.POWER_CUT)));
        }
        @SuppressWarnings("unchecked")
        Arbitrary<Step.CommandFate> fate = Arbitraries.frequencyOf(fates.toArray(Tuple.Tuple2[]::new));
        return fate.flatMap(f -> switch (f) {
            case FLIPPED -> Arbitraries.integers().between(0, 2047).map(bit -> new Step.Command(f, bit));
            // an EXECUTE makes 4 to 9 persistent writes (docs/reliability.md section 1); a cut past the last is no cut
            case POWER_CUT -> Arbitraries.integers().between(1, 10).map(k -> new Step.Command(f, k));
            default -> Arbitraries.just(new Step.Command(f, 0));
        });
    }

    static Arbitrary<ActionSpec> actions() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(1, 500).map(ActionSpec::credit)),
                Tuple.of(1, Arbitraries.just(ActionSpec.credit(OVER_LIMIT))),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(1, 7),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(4))
                        .as((slot, value) -> ActionSpec.writeParameter(slot, org.cardsync.protocol.Hex.encode(value)))),
                Tuple.of(1, Arbitraries.just(ActionSpec.of("RESET_PIN_TRIES"))),
                Tuple.of(1, Arbitraries.just(ActionSpec.of("BLOCK"))),
                Tuple.of(1, Arbitraries.just(ActionSpec.of("UNBLOCK"))),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 300))
                        .as(ActionSpec::loadApplication)));
    }

    private static Arbitrary<Integer> nth() {
        return Arbitraries.integers().between(0, 15);
    }
}
