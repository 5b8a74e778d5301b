package io.parley.bot.api;

import io.parley.bot.kb.ImportException;
import io.parley.edge.problem.ApiErrors;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A document or import the bot cannot use is a 400 in the one error shape, listing every problem found. */
public class ImportProblems {

    @ServerExceptionMapper
    public Response invalid(ImportException e) {
        return ApiErrors.response(400, "The request cannot be used as it is", e.problems());
    }
}
