package org.cardsync.backend.script;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRows;
import org.cardsync.backend.sql.Rows;

/**
 * Scripts on the message path, in plain SQL on the transaction's connection (see card/CardApplicationRows). Callers
 * hold the card application's row lock (rule 7).
 *
 * <p>MANDATORY: outside a transaction Agroal would hand out an autocommit connection, so the row lock would end with
 * its statement and each write would commit on its own, silently breaking rule 7 and exactly-once settlement; this
 * makes such a caller fail at once instead (TransactionalException), as Hibernate's locking read did.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class ScriptRows {
    private final DataSource dataSource;

    public ScriptRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The script in flight and its in-flight actions, in sequence order. */
    public record InFlight(Script script, List<Action> actions) {
    }

    /**
     * The script in flight for an application, with its actions, in one read. A statement of its own after the row
     * lock, not a join in the locking read: under READ COMMITTED a statement that waited for the lock still reads the
     * other tables as they were when it started, so a join could return the script the lock holder has just settled.
     * Rule 7 makes it at most one (and V7's partial unique index holds the database to it). The console's twin is
     * Script.inFlight with Action.ofScript: keep their filter the same.
     */
    public Optional<InFlight> inFlight(long applicationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select s.id, s.base_ca, s.base_chain, s.session_atc,"
                     + " s.action_count, s.issued_at, " + ActionRows.COLUMNS + " from script s left join action x"
                     + " on x.script_id = s.id and x.state = 'IN_FLIGHT' where s.application_id = ?"
                     + " and s.status = 'IN_FLIGHT' order by s.id, x.sequence_number")) {
            ps.setLong(1, applicationId);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Script s = new Script();
                s.id = r.getLong(1);
                s.applicationId = applicationId;
                s.baseCa = r.getLong(2);
                s.baseChain = r.getBytes(3);
                s.sessionAtc = r.getLong(4);
                s.actionCount = r.getInt(5);
                s.issuedAt = Rows.getInstant(r, 6);
                s.status = ScriptStatus.IN_FLIGHT;
                List<Action> actions = new ArrayList<>();
                do {
                    r.getLong(7);
                    if (!r.wasNull() && r.getLong(1) == s.id) {
                        actions.add(ActionRows.read(r, 7));
                    }
                } while (r.next());
                return Optional.of(new InFlight(s, actions));
            }
        } catch (SQLException e) {
            throw Rows.failed("read the script in flight of card application " + applicationId, e);
        }
    }

    /**
     * Writes a script's settlement (status, when, at which CA) and what it changed on actions (state, reason, sequence
     * number, script, attempts, merit failures, updated at: its own actions' transitions and the group endings), in
     * one statement. Both writes are guarded by the state they leave (only a script still IN_FLIGHT is settled) and
     * counted: should a caller ever run without the row lock, a second settlement fails and rolls back instead of
     * recording one session twice (exactly-once, rule 6).
     */
    public void settled(Script s, List<Action> actions) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("with settled as (update script set status = ?, settled_at = ?,"
                     + " settled_ca = ? where id = ? and status = 'IN_FLIGHT' returning id),"
                     + " changed as (update action x set state = v.state, reason = v.reason,"
                     + " sequence_number = v.sequence_number, script_id = v.script_id, attempts = v.attempts,"
                     + " merit_failures = v.merit_failures, updated_at = v.updated_at::timestamptz"
                     + " from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],"
                     + " ?::bigint[], ?::text[]) as v(id, state, reason, sequence_number, script_id, attempts,"
                     + " merit_failures, updated_at) where x.id = v.id returning x.id)"
                     + " select (select count(*) from settled), (select count(*) from changed)")) {
            ps.setString(1, s.status.name());
            Rows.setInstant(ps, 2, s.settledAt);
            Rows.setLong(ps, 3, s.settledCa);
            ps.setLong(4, s.id);
            ps.setArray(5, Rows.longs(c, actions, a -> a.id));
            ps.setArray(6, Rows.texts(c, actions, a -> a.state));
            ps.setArray(7, Rows.texts(c, actions, a -> a.reason));
            ps.setArray(8, Rows.longs(c, actions, a -> a.sequenceNumber));
            ps.setArray(9, Rows.longs(c, actions, a -> a.scriptId));
            ps.setArray(10, Rows.longs(c, actions, a -> a.attempts));
            ps.setArray(11, Rows.longs(c, actions, a -> a.meritFailures));
            ps.setArray(12, Rows.texts(c, actions, a -> a.updatedAt));
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                if (r.getLong(1) != 1) {
                    throw new IllegalStateException("script " + s.id + " was no longer in flight");
                }
                if (r.getLong(2) != actions.size()) {
                    throw new IllegalStateException("updated " + r.getLong(2) + " of " + actions.size() + " actions");
                }
            }
        } catch (SQLException e) {
            throw Rows.failed("settle script " + s.id, e);
        }
    }

    /**
     * Inserts a new script, in flight from now, and puts its actions in flight in it, in one statement: each action
     * gets its sequence number and one more attempt, as {@code actions} already say in memory. The script this
     * message settled must have been written SETTLED before ({@link #settled}), or V7's index of one IN_FLIGHT script
     * per application refuses the insert. Only QUEUED actions of this application are put in flight, and the count is
     * checked: a cancelled action, one already in flight or another application's is never issued, even by a caller
     * that bypassed the row lock (the transaction rolls back instead).
     */
    public Script open(long applicationId, long baseCa, byte[] baseChain, long sessionAtc, List<Action> actions,
                       Instant now) {
        Script s = new Script();
        s.applicationId = applicationId;
        s.baseCa = baseCa;
        s.baseChain = baseChain.clone();
        s.sessionAtc = sessionAtc;
        s.actionCount = actions.size();
        s.status = ScriptStatus.IN_FLIGHT;
        s.issuedAt = now;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("with s as (insert into script (application_id, base_ca,"
                     + " base_chain, session_atc, action_count, status, issued_at) values (?, ?, ?, ?, ?, 'IN_FLIGHT', ?)"
                     + " returning id) update action x set state = 'IN_FLIGHT', script_id = s.id,"
                     + " sequence_number = v.sequence_number, attempts = v.attempts, updated_at = ?"
                     + " from s, unnest(?::bigint[], ?::bigint[], ?::bigint[]) as v(id, sequence_number, attempts)"
                     + " where x.id = v.id and x.state = 'QUEUED' returning s.id, x.application_id")) {
            ps.setLong(1, applicationId);
            ps.setLong(2, baseCa);
            ps.setBytes(3, s.baseChain);
            ps.setLong(4, sessionAtc);
            ps.setInt(5, s.actionCount);
            Rows.setInstant(ps, 6, now);
            Rows.setInstant(ps, 7, now);
            ps.setArray(8, Rows.longs(c, actions, a -> a.id));
            ps.setArray(9, Rows.longs(c, actions, a -> a.sequenceNumber));
            ps.setArray(10, Rows.longs(c, actions, a -> a.attempts));
            // The application is checked on the rows returned, not in the WHERE clause: there, with the state, it matched
            // ix_action_pending, and the planner's generic plan read every QUEUED action of the application (30,000 in
            // the session benchmark: a REQUEST went from 11 to 108 ms at the median) instead of the few ids by key.
            int issued = 0;
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    s.id = r.getLong(1);
                    if (r.getLong(2) != applicationId) {
                        throw new IllegalStateException("action of card application " + r.getLong(2) + " in a script of "
                                + applicationId);
                    }
                    issued++;
                }
            }
            if (issued != actions.size()) {
                throw new IllegalStateException("issued " + issued + " of " + actions.size() + " actions");
            }
            return s;
        } catch (SQLException e) {
            throw Rows.failed("issue a script for card application " + applicationId, e);
        }
    }
}
