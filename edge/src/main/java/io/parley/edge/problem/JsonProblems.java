package io.parley.edge.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The errors the framework raises, in the one error shape ({@link ApiErrors}): a request body Jackson cannot read
 * (not JSON, a field of the wrong type) is a 400 naming the field, and any other bodiless error (an unknown path, a
 * wrong method, a refused role, a missing token) carries its status and message as a problem rather than an empty or
 * plain-text body, and a failure nobody mapped is a logged 500 problem rather than the framework's page.
 */
public class JsonProblems {

    private static final Logger LOG = Logger.getLogger(JsonProblems.class);

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
        if (e.getCause() instanceof JsonProcessingException json) {
            return answer(json);
        }
        Response response = e.getResponse();
        if (response.hasEntity() || response.getStatus() < 400) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        // fromResponse keeps the headers (Allow, Retry-After, WWW-Authenticate).
        return Response.fromResponse(response).type(ApiErrors.PROBLEM_JSON)
                .entity(ApiErrors.body(status.getStatusCode(), status.getReasonPhrase(), List.of(e.getMessage())))
                .build();
    }

    /** {@code @RolesAllowed} refuses with Quarkus's own exception, which is not a WebApplicationException. */
    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return ApiErrors.response(403, "Forbidden", List.of("your token's roles do not allow this; an admin can"));
    }

    /** No token on a protected path: the problem, with the challenge a client needs to know what to send. */
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return Response.fromResponse(ApiErrors.response(401, "Unauthorized",
                        List.of("send a bearer token of your tenant in the Authorization header")))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A failure no resource or mapper expected: logged with its stack, answered without it. */
    @ServerExceptionMapper(priority = 10)
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "unexpected failure answering a request; it was answered 500");
        return ApiErrors.response(500, "Internal Server Error",
                List.of("the server failed unexpectedly (" + e.getClass().getSimpleName() + "); the failure is logged,"
                        + " retry later or report it"));
    }

    private static Response answer(JsonProcessingException e) {
        return ApiErrors.response(400, "The request body cannot be read", List.of(problem(e)));
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
