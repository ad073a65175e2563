package org.cardsync.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A hostile web site on this machine: one static page that, opened in the customer's browser while the customer
 * is signed in to the portal, tries every way a page can reach another origin with the customer's cookies to
 * change the customer's card: fetch POSTs with credentials (as a "simple" request that needs no CORS preflight,
 * and as JSON with a guessed CSRF header, which does), HTML form POSTs into a hidden frame (text/plain with a JSON
 * body, and url-encoded), the staff API, and a WebSocket to the portal's live notices. Served on its own port of
 * 127.0.0.1, so it is reachable as {@code http://localhost:<port>} (the same site as a portal on localhost, where a
 * SameSite=Strict cookie still goes along) and as {@code http://127.0.0.1:<port>} (another site).
 */
final class AttackerSite implements AutoCloseable {

    private final HttpServer server;

    private AttackerSite(HttpServer server) {
        this.server = server;
    }

    static AttackerSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/attack.html")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(page);
                }
            }
        });
        server.start();
        return new AttackerSite(server);
    }

    /**
     * The attack page as served under {@code host} ({@code localhost} or {@code 127.0.0.1}), aimed at the portal
     * at {@code portalBaseUrl} and the application {@code applicationId}. It sets {@code window.attackDone} when
     * every attempt has finished and leaves what each got in {@code window.attackResults}.
     */
    String attackUrl(String host, String portalBaseUrl, long applicationId) {
        return "http://" + host + ":" + server.getAddress().getPort() + "/attack.html?portal="
                + java.net.URLEncoder.encode(portalBaseUrl, StandardCharsets.UTF_8) + "&app=" + applicationId;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>You won a prize</title></head>
            <body>
            <h1>Congratulations!</h1>
            <iframe name="sink" style="display:none"></iframe>
            <script>
            const params = new URLSearchParams(location.search);
            const portal = params.get('portal');
            const app = params.get('app');
            const results = {};
            window.attackResults = results;
            const json = (o) => JSON.stringify(o);

            async function attempt(name, run) {
              try { results[name] = await run(); } catch (e) { results[name] = 'failed: ' + e; }
            }
            // A "simple" request: no preflight, the browser sends it with the cookies the site rules allow and only
            // hides the answer from this page.
            const simplePost = (path, body) => fetch(portal + path, {method: 'POST', mode: 'no-cors',
                credentials: 'include', headers: {'Content-Type': 'text/plain'}, body: json(body)}).then(r => r.type);
            // JSON with a guessed CSRF header: needs a CORS preflight the portal must not pass.
            const jsonPost = (path, body) => fetch(portal + path, {method: 'POST', credentials: 'include',
                headers: {'Content-Type': 'application/json', 'X-CSRF-Token': 'guessed'}, body: json(body)})
                .then(r => 'answered ' + r.status);
            function formPost(path, enctype, fields) {
              return new Promise(resolve => {
                const form = document.createElement('form');
                form.method = 'POST';
                form.action = portal + path;
                form.enctype = enctype;
                form.target = 'sink';
                for (const [name, value] of Object.entries(fields)) {
                  const input = document.createElement('input');
                  input.type = 'hidden';
                  input.name = name;
                  input.value = value;
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                const sink = document.querySelector('iframe[name=sink]');
                sink.onload = () => resolve('submitted');
                setTimeout(() => resolve('submitted (no load event)'), 5000);
                form.submit();
              });
            }
            function events() {
              return new Promise(resolve => {
                const url = portal.replace(/^http/, 'ws') + '/api/portal/events';
                const seen = {opened: false, messages: 0};
                results.eventsSocket = seen;
                let ws;
                try { ws = new WebSocket(url); } catch (e) { resolve('refused: ' + e); return; }
                window.attackSocket = ws;
                ws.onopen = () => { seen.opened = true; };
                ws.onmessage = () => { seen.messages++; };
                ws.onclose = () => resolve(seen.opened ? 'closed after opening' : 'refused');
                setTimeout(() => resolve(seen.opened ? 'open' : 'pending'), 5000);
              });
            }

            (async () => {
              await attempt('blockSimple', () => simplePost('/api/portal/applications/' + app + '/block', {reason: 'STOLEN'}));
              await attempt('parameterSimple', () => simplePost('/api/portal/applications/' + app + '/parameters/3', {value: 'PWNED'}));
              await attempt('serviceSimple', () => simplePost('/api/portal/applications/' + app + '/services', {serviceId: 'library'}));
              await attempt('topUpSimple', () => simplePost('/api/portal/applications/' + app + '/top-ups', {amount: 100}));
              await attempt('staffCreditSimple', () => simplePost('/api/applications/' + app + '/actions', {type: 'CREDIT', amount: 424242}));
              await attempt('blockJson', () => jsonPost('/api/portal/applications/' + app + '/block', {reason: 'LOST'}));
              await attempt('parameterJson', () => jsonPost('/api/portal/applications/' + app + '/parameters/3', {value: 'PWNED'}));
              await attempt('signOutSimple', () => simplePost('/api/session/sign-out', {}));
              // text/plain form whose body reads as JSON: {"reason":"LOST","x":"="}
              await attempt('blockForm', () => formPost('/api/portal/applications/' + app + '/block', 'text/plain',
                  {'{"reason":"LOST","x":"': '"}'}));
              await attempt('parameterForm', () => formPost('/api/portal/applications/' + app + '/parameters/3',
                  'application/x-www-form-urlencoded', {value: 'PWNED'}));
              await attempt('readCards', () => fetch(portal + '/api/portal/cards', {credentials: 'include'})
                  .then(r => r.text()).then(t => 'read ' + t.length + ' characters'));
              await attempt('events', events);
              window.attackDone = true;
            })();
            </script>
            </body></html>
            """;
}
