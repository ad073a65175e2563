package org.cardsync.backend.schedules;

/**
 * One step of a fault schedule: what the helpdesk, the card holder, the terminal or the network does next.
 * Each {@code toString} is a clause of the schedule's story, so that a shrunk counterexample reads as what
 * happened ("queue CREDIT 50; session 1: REQUEST sent; script command lost; ACK duplicated; ...").
 */
sealed interface Step {

    /** What the network does to one upstream message (REQUEST, ACK, INFO) on its way to the server. */
    enum Fate {
        SENT("sent"),
        LOST("lost"),
        DUPLICATED("duplicated"),
        /** Held back and delivered at a later {@link DeliverDelayed} (or after the schedule): reordered. */
        DELAYED("delayed"),
        /** One bit flipped on the way (see {@link Upstream#bit}); the original never arrives. */
        FLIPPED("bit-flipped"),
        /** Posted to the wrong endpoint (a REQUEST to /ack, an ACK or INFO to /request). */
        MISROUTED("sent to the wrong endpoint"),
        /** The card loses power at its k-th persistent write while signing (see {@link Upstream#bit}). */
        POWER_CUT("signed under a power cut");

        private final String words;

        Fate(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** What happens to the next script command on its way to the card. */
    enum CommandFate {
        SENT("sent"),
        LOST("lost"),
        DUPLICATED("duplicated"),
        /** The next command arrives first, then this one. */
        SWAPPED("swapped with the next"),
        /**
         * Held back and delivered at a later {@link DeliverDelayedCommand}, in this session or a later one (or after
         * the schedule, before the clean sessions).
         */
        DELAYED("delayed"),
        /** One bit of the command data flipped; the original never arrives. */
        FLIPPED("bit-flipped"),
        /** The card loses power at its k-th persistent write inside this command (see {@link Command#bit}). */
        POWER_CUT("power cut");

        private final String words;

        CommandFate(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** The helpdesk queues an action (staff API). */
    record Queue(ActionSpec action) implements Step {
        @Override
        public String toString() {
            return "queue " + action;
        }
    }

    /** The helpdesk cancels the n-th action queued so far (modulo their number); refused once it is final. */
    record Cancel(int nth) implements Step {
        @Override
        public String toString() {
            return "helpdesk cancels action #" + nth;
        }
    }

    /** The helpdesk retries the n-th action queued so far (modulo their number); refused unless it FAILED. */
    record Retry(int nth) implements Step {
        @Override
        public String toString() {
            return "helpdesk retries action #" + nth;
        }
    }

    /** The card signs a REQUEST, ACK or INFO; the network does {@code fate} to it ({@code bit}: flipped bit or cut write). */
    record Upstream(String message, Fate fate, int bit) implements Step {
        @Override
        public String toString() {
            return message + " " + fate + switch (fate) {
                case FLIPPED -> " (bit " + bit + ")";
                case POWER_CUT -> " at write " + bit;
                default -> "";
            };
        }
    }

    /** The terminal sends the next command of the script it holds; {@code bit} is the flipped bit or the cut write. */
    record Command(CommandFate fate, int bit) implements Step {
        @Override
        public String toString() {
            return "script command " + fate + switch (fate) {
                case FLIPPED -> " (bit " + bit + ")";
                case POWER_CUT -> " at write " + bit;
                default -> "";
            };
        }
    }

    /** A command of an earlier script is sent again (replayed). */
    record ReplayCommand(int nth) implements Step {
        @Override
        public String toString() {
            return "old script command #" + nth + " replayed";
        }
    }

    /** A message the card signed earlier is posted again (replayed). */
    record ReplayMessage(int nth) implements Step {
        @Override
        public String toString() {
            return "old message #" + nth + " replayed";
        }
    }

    /** The oldest delayed message finally arrives. */
    record DeliverDelayed() implements Step {
        @Override
        public String toString() {
            return "delayed message arrives";
        }
    }

    /** The oldest delayed script command finally reaches the card. */
    record DeliverDelayedCommand() implements Step {
        @Override
        public String toString() {
            return "delayed script command arrives";
        }
    }

    /** The card is pulled out and put back between two APDUs. */
    record Pull() implements Step {
        @Override
        public String toString() {
            return "card pulled";
        }
    }
}
