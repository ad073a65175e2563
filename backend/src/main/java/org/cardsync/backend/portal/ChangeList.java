package org.cardsync.backend.portal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.portal.PortalViews.Change;
import org.cardsync.backend.portal.PortalViews.ChangeKind;
import org.cardsync.backend.portal.PortalViews.ChangeState;
import org.cardsync.backend.portal.catalogue.Catalogue;
import org.cardsync.backend.portal.catalogue.ParameterSpec;
import org.cardsync.backend.settlement.CounterSettlement;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.MeritReason;

/**
 * A card application's actions as the customer's changes: the parts of one LOAD_APPLICATION are one change,
 * states and reasons in the contract's words, never who on the staff acted.
 */
final class ChangeList {
    /** How many settled changes the portal shows after the unsettled ones. */
    static final int SETTLED_SHOWN = 20;
    static final String CANCELLED_BY_ISSUER = "CANCELLED_BY_ISSUER";

    private ChangeList() {
    }

    static List<Change> of(CardApplication app, List<Action> actions, boolean blockRequested, Catalogue.Product product,
                           Catalogue catalogue) {
        Map<String, List<Action>> groups = new LinkedHashMap<>();
        for (Action a : actions) {
            groups.computeIfAbsent(a.groupId != null ? "g" + a.groupId : "a" + a.id, k -> new ArrayList<>()).add(a);
        }
        List<Change> all = groups.values().stream()
                .map(g -> change(app, g, blockRequested, product, catalogue))
                .sorted(Comparator.comparing(Change::requestedAt).thenComparing(Change::id).reversed()).toList();
        List<Change> out = new ArrayList<>(all.stream().filter(ChangeList::unsettled).toList());
        out.addAll(all.stream().filter(c -> !unsettled(c)).limit(SETTLED_SHOWN).toList());
        return out;
    }

    private static boolean unsettled(Change c) {
        return c.state() == ChangeState.WAITING || c.state() == ChangeState.BEING_APPLIED || c.state() == ChangeState.ON_HOLD;
    }

    private static Change change(CardApplication app, List<Action> group, boolean blockRequested, Catalogue.Product product,
                                 Catalogue catalogue) {
        Action first = group.get(0);
        Action last = group.get(group.size() - 1);
        ChangeState state = state(app, group, blockRequested);
        boolean settled = state == ChangeState.APPLIED || state == ChangeState.REFUSED || state == ChangeState.CANCELLED;
        Instant settledAt = settled ? group.stream().map(a -> a.updatedAt).max(Comparator.naturalOrder()).orElseThrow() : null;
        ChangeKind kind = kind(first.type);
        Long amount = null;
        String parameterName = null;
        String newValue = null;
        String serviceName = null;
        ActionPayload payload = ActionPayload.decode(first.type, Hex.decode(first.payload));
        if (payload instanceof ActionPayload.Credit credit) {
            amount = credit.amount();
        } else if (payload instanceof ActionPayload.WriteParameter write) {
            Optional<ParameterSpec> spec = product.parameter(write.slot());
            parameterName = spec.map(ParameterSpec::name).orElse("Setting " + write.slot());
            newValue = spec.flatMap(s -> s.decode(write.value())).orElse(null);
        } else if (payload instanceof ActionPayload.LoadApplicationBlock block) {
            serviceName = catalogue.serviceByAppId(block.appId()).map(Catalogue.ServiceSpec::name)
                    .orElse("Service " + block.appId());
        }
        return new Change(last.id, kind, amount, parameterName, newValue, serviceName, state, reason(group, state),
                first.createdAt, settledAt, group.stream().map(a -> a.id).toList());
    }

    private static ChangeState state(CardApplication app, List<Action> group, boolean blockRequested) {
        if (group.stream().anyMatch(a -> a.state == ActionState.FAILED)) {
            return ChangeState.REFUSED;
        }
        if (group.stream().anyMatch(a -> a.state == ActionState.CANCELLED)) {
            return ChangeState.CANCELLED;
        }
        if (group.stream().allMatch(a -> a.state == ActionState.EXECUTED)) {
            return ChangeState.APPLIED;
        }
        if (group.stream().anyMatch(a -> a.state == ActionState.IN_FLIGHT)) {
            return ChangeState.BEING_APPLIED;
        }
        Action first = group.get(0);
        boolean held = app.status == ApplicationStatus.FROZEN
                || (blockRequested && !first.id.equals(app.blockActionId))
                || (app.status == ApplicationStatus.BLOCKED && first.type != ActionType.UNBLOCK);
        return held ? ChangeState.ON_HOLD : ChangeState.WAITING;
    }

    /** The card's merit reason (also for a change still waiting for a retry), or that the issuer cancelled it. */
    private static String reason(List<Action> group, ChangeState state) {
        if (state == ChangeState.CANCELLED) {
            return CANCELLED_BY_ISSUER;
        }
        return group.stream().map(a -> CounterSettlement.meritCode(a.reason)).flatMap(Optional::stream)
                .map(MeritReason::ofCode).filter(Objects::nonNull).map(Enum::name).findFirst().orElse(null);
    }

    private static ChangeKind kind(ActionType type) {
        return switch (type) {
            case CREDIT -> ChangeKind.TOP_UP;
            case WRITE_PARAMETER -> ChangeKind.SET_PARAMETER;
            case LOAD_APPLICATION_BLOCK, LOAD_APPLICATION_ACTIVATE -> ChangeKind.ADD_SERVICE;
            case BLOCK -> ChangeKind.BLOCK;
            case UNBLOCK -> ChangeKind.UNBLOCK;
            case RESET_PIN_TRIES -> ChangeKind.RESET_PIN_TRIES;
        };
    }
}
