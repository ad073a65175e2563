package org.cardsync.backend.error;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
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
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return e.getResponse();
        }
        ErrorCode code = status == 404 ? ErrorCode.NOT_FOUND : status == 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_REQUEST;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(code, status == 404 ? code.defaultMessage() : "The request is invalid (HTTP " + status + ")."))
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage())).build();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
