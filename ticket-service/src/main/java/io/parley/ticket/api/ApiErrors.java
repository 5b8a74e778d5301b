package io.parley.ticket.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Errors with a JSON body that says what was wrong and what to do. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** Also the answer for another tenant's ids: they do not exist for this caller. */
    public static WebApplicationException notFound(String what, String id) {
        return error(Response.Status.NOT_FOUND, "no " + what + " '" + id + "' in your tenant");
    }

    public static WebApplicationException badRequest(String message) {
        return error(Response.Status.BAD_REQUEST, message);
    }

    public static WebApplicationException unprocessable(String message) {
        return error(422, message);
    }

    private static WebApplicationException error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    private static WebApplicationException error(int status, String message) {
        return new WebApplicationException(message, Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message))
                .build());
    }
}
