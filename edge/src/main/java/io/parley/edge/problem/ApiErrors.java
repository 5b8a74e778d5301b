package io.parley.edge.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error of every Parley API in one shape: RFC 9457 {@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail}, the extension {@code problems} listing every problem found (each
 * saying what to change), and {@code error}, which repeats {@code detail} for clients of the older bodies.
 */
public final class ApiErrors {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    /** 404. Also the answer for another tenant's ids: they do not exist for this caller. */
    public static WebApplicationException notFound(String what, String id) {
        return problems(404, "Not Found", List.of("no " + what + " '" + id + "' in your tenant"));
    }

    public static WebApplicationException badRequest(String problem) {
        return problems(400, "Bad Request", List.of(problem));
    }

    public static WebApplicationException unprocessable(String problem) {
        return problems(422, "Unprocessable Content", List.of(problem));
    }

    /** 503: a dependency (Kafka) could not take the request now; the problem says whether to retry. */
    public static WebApplicationException unavailable(String problem) {
        return problems(503, "Service Unavailable", List.of(problem));
    }

    /** The error answer listing {@code problems}, to throw from a resource. */
    public static WebApplicationException problems(int status, String title, List<String> problems) {
        return new WebApplicationException(detail(problems), response(status, title, problems));
    }

    /** The error answer listing {@code problems}, for filters and mappers that return a response. */
    public static Response response(int status, String title, List<String> problems) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, title, problems)).build();
    }

    /** The problem document itself. */
    static String body(int status, String title, List<String> problems) {
        String detail = detail(problems);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", detail);
        body.put("problems", problems);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body of strings always serialises", e);
        }
    }

    /** The one problem, or how many there are and all of them. */
    private static String detail(List<String> problems) {
        return problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems: " + String.join("; ", problems);
    }
}
