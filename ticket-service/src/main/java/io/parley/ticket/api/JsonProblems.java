package io.parley.ticket.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request body Jackson cannot read (not JSON, a field of the wrong type, a time that is not HH:MM) is a 400 in the
 * API's one error shape, {@code application/problem+json}, naming the field, rather than the framework's bare 400.
 */
public class JsonProblems {

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return answer(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        return answer(e);
    }

    /** Malformed JSON reaches resources as a bare 400 whose cause is the parser's error: give it the same shape. */
    @ServerExceptionMapper(priority = 1)
    public Response rejected(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? answer(json) : e.getResponse();
    }

    private static Response answer(JsonProcessingException e) {
        return ApiErrors.problems(400, "The request body cannot be read", List.of(problem(e))).getResponse();
    }

    static String problem(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "not valid JSON" : e.getOriginalMessage().split("\n")[0];
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "'" + field + "': " + reason;
        }
        return "the body is not valid JSON: " + reason;
    }
}
