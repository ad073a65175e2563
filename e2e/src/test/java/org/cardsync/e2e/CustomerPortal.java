package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's side of a console test: their portal in a browser context of their own (signed in, with the
 * agent and its simulated card), where they top up and pay, and their card synchronises.
 */
final class CustomerPortal {

    final Page page;
    final CustomerSession session;
    private final long applicationId;

    private CustomerPortal(Page page, CustomerSession session, long applicationId) {
        this.page = page;
        this.session = session;
        this.applicationId = applicationId;
    }

    /** {@code user}'s portal on {@code backend}, open on application {@code applicationId}. */
    static CustomerPortal open(ConsoleFixture system, BrowserContext context, BackendServer backend, String user,
            long applicationId) {
        Page page = system.openPortal(context, backend, user, "/applications/" + applicationId);
        assertThat(page.getByTestId("application-status")).isVisible();
        return new CustomerPortal(page, new CustomerSession(context, backend.baseUrl()), applicationId);
    }

    /**
     * Tops the application up by {@code amount} (as the customer types it, e.g. "2.50"), pays on the demo payment
     * page and comes back to the portal, which synchronises the card in the reader. Returns the id of the action
     * the payment queued (the change the portal shows).
     */
    long topUpAndPay(String amount) throws InterruptedException {
        page.navigate(page.url().replaceFirst("#.*$", "#/applications/" + applicationId + "/top-up"));
        page.getByTestId("top-up-amount").fill(amount);
        page.getByTestId("top-up-submit").click();
        page.waitForURL(Pattern.compile(".*/pay\\.html\\?payment=\\d+.*"));
        Matcher m = Pattern.compile("payment=(\\d+)").matcher(page.url());
        if (!m.find()) {
            throw new AssertionError("no payment in " + page.url());
        }
        long paymentId = Long.parseLong(m.group(1));
        page.getByTestId("pay-button").click();
        page.waitForURL(Pattern.compile(".*#/applications/" + applicationId + ".*"));
        assertThat(page.getByTestId("payment-outcome")).hasAttribute("data-payment-state", "PAID");
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            JsonNode payment = session.get("/api/portal/payments/" + paymentId);
            if ("PAID".equals(payment.path("state").asText()) && payment.path("changeId").canConvertToLong()) {
                return payment.path("changeId").asLong();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("payment " + paymentId + " not PAID with a change: " + payment);
            }
            Thread.sleep(200);
        }
    }
}
