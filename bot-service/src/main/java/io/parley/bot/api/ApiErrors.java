package io.parley.bot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.bot.kb.ImportException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input becomes a 400 that lists every problem, each saying what to change. */
public class ApiErrors {

    public record Problem(String error, List<String> problems) {
    }

    @ServerExceptionMapper
    public Response invalid(ImportException e) {
        return badRequest("the request cannot be used as it is", e.problems());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return badRequest("the body is not readable", List.of(e.getOriginalMessage() + where));
    }

    static Response badRequest(String error, List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(error, problems)).build();
    }

    static Response notFound(String what) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(what + " not found", List.of())).build();
    }
}
