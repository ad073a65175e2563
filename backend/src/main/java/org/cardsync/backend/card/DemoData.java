package org.cardsync.backend.card;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.security.UserAccount;

/**
 * Seeds the demo users and the demo card (the one in demo/demo-card.json) when cardsync.demo.seed is true:
 * only in the dev, test and demo profiles. The passwords are demo passwords, published on purpose.
 */
@ApplicationScoped
public class DemoData {
    public static final String DEMO_CARD_ID = "0102030405060708";
    public static final String DEMO_AID_1 = "f04341524453594e4301";
    public static final String DEMO_AID_2 = "f04341524453594e4302";

    private final CardIssuance issuance;
    private final CardsyncConfig.Demo config;

    public DemoData(CardIssuance issuance, CardsyncConfig.Demo config) {
        this.issuance = issuance;
        this.config = config;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (!config.seed() || UserAccount.exists("admin")) {
            return;
        }
        UserAccount.create("admin", "admin-demo", UserAccount.ADMIN, "Ada Admin", null);
        UserAccount.create("helpdesk", "helpdesk-demo", UserAccount.HELPDESK, "Hana Desk", null);
        UserAccount.create("alice", "alice-demo", UserAccount.CUSTOMER, "Alice Martin", "alice@example.com");
        UserAccount.create("bob", "bob-demo", UserAccount.CUSTOMER, "Bob Dupont", "bob@example.com");
        issuance.issue(demoCard(), "demo-seed");
    }

    /** The demo card: the same values as docs/test-vectors.json's personalisation, plus a second application. */
    public static IssuanceRequest demoCard() {
        return new IssuanceRequest(DEMO_CARD_ID, "alice", List.of(
                new IssuanceRequest.Application(DEMO_AID_1, 100000L, 1000L, "1234", 3, Map.of(0, "0102", 3, "68656c6c6f")),
                new IssuanceRequest.Application(DEMO_AID_2, 50000L, 0L, "1234", 3, Map.of())));
    }
}
