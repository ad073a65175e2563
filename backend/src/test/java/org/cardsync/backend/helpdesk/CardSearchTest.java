package org.cardsync.backend.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.cardsync.backend.security.UserAccount;
import org.junit.jupiter.api.Test;

/** GET /api/cards?q=: a card id by prefix, a customer's user name, display name or e-mail by substring. */
@QuarkusTest
class CardSearchTest {
    /** A fresh customer with a unique name, display name and e-mail, and two cards of theirs. */
    private record Customer(String username, String displayName, String email, List<String> cards) {
    }

    private static Customer customer() {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String username = "cust" + tag;
        String displayName = "Zoë Q" + tag.toUpperCase(Locale.ROOT) + " Lambert";
        String email = "zoe." + tag + "@mail.example";
        QuarkusTransaction.requiringNew().run(() -> UserAccount.create(username, "a-customer-password", UserAccount.CUSTOMER,
                displayName, email));
        // card ids that share a distinctive prefix, so the prefix search finds exactly these two
        String prefix = String.format("%010x", ThreadLocalRandom.current().nextLong(1L << 39, 1L << 40));
        List<String> cards = List.of(prefix + "00aa01", prefix + "00aa02");
        cards.forEach(c -> issueCard(c, username));
        return new Customer(username, displayName, email, cards);
    }

    private static JsonPath search(String q) {
        return as("helpdesk").queryParam("q", q).get("/api/cards").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCardIdPrefix_findsItsCards_caseInsensitive() {
        Customer c = customer();
        String prefix = c.cards().get(0).substring(0, 12);
        JsonPath found = search(prefix.toUpperCase(Locale.ROOT));
        assertThat(found.getList("items.cardId", String.class)).containsExactlyElementsOf(c.cards());
        assertThat(found.getInt("total")).isEqualTo(2);
        assertThat(found.getString("items[0].customer.username")).isEqualTo(c.username());
        assertThat(found.getString("items[0].applications[0].productName")).isEqualTo("City transit purse");
        assertThat(search(c.cards().get(0).substring(2, 14)).getList("items")).as("a prefix, not a substring").isEmpty();
    }

    @Test
    void aCustomersNameOrEmail_findsTheirCards_bySubstringCaseInsensitive() {
        Customer c = customer();
        String middleOfDisplayName = c.displayName().substring(4, 12).toLowerCase(Locale.ROOT);
        for (String q : new String[] {c.username(), c.username().substring(3).toUpperCase(Locale.ROOT),
                middleOfDisplayName, c.email().substring(2, 14), "  " + c.email() + " "}) {
            assertThat(search(q).getList("items.cardId", String.class)).as(q).containsExactlyElementsOf(c.cards());
        }
    }

    @Test
    void aQueryOfOneOrTwoCharacters_matchesACardIdPrefixOrAnExactUserNameOnly() {
        Customer c = customer();
        // "zo" is in every test customer's e-mail ("zoe.…"): no trigram index serves it, so it is not a substring
        assertThat(search("zo").getInt("total")).as("not searched as a substring").isZero();
        assertThat(search("Zo").getInt("total")).isZero();
        String shortName = "z" + Long.toString(ThreadLocalRandom.current().nextLong(10, 36), 36);
        QuarkusTransaction.requiringNew().run(() -> UserAccount.create(shortName, "a-customer-password",
                UserAccount.CUSTOMER, "Short Name", shortName + "@mail.example"));
        String card = c.cards().get(0).substring(0, 10) + "00bb01";
        issueCard(card, shortName);
        assertThat(search(shortName.toUpperCase(Locale.ROOT)).getList("items.cardId", String.class))
                .as("an exact user name").containsExactly(card);
    }

    @Test
    void likeWildcards_areSearchedForAsThemselves() {
        assertThat(search("%").getInt("total")).isZero();
        assertThat(search("_").getInt("total")).isZero();
    }

    @Test
    void anEmptyQuery_listsEveryCardByCardId_paged() {
        customer();
        JsonPath first = as("helpdesk").queryParam("size", 3).get("/api/cards").then().statusCode(200).extract().jsonPath();
        JsonPath second = as("helpdesk").queryParam("size", 3).queryParam("page", 1).get("/api/cards").then()
                .statusCode(200).extract().jsonPath();
        assertThat(first.getInt("total")).isGreaterThanOrEqualTo(3).isEqualTo(second.getInt("total"));
        List<String> ids = new java.util.ArrayList<>(first.getList("items.cardId", String.class));
        ids.addAll(second.getList("items.cardId", String.class));
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aQueryLongerThan100Characters_isRefused() {
        as("helpdesk").queryParam("q", "a".repeat(101)).get("/api/cards").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        as("helpdesk").get("/api/cards/ffffffffffff0000").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
