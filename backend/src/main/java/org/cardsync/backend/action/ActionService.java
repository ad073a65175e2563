package org.cardsync.backend.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.audit.Comments;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.ApplicationLoad;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.ProtocolException;

/** Operator acts on the pending list: queue, cancel, retry. Each takes the application's row lock (rule 7). */
@ApplicationScoped
public class ActionService {
    /** The reason of an action a staff member cancelled, followed by their name (staff views only). */
    public static final String CANCELLED_BY = "cancelled by ";

    private final AuditTrail audit;
    private final Event<ApplicationChanged> changed;

    public ActionService(AuditTrail audit, Event<ApplicationChanged> changed) {
        this.audit = audit;
        this.changed = changed;
    }

    /**
     * Queues the actions for a request (LOAD_APPLICATION becomes its blocks and an activation), audited with the
     * request's comment.
     */
    @Transactional
    public List<Action> queue(long applicationId, ActionRequest request, String actor) {
        CardApplication app = lock(applicationId);
        List<ActionPayload> payloads = payloads(request);
        String group = payloads.size() > 1 ? UUID.randomUUID().toString() : null;
        long position = Action.nextPosition(app.id);
        List<Action> out = new ArrayList<>();
        for (ActionPayload p : payloads) {
            byte[] bytes = p.encode();
            Action a = new Action();
            a.applicationId = app.id;
            a.type = p.type();
            a.payload = Hex.encode(bytes);
            a.state = ActionState.QUEUED;
            a.position = position++;
            a.groupId = group;
            a.requestedBy = actor;
            a.createdAt = a.updatedAt = Instant.now();
            a.persist();
            audit.act(app.id, AuditKind.ACTION_QUEUED, actor, a.id, a.type + " payload " + bytes.length + " bytes",
                    Comments.clean(request.comment()));
            out.add(a);
        }
        changed.fire(ApplicationChanged.of(app));
        return out;
    }

    /**
     * Cancels an action: a QUEUED one at once; an IN_FLIGHT one only when a later signed message proves it
     * did not run (rule 8), so the request is recorded and the console shows it as pending. {@code comment} (null:
     * none) is audited with it.
     */
    @Transactional
    public Action cancel(long applicationId, long actionId, String actor, String comment) {
        CardApplication app = lock(applicationId);
        Action a = find(applicationId, actionId);
        if (a.state != ActionState.QUEUED && a.state != ActionState.IN_FLIGHT) {
            throw new ApiException(ErrorCode.INVALID_STATE, "an action in state " + a.state + " cannot be cancelled");
        }
        cancelOne(applicationId, a, actor, comment);
        if (a.groupId != null) {
            // the rest of a LOAD_APPLICATION cannot apply without this part: cancel it with it
            for (Action sibling : Action.<Action>list("groupId = ?1 and id <> ?2 and (state = ?3 or state = ?4)",
                    a.groupId, a.id, ActionState.QUEUED, ActionState.IN_FLIGHT)) {
                cancelOne(applicationId, sibling, actor, comment);
            }
        }
        changed.fire(ApplicationChanged.of(app));
        return a;
    }

    private void cancelOne(long applicationId, Action a, String actor, String comment) {
        switch (a.state) {
            case QUEUED -> {
                a.state = ActionState.CANCELLED;
                a.reason = CANCELLED_BY + actor;
                audit.act(applicationId, AuditKind.ACTION_CANCELLED, actor, a.id, "cancelled while queued", comment);
            }
            case IN_FLIGHT -> {
                a.cancelRequested = true;
                audit.act(applicationId, AuditKind.ACTION_CANCEL_REQUESTED, actor, a.id,
                        "in flight as s=" + a.sequenceNumber + "; settles with the next signed message", comment);
            }
            default -> throw new IllegalStateException("not cancellable: " + a.state);
        }
        a.updatedAt = Instant.now();
    }

    /** Puts a FAILED action back at the tail of the pending list with its merit failures reset; audits the comment. */
    @Transactional
    public Action retry(long applicationId, long actionId, String actor, String comment) {
        CardApplication app = lock(applicationId);
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
        audit.act(applicationId, AuditKind.ACTION_RETRIED, actor, a.id, "back to the pending list", comment);
        changed.fire(ApplicationChanged.of(app));
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

    /**
     * The script command payloads of protocol.md 6.1 for a request (LOAD_APPLICATION becomes its blocks and an
     * activation); a payload the card would refuse for its shape is a 400, what it refuses on its merits is
     * the card's to say.
     */
    static List<ActionPayload> payloads(ActionRequest r) {
        try {
            return switch (r.type()) {
                case "CREDIT" -> {
                    require(r.amount() != null, "amount is required for CREDIT");
                    yield List.of(new ActionPayload.Credit(r.amount()));
                }
                case "WRITE_PARAMETER" -> {
                    require(r.slot() != null && r.value() != null, "slot and value are required for WRITE_PARAMETER");
                    yield List.of(new ActionPayload.WriteParameter(r.slot(), Hex.decode(r.value())));
                }
                case "LOAD_APPLICATION" -> {
                    require(r.appId() != null && r.record() != null, "appId and record are required for LOAD_APPLICATION");
                    yield new ApplicationLoad(r.appId(), Hex.decode(r.record())).payloads();
                }
                case "BLOCK" -> List.of(new ActionPayload.Block());
                case "UNBLOCK" -> List.of(new ActionPayload.Unblock());
                case "RESET_PIN_TRIES" -> List.of(new ActionPayload.ResetPinTries());
                default -> throw new ApiException(ErrorCode.INVALID_REQUEST, "unknown action type " + r.type());
            };
        } catch (ProtocolException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, message);
        }
    }
}
