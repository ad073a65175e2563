package org.cardsync.backend.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.cardsync.backend.security.TooManyAttemptsException;
import org.cardsync.protocol.ProtocolException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to {@link ApiError} bodies. Never sends class names or stack traces to a client. */
public class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    static Response respond(ErrorCode code, String message) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON).entity(ApiError.of(code, message)).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.code(), e.getMessage());
    }

    /** A rate limit of the terminal API: how long to wait rides in Retry-After. */
    @ServerExceptionMapper
    public Response tooManyRequests(TooManyRequestsException e) {
        return Response.status(e.code().status()).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", e.retryAfterSeconds()).entity(ApiError.of(e.code(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        ErrorCode code = ErrorCode.of(e.error());
        return respond(code, e.getMessage());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return respond(ErrorCode.INVALID_REQUEST, detail);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps what it cannot parse in a bare 400
            return json(json);
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = ErrorCode.ofHttpStatus(status, status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST);
        String message = code == ErrorCode.INVALID_REQUEST ? "The request is invalid (HTTP " + status + ")." : code.defaultMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiError.of(code, message)).build();
    }

    /**
     * A body that is not JSON, or JSON of the wrong shape or type (StrictJson's rules). The message names the field
     * and what was wrong, never a Java type.
     */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " at '" + m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        return respond(ErrorCode.INVALID_REQUEST, "The request body is not valid JSON for this request" + where
                + ": " + jsonProblem(e) + ".");
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e) {
        return json(e);
    }

    /** Not signed in (no session, no Basic credentials) on an endpoint that needs a user. No WWW-Authenticate. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(ErrorCode.NOT_SIGNED_IN, ErrorCode.NOT_SIGNED_IN.defaultMessage());
    }

    /** Wrong Basic credentials (or throttled); the same answer for an unknown user and a wrong password. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        if (e.getCause() instanceof TooManyAttemptsException tooMany) {
            return tooManyAttempts(tooMany);
        }
        if (DatabaseUnavailable.causes(e)) {
            // the user table could not be read: saying the password is wrong would be a lie
            return databaseUnavailable(e);
        }
        return respond(ErrorCode.SIGN_IN_FAILED, ErrorCode.SIGN_IN_FAILED.defaultMessage());
    }

    @ServerExceptionMapper
    public Response tooManyAttempts(TooManyAttemptsException e) {
        return Response.status(ErrorCode.TOO_MANY_ATTEMPTS.status()).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", e.retryAfterSeconds())
                .entity(ApiError.of(ErrorCode.TOO_MANY_ATTEMPTS, ErrorCode.TOO_MANY_ATTEMPTS.defaultMessage())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ErrorCode.FORBIDDEN, ErrorCode.FORBIDDEN.defaultMessage());
    }

    /**
     * Anything else is a bug (500), unless the database could not be reached: then 503 DATABASE_UNAVAILABLE with
     * Retry-After, a retryable answer (the transaction it interrupted was rolled back).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.causes(e)) {
            return databaseUnavailable(e);
        }
        LOG.error("unexpected error", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage())).build();
    }

    static Response databaseUnavailable(Throwable e) {
        // one line, no stack: while PostgreSQL restarts every request lands here
        LOG.warnf("database unavailable: %s", e.toString());
        return Response.status(ErrorCode.DATABASE_UNAVAILABLE.status()).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER.toSeconds())
                .entity(ApiError.of(ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.DATABASE_UNAVAILABLE.defaultMessage()))
                .build();
    }

    /** What was wrong, in words of our own: Jackson's messages name Java types. */
    private static String jsonProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p && p.getOriginalMessage() != null
                    && p.getOriginalMessage().startsWith("Duplicate field")) {
                return "a field appears twice";
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "there is no field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof MismatchedInputException) {
            return "a value has the wrong type (numbers are not quoted, whole numbers have no fraction) or the body "
                    + "has text after the JSON value";
        }
        return "it is not well-formed JSON";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
