package org.cardsync.loadgen.seed;

/**
 * What one seeding run adds: the customers (numbered from {@code firstCustomer}), their cards and card applications,
 * and which of those applications get a long history. Ids are reserved before anything is written
 * ({@link IdBlocks}), so a row's id is a function of its place in the plan and every table can be streamed on its own.
 */
final class SeedPlan {
    /** Every thousandth application is frozen (a counter anomaly, with its open alert), as a live issuer's are. */
    static final int FROZEN_EVERY = 1000;
    /** Every hundredth is blocked (its card signed BLOCKED: a customer reported it lost). */
    static final int BLOCKED_EVERY = 100;
    /** Each session of a long history carried a script of this many CREDITs, all executed. */
    static final int ACTIONS_PER_SESSION = 3;
    /** Audit rows per session of a long history: 3 queued, REQUEST accepted, script issued, ACK accepted, 3 executed, settled. */
    static final int AUDIT_PER_SESSION = 10;

    final long firstCustomer;
    final int cards;
    final int applications;
    /** Per application of this run (index 0 .. applications-1): its card's index and its settled sessions. */
    final int[] cardOf;
    private final int[] sessions;
    final int longHistories;
    final int shortHistories;
    private final long scripts;

    /**
     * {@code longHistories} applications (spread evenly) get {@code longSessions} settled sessions each; of the others,
     * {@code shortPercent} in every hundred get {@code shortSessions}, so that the history tables grow with the
     * applications as a live issuer's do.
     */
    SeedPlan(long firstCustomer, int applications, int longHistories, int longSessions, int shortPercent,
             int shortSessions) {
        this.firstCustomer = firstCustomer;
        this.applications = applications;
        cardOf = new int[applications];
        int card = 0;
        int j = 0;
        while (j < applications) {
            int n = Math.min(Population.applicationsOf(firstCustomer + card), applications - j);
            for (int i = 0; i < n; i++) {
                cardOf[j++] = card;
            }
            card++;
        }
        cards = card;
        // long histories spread evenly over the new applications, so that they sit all over the tables and indexes
        sessions = new int[applications];
        int wanted = Math.min(longHistories, applications);
        if (wanted > 0) {
            int stride = applications / wanted;
            for (int i = 0; i < wanted; i++) {
                sessions[i * stride + stride / 2] = longSessions;
            }
        }
        this.longHistories = wanted;
        int shorts = 0;
        long total = (long) wanted * longSessions;
        for (int a = 0; a < applications && shortSessions > 0; a++) {
            if (sessions[a] == 0 && a % 100 >= 100 - shortPercent) {
                sessions[a] = shortSessions;
                shorts++;
                total += shortSessions;
            }
        }
        this.shortHistories = shorts;
        this.scripts = total;
    }

    /** The settled sessions in application j's history (0: issued, never seen). */
    int sessions(int application) {
        return sessions[application];
    }

    long customer(int card) {
        return firstCustomer + card;
    }

    /** The second application of a card is the campus card; the first, the purse. */
    String aid(int application) {
        return application > 0 && cardOf[application - 1] == cardOf[application] ? Population.AID_CAMPUS
                : Population.AID_PURSE;
    }

    boolean frozen(int application) {
        return sessions[application] == 0 && application % FROZEN_EVERY == FROZEN_EVERY / 2;
    }

    boolean blocked(int application) {
        return sessions[application] == 0 && !frozen(application) && application % BLOCKED_EVERY == BLOCKED_EVERY / 3;
    }

    int frozenCount() {
        int n = 0;
        for (int j = 0; j < applications; j++) {
            n += frozen(j) ? 1 : 0;
        }
        return n;
    }

    long scripts() {
        return scripts;
    }

    long actions() {
        return scripts() * ACTIONS_PER_SESSION;
    }

    /** One CARD_ISSUED per application, two more per frozen one, and every history's sessions. */
    long auditEvents() {
        return applications + 2L * frozenCount() + scripts() * AUDIT_PER_SESSION;
    }

    @Override
    public String toString() {
        return cards + " cards, " + applications + " applications (" + longHistories + " with long histories, "
                + shortHistories + " with short ones; " + scripts + " settled sessions in all), customers from "
                + Population.username(firstCustomer);
    }
}
