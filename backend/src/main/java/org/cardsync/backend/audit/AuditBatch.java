package org.cardsync.backend.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cardsync.backend.sql.Rows;
import org.cardsync.protocol.UpstreamMessage;

/**
 * The message path's audit events (architecture section 4), kept per transaction and inserted in one multi-row
 * statement just before it commits, instead of one entity each through Hibernate's flush. A transaction that rolls
 * back writes none, as before. Append-only like {@link AuditTrail}: events are only ever inserted. Ids come from
 * audit_event_seq, one nextval per event. The sequence's increment is 50 (V3, for the pooled optimizer Hibernate uses
 * for AuditTrail's events), so each event here uses up a block of 50 values and keeps only the block's last: harmless
 * for a bigint. The two never collide because every nextval, whoever draws it, reserves its own block: Hibernate hands
 * out only the values of the blocks it drew, this class only the value it drew. The trail is ordered by time, the id
 * breaking ties.
 */
@ApplicationScoped
public class AuditBatch {
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;

    public AuditBatch(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    private record Event(Long applicationId, Instant at, AuditKind kind, String actor, String messageType, Long atc,
                         Long ca, Long actionId, String detail) {
    }

    /** Records an event caused by an upstream message (null: none), in the caller's transaction. */
    public void record(Long applicationId, AuditKind kind, String actor, UpstreamMessage message, Long actionId,
                       String detail) {
        pending().add(new Event(applicationId, Instant.now(), kind, actor, message == null ? null : message.type().name(),
                message == null ? null : message.atc(), message == null ? null : message.ca(), actionId,
                AuditTrail.truncate(detail, AuditTrail.MAX_DETAIL)));
    }

    public void record(Long applicationId, AuditKind kind, String actor, String detail) {
        record(applicationId, kind, actor, null, null, detail);
    }

    @SuppressWarnings("unchecked")
    private List<Event> pending() {
        List<Event> events = (List<Event>) transactions.getResource(AuditBatch.class);
        if (events == null) {
            List<Event> created = new ArrayList<>();
            transactions.putResource(AuditBatch.class, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    write(created);
                }

                @Override
                public void afterCompletion(int status) {
                    // nothing kept beyond the transaction
                }
            });
            events = created;
        }
        return events;
    }

    private void write(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into audit_event (id, application_id, at, kind, actor,"
                     + " message_type, atc, ca, action_id, detail) select nextval('audit_event_seq'), v.application_id,"
                     + " v.at::timestamptz, v.kind, v.actor, v.message_type, v.atc, v.ca, v.action_id, v.detail"
                     + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],"
                     + " ?::bigint[], ?::text[]) with ordinality as v(application_id, at, kind, actor, message_type, atc,"
                     + " ca, action_id, detail, n) order by v.n")) {
            ps.setArray(1, Rows.longs(c, events, Event::applicationId));
            ps.setArray(2, Rows.texts(c, events, Event::at));
            ps.setArray(3, Rows.texts(c, events, Event::kind));
            ps.setArray(4, Rows.texts(c, events, Event::actor));
            ps.setArray(5, Rows.texts(c, events, Event::messageType));
            ps.setArray(6, Rows.longs(c, events, Event::atc));
            ps.setArray(7, Rows.longs(c, events, Event::ca));
            ps.setArray(8, Rows.longs(c, events, Event::actionId));
            ps.setArray(9, Rows.texts(c, events, Event::detail));
            ps.executeUpdate();
            events.clear();
        } catch (SQLException e) {
            throw Rows.failed("write " + events.size() + " audit events", e);
        }
    }
}
