package org.cardsync.backend.portal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.card.ApplicationParameter;
import org.cardsync.backend.card.Card;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.portal.PortalViews.Parameter;
import org.cardsync.backend.portal.PortalViews.PortalApplication;
import org.cardsync.backend.portal.PortalViews.PortalCard;
import org.cardsync.backend.portal.PortalViews.Service;
import org.cardsync.backend.portal.PortalViews.ServiceState;
import org.cardsync.backend.portal.PortalViews.Support;
import org.cardsync.backend.portal.catalogue.Catalogue;
import org.cardsync.backend.portal.catalogue.ParameterSpec;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.Hex;

/**
 * Builds what a customer sees of a card application from the server's records and the issuer's catalogue. The
 * server never reads the card's parameters: a slot's value is what it was personalised with, then the EXECUTED
 * WRITE_PARAMETERs in sequence order; a service is on the card once its activation ran.
 */
@ApplicationScoped
public class PortalApplicationViews {
    private final Catalogue catalogue;

    public PortalApplicationViews(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public PortalCard card(Card card) {
        return new PortalCard(card.cardId, CardApplication.findByCard(card).stream()
                .sorted(Comparator.comparing(a -> a.id)).map(this::application).toList());
    }

    public PortalApplication application(CardApplication app) {
        List<Action> actions = Action.ofApplication(app.id);
        Catalogue.Product product = catalogue.product(app.aid);
        boolean blockRequested = blockRequested(app, actions);
        long pendingTopUps = pendingTopUps(actions);
        return new PortalApplication(app.id, app.card.cardId, app.aid, product.productName(), app.status, blockRequested,
                product.currency(), app.lastBalance, app.balanceSeenAt, purseLimit(app), pendingTopUps,
                maxTopUp(app, pendingTopUps), parameters(app, actions, product), services(actions),
                ChangeList.of(app, actions, blockRequested, product, catalogue),
                new Support(app.confirmedCa, app.lastAtc, app.keyVersion, app.frozenReason));
    }

    /** The customer's BLOCK is queued or being applied. */
    static boolean blockRequested(CardApplication app, List<Action> actions) {
        return app.blockActionId != null && actions.stream().anyMatch(a -> a.id.equals(app.blockActionId)
                && (a.state == ActionState.QUEUED || a.state == ActionState.IN_FLIGHT));
    }

    /** The CREDITs queued or in flight: they count against the purse limit before they reach the card. */
    static long pendingTopUps(List<Action> actions) {
        return actions.stream().filter(a -> a.type == ActionType.CREDIT && !settled(a))
                .mapToLong(a -> ((ActionPayload.Credit) decode(a)).amount()).sum();
    }

    /** The most a top-up may be now: purse limit minus balance minus pending top-ups (the card refuses more). */
    static long maxTopUp(CardApplication app, long pendingTopUps) {
        long balance = app.lastBalance == null ? 0 : app.lastBalance;
        return Math.max(0, purseLimit(app) - balance - pendingTopUps);
    }

    /** Unknown (issued before the portal kept it): 0, so no top-up is offered that the card might refuse. */
    private static long purseLimit(CardApplication app) {
        return app.purseLimit == null ? 0 : app.purseLimit;
    }

    private List<Parameter> parameters(CardApplication app, List<Action> actions, Catalogue.Product product) {
        Map<Integer, byte[]> current = new HashMap<>();
        ApplicationParameter.ofApplication(app.id).forEach(p -> current.put(p.slot, Hex.decode(p.value)));
        actions.stream().filter(a -> a.type == ActionType.WRITE_PARAMETER && a.state == ActionState.EXECUTED)
                .sorted(Comparator.comparing(a -> a.sequenceNumber))
                .map(a -> (ActionPayload.WriteParameter) decode(a)).forEach(w -> current.put(w.slot(), w.value()));
        Map<Integer, byte[]> pending = new HashMap<>();
        actions.stream().filter(a -> a.type == ActionType.WRITE_PARAMETER && !settled(a))
                .map(a -> (ActionPayload.WriteParameter) decode(a)).forEach(w -> pending.put(w.slot(), w.value()));
        return product.parameters().stream().map(spec -> new Parameter(spec.slot(), spec.name(), spec.description(),
                spec.type(), value(spec, current.get(spec.slot())), value(spec, pending.get(spec.slot())),
                spec.customerMayChange(),
                spec.choices() == null ? null
                        : spec.choices().stream().map(c -> new PortalViews.Choice(c.key(), c.label())).toList(),
                spec.min(), spec.max(), spec.maxLength())).toList();
    }

    private static String value(ParameterSpec spec, byte[] bytes) {
        return bytes == null ? null : spec.decode(bytes).orElse(null);
    }

    /** The catalogue's services on the card (activation EXECUTED) or being added (a part not yet settled). */
    private List<Service> services(List<Action> actions) {
        Set<Integer> active = appIds(actions, a -> a.type == ActionType.LOAD_APPLICATION_ACTIVATE
                && a.state == ActionState.EXECUTED);
        Set<Integer> adding = appIds(actions, a -> isLoad(a) && !settled(a));
        return catalogue.services().stream()
                .flatMap(s -> (active.contains(s.appId()) ? Optional.of(ServiceState.ACTIVE)
                        : adding.contains(s.appId()) ? Optional.of(ServiceState.BEING_ADDED) : Optional.<ServiceState>empty())
                        .map(state -> new Service(s.serviceId(), s.name(), s.description(), state)).stream())
                .toList();
    }

    static Set<Integer> appIds(List<Action> actions, java.util.function.Predicate<Action> which) {
        return actions.stream().filter(which).map(a -> {
            ActionPayload p = decode(a);
            return p instanceof ActionPayload.LoadApplicationBlock b ? b.appId()
                    : ((ActionPayload.LoadApplicationActivate) p).appId();
        }).collect(Collectors.toSet());
    }

    static boolean isLoad(Action a) {
        return a.type == ActionType.LOAD_APPLICATION_BLOCK || a.type == ActionType.LOAD_APPLICATION_ACTIVATE;
    }

    static boolean settled(Action a) {
        return a.state != ActionState.QUEUED && a.state != ActionState.IN_FLIGHT;
    }

    private static ActionPayload decode(Action a) {
        return ActionPayload.decode(a.type, Hex.decode(a.payload));
    }
}
