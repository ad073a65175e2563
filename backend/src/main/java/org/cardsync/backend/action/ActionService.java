package org.cardsync.backend.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.Hex;

/** Operator acts on the pending list: queue, cancel, retry. Each takes the application's row lock (rule 7). */
@ApplicationScoped
public class ActionService {
    static final int LOAD_BLOCK_SIZE = 128;
    static final int MAX_RECORD = 256;

    private final AuditTrail audit;

    public ActionService(AuditTrail audit) {
        this.audit = audit;
    }

    /** Queues the actions for a request (LOAD_APPLICATION becomes its blocks and an activation). */
    @Transactional
    public List<Action> queue(long applicationId, ActionRequest request, String actor) {
        CardApplication app = lock(applicationId);
        List<Payload> payloads = payloads(request);
        String group = payloads.size() > 1 ? UUID.randomUUID().toString() : null;
        long position = Action.nextPosition(app.id);
        List<Action> out = new ArrayList<>();
        for (Payload p : payloads) {
            Action a = new Action();
            a.applicationId = app.id;
            a.type = p.type();
            a.payload = Hex.encode(p.bytes());
            a.state = ActionState.QUEUED;
            a.position = position++;
            a.groupId = group;
            a.requestedBy = actor;
            a.createdAt = a.updatedAt = Instant.now();
            a.persist();
            audit.record(app.id, AuditKind.ACTION_QUEUED, actor, null, a.id, a.type + " payload " + p.bytes().length + " bytes");
            out.add(a);
        }
        return out;
    }

    /**
     * Cancels an action: a QUEUED one at once; an IN_FLIGHT one only when a later signed message proves it
     * did not run (rule 8), so the request is recorded and the console shows it as pending.
     */
    @Transactional
    public Action cancel(long applicationId, long actionId, String actor) {
        lock(applicationId);
        Action a = find(applicationId, actionId);
        if (a.state != ActionState.QUEUED && a.state != ActionState.IN_FLIGHT) {
            throw new ApiException(ErrorCode.INVALID_STATE, "an action in state " + a.state + " cannot be cancelled");
        }
        cancelOne(applicationId, a, actor);
        if (a.groupId != null) {
            // the rest of a LOAD_APPLICATION cannot apply without this part: cancel it with it
            for (Action sibling : Action.<Action>list("groupId = ?1 and id <> ?2 and (state = ?3 or state = ?4)",
                    a.groupId, a.id, ActionState.QUEUED, ActionState.IN_FLIGHT)) {
                cancelOne(applicationId, sibling, actor);
            }
        }
        return a;
    }

    private void cancelOne(long applicationId, Action a, String actor) {
        switch (a.state) {
            case QUEUED -> {
                a.state = ActionState.CANCELLED;
                a.reason = "cancelled by " + actor;
                audit.record(applicationId, AuditKind.ACTION_CANCELLED, actor, null, a.id, "cancelled while queued");
            }
            case IN_FLIGHT -> {
                a.cancelRequested = true;
                audit.record(applicationId, AuditKind.ACTION_CANCEL_REQUESTED, actor, null, a.id,
                        "in flight as s=" + a.sequenceNumber + "; settles with the next signed message");
            }
            default -> throw new IllegalStateException("not cancellable: " + a.state);
        }
        a.updatedAt = Instant.now();
    }

    /** Puts a FAILED action back at the tail of the pending list with its merit failures reset. */
    @Transactional
    public Action retry(long applicationId, long actionId, String actor) {
        lock(applicationId);
        Action a = find(applicationId, actionId);
        if (a.state != ActionState.FAILED) {
            throw new ApiException(ErrorCode.INVALID_STATE, "only a FAILED action can be retried, this one is " + a.state);
        }
        a.state = ActionState.QUEUED;
        a.meritFailures = 0;
        a.sequenceNumber = null;
        a.scriptId = null;
        a.position = Action.nextPosition(applicationId);
        a.updatedAt = Instant.now();
        audit.record(applicationId, AuditKind.ACTION_RETRIED, actor, null, a.id, "back to the pending list");
        return a;
    }

    private static CardApplication lock(long applicationId) {
        return CardApplication.lockById(applicationId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no card application " + applicationId));
    }

    private static Action find(long applicationId, long actionId) {
        Action a = Action.findById(actionId);
        if (a == null || a.applicationId != applicationId) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no action " + actionId + " for this card application");
        }
        return a;
    }

    record Payload(ActionType type, byte[] bytes) {
    }

    /** The script command payloads of protocol.md 6.1 for a request; format errors are 400s, merits are the card's. */
    static List<Payload> payloads(ActionRequest r) {
        return switch (r.type()) {
            case "CREDIT" -> {
                require(r.amount() != null, "amount is required for CREDIT");
                yield List.of(new Payload(ActionType.CREDIT, ByteBuffer.allocate(4).putInt((int) (long) r.amount()).array()));
            }
            case "WRITE_PARAMETER" -> {
                require(r.slot() != null && r.value() != null, "slot and value are required for WRITE_PARAMETER");
                byte[] value = Hex.decode(r.value());
                byte[] p = new byte[1 + value.length];
                p[0] = (byte) (int) r.slot();
                System.arraycopy(value, 0, p, 1, value.length);
                yield List.of(new Payload(ActionType.WRITE_PARAMETER, p));
            }
            case "LOAD_APPLICATION" -> {
                require(r.appId() != null && r.record() != null, "appId and record are required for LOAD_APPLICATION");
                byte[] record = Hex.decode(r.record());
                require(record.length >= 1 && record.length <= MAX_RECORD, "record must be 1 to 256 bytes");
                yield loadPayloads(r.appId(), record);
            }
            case "BLOCK" -> List.of(new Payload(ActionType.BLOCK, new byte[0]));
            case "UNBLOCK" -> List.of(new Payload(ActionType.UNBLOCK, new byte[0]));
            case "RESET_PIN_TRIES" -> List.of(new Payload(ActionType.RESET_PIN_TRIES, new byte[0]));
            default -> throw new ApiException(ErrorCode.INVALID_REQUEST, "unknown action type " + r.type());
        };
    }

    static List<Payload> loadPayloads(int appId, byte[] record) {
        List<Payload> out = new ArrayList<>();
        for (int block = 0, off = 0; off < record.length; block++, off += LOAD_BLOCK_SIZE) {
            int n = Math.min(LOAD_BLOCK_SIZE, record.length - off);
            ByteBuffer p = ByteBuffer.allocate(3 + n).putShort((short) appId).put((byte) block).put(record, off, n);
            out.add(new Payload(ActionType.LOAD_APPLICATION_BLOCK, p.array()));
        }
        ByteBuffer activate = ByteBuffer.allocate(36).putShort((short) appId).putShort((short) record.length).put(sha256(record));
        out.add(new Payload(ActionType.LOAD_APPLICATION_ACTIVATE, activate.array()));
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, message);
        }
    }
}
