package org.cardsync.backend.schedules;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one schedule (or a whole run, by {@link #add}) did: sessions, messages posted, commands sent, faults by
 * kind, and the rejected messages that named the card, by error code (each must be audited and alerted).
 */
final class ScheduleTally {
    long sessions;
    long messages;
    long commands;
    long violations;
    final Map<String, Long> faults = new TreeMap<>();
    final Map<String, Long> rejectedByCode = new TreeMap<>();

    void session() {
        sessions++;
    }

    void message() {
        messages++;
    }

    void command() {
        commands++;
    }

    void fault(String kind) {
        faults.merge(kind, 1L, Long::sum);
    }

    void rejected(String code) {
        rejectedByCode.merge(code, 1L, Long::sum);
    }

    long rejected() {
        return rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
    }

    long faultCount() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized void add(ScheduleTally other) {
        sessions += other.sessions;
        messages += other.messages;
        commands += other.commands;
        violations += other.violations;
        other.faults.forEach((k, v) -> faults.merge(k, v, Long::sum));
        other.rejectedByCode.forEach((k, v) -> rejectedByCode.merge(k, v, Long::sum));
    }

    /** The summary line the lead collects from the CI log (FAULTS-CONTRACT section 6). */
    String reliabilityLine(long tries) {
        StringBuilder kinds = new StringBuilder();
        faults.forEach((k, v) -> kinds.append(kinds.isEmpty() ? "" : ",").append(k.replace(' ', '-')).append(':').append(v));
        return "RELIABILITY schedules tries=" + tries + " sessions=" + sessions + " messages=" + messages
                + " commands=" + commands + " faults=" + faultCount() + "{" + kinds + "} rejectedNamingCard=" + rejected()
                + " violations=" + violations;
    }
}
