package org.cardsync.loadgen.report;

import org.cardsync.loadgen.pgbench.PgbenchResult;
import org.cardsync.loadgen.sessions.SessionsResult;

/**
 * One client count of a run: the sessions measured with that many terminals and pgbench with as many clients (null
 * when it was not run), and the figures derived from the two.
 */
record RunPoint(SessionsResult sessions, PgbenchResult pgbench) {

    int terminals() {
        return sessions.terminals();
    }

    /** Sessions/s divided by pgbench's TPS: the ratio; NaN without pgbench. */
    double ratio() {
        return pgbench == null ? Double.NaN : sessions.sessionsPerSecond() / pgbench.tps();
    }

    /** CPU milliseconds per session of one process (group), NaN when it was not watched. */
    double cpuMsPerSession(Double cpuSeconds) {
        return cpuSeconds == null || sessions.sessions() == 0 ? Double.NaN : 1000.0 * cpuSeconds / sessions.sessions();
    }

    double backendCpuMs() {
        return cpuMsPerSession(sessions.cpuSeconds().backend());
    }

    double postgresCpuMs() {
        return cpuMsPerSession(sessions.cpuSeconds().postgres());
    }

    double loadgenCpuMs() {
        return cpuMsPerSession(sessions.cpuSeconds().loadgen());
    }

    /** PostgreSQL's CPU per pgbench transaction, in ms: what one TPC-B transaction costs the same cluster. */
    double postgresCpuMsPerPgbenchTransaction() {
        return pgbench == null || pgbench.cpuSeconds().postgres() == null || pgbench.transactions() == 0
                ? Double.NaN : 1000.0 * pgbench.cpuSeconds().postgres() / pgbench.transactions();
    }
}
