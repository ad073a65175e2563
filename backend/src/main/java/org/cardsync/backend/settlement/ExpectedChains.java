package org.cardsync.backend.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.backend.script.Script;
import org.cardsync.protocol.ActionChain;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.ScriptCommand;

/**
 * The action chains a card application can sign while a script is in flight (protocol.md 1.3 and 8): from the
 * script's base chain, one step per command it ran, k = 0 … n. Each command's MAC is recomputed from what the server
 * stored (the action's sequence number, type and payload, the script's session ATC) with K_DN, exactly as
 * {@code ScriptIssuer} sent it, and chained with K_UP as the card does; so a chain matches only if the card ran the
 * very commands of this script, in order. The keys are the store's (in the token with cardsync.keys.store=pkcs11) and
 * stay in this method's frame (rule 10).
 */
@ApplicationScoped
public class ExpectedChains {
    private final CardKeys keys;

    public ExpectedChains(CardKeys keys) {
        this.keys = keys;
    }

    /** {@code result.get(k)}: the chain after the first k of {@code actions} (the script's, in sequence order). */
    public List<byte[]> of(CardApplication app, Script script, List<Action> actions) {
        CardApplicationId id = app.protocolId();
        CmacKey upKey = keys.upKey(app.keyVersion, id);
        CmacKey downKey = keys.downKey(app.keyVersion, id);
        List<byte[]> chains = new ArrayList<>(actions.size() + 1);
        byte[] chain = script.baseChain.clone();
        chains.add(chain);
        for (Action a : actions) {
            byte[] commandMac = new ScriptCommand(script.sessionAtc, a.sequenceNumber, a.type, Hex.decode(a.payload))
                    .mac(downKey, id);
            chain = ActionChain.next(upKey, chain, commandMac);
            chains.add(chain);
        }
        return chains;
    }
}
