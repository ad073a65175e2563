package org.cardsync.backend.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cardsync.backend.sql.Rows;
import org.cardsync.protocol.ActionType;

/**
 * The actions the message path reads and changes, in plain SQL on the transaction's connection (see
 * card/CardApplicationRows): plain objects Hibernate never manages, written back with their script (ScriptRows), one
 * statement per step. Callers hold the card application's row lock (rule 7).
 *
 * <p>MANDATORY: outside a transaction Agroal would hand out an autocommit connection, so the row lock would end with
 * its statement and each write would commit on its own, silently breaking rule 7 and exactly-once settlement; this
 * makes such a caller fail at once instead (TransactionalException), as Hibernate's locking read did.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class ActionRows {
    /** The columns {@link #read} expects, in its order; {@code x} is the action's alias. */
    public static final String COLUMNS = "x.id, x.application_id, x.type, x.payload, x.state, x.position,"
            + " x.sequence_number, x.script_id, x.attempts, x.merit_failures, x.reason, x.cancel_requested, x.group_id,"
            + " x.requested_by, x.created_at, x.updated_at";

    private final DataSource dataSource;

    public ActionRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The head of the pending list: at most {@code limit} actions, in order (its console twin: Action.pendingHead). */
    public List<Action> pendingHead(long applicationId, int limit) {
        return list("select " + COLUMNS + " from action x where x.application_id = ? and x.state = 'QUEUED'"
                + " order by x.position limit ?", applicationId, limit);
    }

    /** The first pending action of a type, if any. */
    public Optional<Action> firstPending(long applicationId, ActionType type) {
        return list("select " + COLUMNS + " from action x where x.application_id = ? and x.state = 'QUEUED'"
                + " and x.type = ? order by x.position limit 1", applicationId, type.name()).stream().findFirst();
    }

    /** The BLOCK a customer asked for, while it is still QUEUED (see CardApplication.blockActionId). */
    public Optional<Action> requestedBlock(long applicationId, Long blockActionId) {
        if (blockActionId == null) {
            return Optional.empty();
        }
        return list("select " + COLUMNS + " from action x where x.id = ? and x.application_id = ?"
                + " and x.state = 'QUEUED'", blockActionId, applicationId).stream().findFirst();
    }

    /** The actions of a group (the parts of one LOAD_APPLICATION) that the database holds as QUEUED, in order. */
    public List<Action> queuedOfGroup(String groupId) {
        return list("select " + COLUMNS + " from action x where x.group_id = ? and x.state = 'QUEUED'"
                + " order by x.position", groupId);
    }

    /** An action from the columns {@link #COLUMNS}, starting at {@code from}. */
    public static Action read(ResultSet r, int from) throws SQLException {
        Action a = new Action();
        a.id = r.getLong(from);
        a.applicationId = r.getLong(from + 1);
        a.type = ActionType.valueOf(r.getString(from + 2));
        a.payload = r.getString(from + 3);
        a.state = ActionState.valueOf(r.getString(from + 4));
        a.position = r.getLong(from + 5);
        a.sequenceNumber = Rows.getLong(r, from + 6);
        a.scriptId = Rows.getLong(r, from + 7);
        a.attempts = r.getInt(from + 8);
        a.meritFailures = r.getInt(from + 9);
        a.reason = r.getString(from + 10);
        a.cancelRequested = r.getBoolean(from + 11);
        a.groupId = r.getString(from + 12);
        a.requestedBy = r.getString(from + 13);
        a.createdAt = Rows.getInstant(r, from + 14);
        a.updatedAt = Rows.getInstant(r, from + 15);
        return a;
    }

    private List<Action> list(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<Action> actions = new ArrayList<>();
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    actions.add(read(r, 1));
                }
            }
            return actions;
        } catch (SQLException e) {
            throw Rows.failed("read actions", e);
        }
    }
}
