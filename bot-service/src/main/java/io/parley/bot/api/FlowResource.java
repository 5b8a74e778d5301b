package io.parley.bot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.bot.flow.FlowDefinition;
import io.parley.bot.kb.ImportException;
import io.parley.bot.tenant.DocumentKind;
import io.parley.bot.tenant.TenantDocuments;
import io.parley.edge.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The caller's tenant's flows, defined in JSON or YAML ({@code Content-Type: application/yaml}). */
@Path("/api/v1/flows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
public class FlowResource {

    private final Caller caller;
    private final Documents<FlowDefinition> flows;

    public FlowResource(Caller caller, TenantDocuments store) {
        this.caller = caller;
        this.flows = new Documents<>(store, DocumentKind.FLOW, FlowDefinition.class, FlowDefinition::problems);
    }

    @GET
    public Uni<List<FlowDefinition>> list() {
        return flows.list(caller.tenant());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return flows.get(caller.tenant(), id);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                             String body) throws JsonProcessingException {
        String owner = caller.tenant();
        FlowDefinition flow = flows.read(body, contentType);
        if (!id.equals(flow.id())) {
            throw new ImportException("the flow's id '" + flow.id() + "' differs from the path's '" + id + "'");
        }
        return flows.put(owner, id, flow);
    }

    @DELETE
    @RolesAllowed(Caller.ADMIN)
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return flows.delete(caller.tenant(), id);
    }
}
