package org.cardsync.backend.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.error.ErrorCode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code {code, message}} for the errors Vert.x answers before any resource runs (ARCHITECTURE.md section 7): a body
 * whose declared length is over quarkus.http.limits.max-body-size, an address nothing serves, and any failure that
 * reaches the router (a role an HTTP permission asks for and the user lacks among them), and a path not in its normal
 * form. Without these a client gets a bare status or an HTML page it cannot read. (A chunked body
 * without a declared length that grows past the limit is cut off by Quarkus' body reader with a bare 413: the
 * reader ends the response itself. Browsers' fetch and curl declare the length.)
 */
@ApplicationScoped
public class HttpErrorRoutes {
    private final long maxBodySize;

    public HttpErrorRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                           MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // just before Quarkus' own check of the declared length, which would answer a bare 413
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversizedBody);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(HttpErrorRoutes::refuseUnnormalisedPath);
        router.route().last().handler(ctx -> answer(ctx, ErrorCode.NOT_FOUND));
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared > maxBodySize) {
            // the connection closes after the answer: the rest of the body is never read
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(ctx, ErrorCode.PAYLOAD_TOO_LARGE);
            return;
        }
        ctx.next();
    }

    /**
     * Stops an anonymous client flooding the metrics' uri tags: the static handler answered 200 to every dot-segment
     * variant of a page ({@code /a1/../console.html}, {@code /./././index.html}), and a 2xx without a route template
     * is tagged with its raw path, one new series each. A path that is not in its normal form (RFC 3986 section 6:
     * {@code .} and {@code ..} segments, {@code //}, percent-encoded unreserved characters, lower-case escapes) is
     * refused here, before any route, with a 400 that the metrics tag UNKNOWN. No page, asset or API address needs one.
     */
    private static void refuseUnnormalisedPath(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path == null || !path.equals(ctx.normalizedPath())) {
            answer(ctx, ErrorCode.INVALID_REQUEST, "The address is not in its normal form (no '.', '..' or empty segments).");
            return;
        }
        ctx.next();
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (ctx.failure() instanceof ForbiddenException) {
            // a signed-in user without the role an HTTP permission asks (the operations endpoints, application.properties)
            answer(ctx, ErrorCode.FORBIDDEN);
            return;
        }
        int status = ctx.statusCode();
        answer(ctx, status == 400 ? ErrorCode.INVALID_REQUEST : ErrorCode.ofHttpStatus(status, ErrorCode.INTERNAL_ERROR));
    }

    private static void answer(RoutingContext ctx, ErrorCode code) {
        answer(ctx, code, code.defaultMessage());
    }

    private static void answer(RoutingContext ctx, ErrorCode code, String message) {
        ctx.response().setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(ApiError.of(code, message)));
    }
}
