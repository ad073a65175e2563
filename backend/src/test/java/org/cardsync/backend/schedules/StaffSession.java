package org.cardsync.backend.schedules;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.cardsync.backend.testsupport.Api;

/**
 * A staff member signed in once with a session cookie, as the console is (docs/api.md "Signing in"): thousands of
 * staff requests in a run would otherwise each verify a password hash over HTTP Basic, which is slow by design.
 * Signs in again if the session has ended.
 */
final class StaffSession {
    static final StaffSession HELPDESK = new StaffSession("helpdesk");
    static final StaffSession ADMIN = new StaffSession("admin");

    private final String user;
    private String cookie;

    StaffSession(String user) {
        this.user = user;
    }

    /** A request as this staff member, with the CSRF token every state-changing request needs. */
    RequestSpecification request() {
        if (cookie == null) {
            Response r = Api.withCsrf(given()).contentType(ContentType.JSON)
                    .body("{\"username\":\"" + user + "\",\"password\":\"" + user + "-demo\"}").post("/api/session");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("sign-in of " + user + " answered " + r.statusCode() + " " + r.asString());
            }
            cookie = r.getCookie("cardsync-session");
        }
        return Api.withCsrf(given()).cookie("cardsync-session", cookie);
    }

    /** GET as this staff member; signs in again once if the session has ended (401). */
    Response get(String path, Object... queryNameValues) {
        Response r = query(request(), queryNameValues).get(path);
        if (r.statusCode() == 401) {
            cookie = null;
            r = query(request(), queryNameValues).get(path);
        }
        return r;
    }

    /** POST of a JSON body as this staff member; signs in again once if the session has ended (401). */
    Response post(String path, String json) {
        Response r = request().contentType(ContentType.JSON).body(json).post(path);
        if (r.statusCode() == 401) {
            cookie = null;
            r = request().contentType(ContentType.JSON).body(json).post(path);
        }
        return r;
    }

    private static RequestSpecification query(RequestSpecification r, Object... nameValues) {
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            r = r.queryParam((String) nameValues[i], nameValues[i + 1]);
        }
        return r;
    }
}
