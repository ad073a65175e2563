package org.cardsync.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * One staff member's helpdesk console (/console.html, CONSOLE-CONTRACT section 4) in a browser context of its own,
 * driven only through the page's test ids: signed in through the console's own form, as an agent starts the day.
 */
final class ConsoleSession {

    /** What a card's synchronisation, a live notice and a page update may take together on a loaded CI machine. */
    static final double SLOW_MS = 45_000;

    final Page page;
    private final String baseUrl;

    private ConsoleSession(Page page, String baseUrl) {
        this.page = page;
        this.baseUrl = baseUrl;
    }

    /** Opens the console of {@code baseUrl} and signs in as the demo user {@code user} (password {@code <user>-demo}). */
    static ConsoleSession signIn(BrowserContext context, String baseUrl, String user) {
        Page page = context.newPage();
        page.navigate(baseUrl + "/console.html#/sign-in");
        assertThat(page.getByTestId("sign-in-form")).isVisible();
        page.getByTestId("username").fill(user);
        page.getByTestId("password").fill(user + "-demo");
        page.getByTestId("sign-in-submit").click();
        assertThat(page.getByTestId("console-nav")).isVisible();
        return new ConsoleSession(page, baseUrl);
    }

    /** Goes to {@code route} (e.g. {@code /applications/3}) within the page: a hash change, not a new load. */
    void open(String route) {
        page.navigate(baseUrl + "/console.html#" + route);
    }

    /** Opens the application's screen and waits until its live notices are on. */
    void openApplication(long applicationId) {
        open("/applications/" + applicationId);
        assertThat(page.getByTestId("app-status")).isVisible();
        awaitLive();
    }

    void awaitLive() {
        assertThat(page.getByTestId("live-status")).hasText("Live");
    }

    /**
     * Marks this document, so that {@link #assertNotReloaded()} can tell it is still the same one: a reload or a new
     * page load would lose the mark.
     */
    void markDocument() {
        page.evaluate("() => { window.__cardsyncE2eMark = 'same document'; }");
    }

    void assertNotReloaded() {
        Object mark = page.evaluate("() => window.__cardsyncE2eMark ?? null");
        if (!"same document".equals(mark)) {
            throw new AssertionError("the console page was reloaded (its mark is gone: " + mark + ")");
        }
    }

    Locator actionRow(long actionId) {
        return page.locator("[data-testid=action-row][data-action-id='" + actionId + "']");
    }

    Locator auditRow(String kind) {
        return page.locator("[data-testid=audit-row][data-kind='" + kind + "']");
    }

    /** Waits (up to {@link #SLOW_MS}) until action {@code actionId} shows {@code state} on the page. */
    void awaitActionState(long actionId, String state) {
        assertThat(actionRow(actionId)).hasAttribute("data-state", state,
                new LocatorAssertions.HasAttributeOptions().setTimeout(SLOW_MS));
    }

    /**
     * Does one act: clicks {@code button}, writes {@code comment} in the act dialog (null: none), confirms, and waits
     * for the page to say it is done (act-result); fails with the page's error sentence if it says act-error.
     */
    void act(Locator button, String comment) {
        button.click();
        Locator dialog = page.getByTestId("act-dialog");
        assertThat(dialog).isVisible();
        if (comment != null) {
            dialog.getByTestId("act-comment").fill(comment);
        }
        dialog.getByTestId("act-confirm").click();
        // Done: the dialog closes and the page says what happened; refused: the dialog stays with the sentence.
        Locator error = dialog.getByTestId("act-error");
        page.waitForCondition(() -> !dialog.isVisible() || error.isVisible(),
                new Page.WaitForConditionOptions().setTimeout(20_000));
        if (error.isVisible()) {
            throw new AssertionError("the console refused the act: " + error.innerText());
        }
        assertThat(page.getByTestId("act-result")).not().isEmpty();
    }

    /**
     * Queues a CREDIT of {@code amount} through the application screen's form (the amount as the agent types it,
     * in the application's currency) with {@code comment}.
     */
    void queueCredit(String amount, String comment) {
        Locator form = page.getByTestId("queue-form");
        form.getByTestId("queue-type").selectOption("CREDIT");
        form.getByTestId("queue-amount").fill(amount);
        act(form.getByTestId("queue-submit"), comment);
    }
}
