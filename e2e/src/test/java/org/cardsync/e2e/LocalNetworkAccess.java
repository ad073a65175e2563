package org.cardsync.e2e;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * Chromium's Local Network Access permission, set the way a user's answer to the browser's prompt would set it,
 * through the DevTools protocol. Playwright's {@code grantPermissions} knows only the older name
 * {@code local-network-access} and cannot deny; {@code Browser.setPermission} takes Chromium's own name
 * {@code loopback-network} (Chromium 145 and later; tried on 156: granted lets a public page open ws://127.0.0.1,
 * denied makes navigator.permissions report "denied" and the connection fail). Without a setting, headless Chromium
 * cannot show its prompt and the page sees "prompt".
 */
final class LocalNetworkAccess {

    static final String PERMISSION = "loopback-network";

    private LocalNetworkAccess() {
    }

    /** Sets the permission of {@code origin} in {@code page}'s browser context to "granted" or "denied". */
    static void set(Browser browser, BrowserContext context, Page page, String origin, String setting) {
        CDPSession pageSession = context.newCDPSession(page);
        String browserContextId;
        try {
            browserContextId = pageSession.send("Target.getTargetInfo")
                    .getAsJsonObject("targetInfo").get("browserContextId").getAsString();
        } finally {
            pageSession.detach();
        }
        // The setting belongs to this DevTools session: Chromium drops it when the session detaches, so the session
        // stays attached until the context closes.
        CDPSession browserSession = browser.newBrowserCDPSession();
        context.onClose(closed -> detachQuietly(browserSession));
        JsonObject descriptor = new JsonObject();
        descriptor.addProperty("name", PERMISSION);
        JsonObject args = new JsonObject();
        args.add("permission", descriptor);
        args.addProperty("setting", setting);
        args.addProperty("origin", origin);
        args.addProperty("browserContextId", browserContextId);
        browserSession.send("Browser.setPermission", args);
    }

    private static void detachQuietly(CDPSession session) {
        try {
            session.detach();
        } catch (RuntimeException e) {
            // The browser is closing already: the session goes with it.
        }
    }
}
