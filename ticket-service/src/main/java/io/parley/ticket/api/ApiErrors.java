package io.parley.ticket.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors with a JSON body that says what was wrong and what to do. */
public final class ApiErrors {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** 503: a dependency (Kafka) could not take the request now; the message says whether to retry. */
    public static WebApplicationException unavailable(String message) {
        return error(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), message);
    }

    /**
     * An RFC 9457 {@code application/problem+json} answer listing every problem, with the first one (or the count) as
     * its detail; {@code error} repeats the detail, as every other error body of this API has one.
     */
    public static WebApplicationException problems(int status, String title, List<String> problems) {
        String detail = problems.size() == 1 ? problems.get(0) : problems.size() + " problems: "
                + String.join("; ", problems);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", detail);
        body.put("problems", problems);
        try {
            return new WebApplicationException(detail, Response.status(status).type(PROBLEM_JSON)
                    .entity(JSON.writeValueAsString(body)).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body of strings always serialises", e);
        }
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
