package org.cardsync.backend.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRequest;
import org.cardsync.backend.action.ActionService;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.PortalViews.Change;
import org.cardsync.backend.portal.catalogue.Catalogue;
import org.cardsync.backend.portal.catalogue.ParameterSpec;
import org.cardsync.protocol.Hex;

/**
 * A customer's changes to their own card application: set a parameter, add a service, block. Each is checked
 * against the issuer's catalogue on the server (the page's checks are a convenience, not a control), then queued
 * through {@link ActionService} under the application's row lock (rule 7), with the customer as actor.
 */
@ApplicationScoped
public class PortalChanges {
    private final ActionService actions;
    private final Catalogue catalogue;
    private final PortalApplicationViews views;
    private final AuditTrail audit;

    public PortalChanges(ActionService actions, Catalogue catalogue, PortalApplicationViews views, AuditTrail audit) {
        this.actions = actions;
        this.catalogue = catalogue;
        this.views = views;
        this.audit = audit;
    }

    @Transactional
    public Change setParameter(String customer, long applicationId, int slot, String value) {
        CardApplication app = PortalAccess.lockOwn(customer, applicationId);
        ParameterSpec spec = catalogue.product(app.aid).parameter(slot)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "This card has no setting " + slot + "."));
        // the catalogue decides what a customer may change: the page hiding a field is no control
        if (!spec.customerMayChange()) {
            throw new ApiException(ErrorCode.PARAMETER_NOT_CHANGEABLE,
                    "\"" + spec.name() + "\" can only be changed by the card issuer.");
        }
        byte[] bytes;
        try {
            bytes = spec.encode(value);
        } catch (ParameterSpec.InvalidValue e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER_VALUE, spec.name() + ": " + e.getMessage() + ".");
        }
        PortalAccess.requireNotBlocked(app);
        return queued(app, new ActionRequest("WRITE_PARAMETER", null, slot, Hex.encode(bytes), null, null), customer);
    }

    @Transactional
    public Change addService(String customer, long applicationId, String serviceId) {
        CardApplication app = PortalAccess.lockOwn(customer, applicationId);
        Catalogue.ServiceSpec service = catalogue.service(serviceId)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_SERVICE, "There is no service \"" + serviceId + "\"."));
        PortalAccess.requireNotBlocked(app);
        List<Action> all = Action.ofApplication(app.id);
        Set<Integer> present = PortalApplicationViews.appIds(all, a -> PortalApplicationViews.isLoad(a)
                && (a.state == org.cardsync.backend.action.ActionState.EXECUTED || !PortalApplicationViews.settled(a)));
        if (present.contains(service.appId())) {
            throw new ApiException(ErrorCode.SERVICE_ALREADY_PRESENT,
                    service.name() + " is already on this card or being added.");
        }
        return queued(app, new ActionRequest("LOAD_APPLICATION", null, null, null, service.appId(), service.record()),
                customer);
    }

    /**
     * Queues the BLOCK of a lost or stolen card and makes it the only action issued for the application until it
     * has run ({@code ScriptIssuer}): a thief holding the card cannot get a pending top-up or service applied.
     */
    @Transactional
    public Change block(String customer, long applicationId, String reason) {
        CardApplication app = PortalAccess.lockOwn(customer, applicationId);
        PortalAccess.requireNotBlocked(app);
        List<Action> queued = actions.queue(app.id, new ActionRequest("BLOCK", null, null, null, null, null), customer);
        app.blockActionId = queued.get(0).id;
        audit.record(app.id, AuditKind.BLOCK_REQUESTED, customer, null, app.blockActionId,
                "card reported " + reason + "; nothing but the BLOCK is issued until it has run");
        return change(app, queued);
    }

    private Change queued(CardApplication app, ActionRequest request, String customer) {
        return change(app, actions.queue(app.id, request, customer));
    }

    private Change change(CardApplication app, List<Action> queued) {
        long id = queued.get(queued.size() - 1).id;
        return views.application(app).changes().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }
}
