package io.parley.bot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bot.BotJson;
import io.parley.bot.kb.ImportException;
import io.parley.bot.tenant.DocumentKind;
import io.parley.bot.tenant.TenantDocument;
import io.parley.bot.tenant.TenantDocuments;
import io.parley.edge.problem.ApiErrors;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The CRUD every kind of tenant document shares: parse strictly, validate, store as JSON, answer. */
final class Documents<T> {

    private final TenantDocuments store;
    private final DocumentKind kind;
    private final Class<T> type;
    private final Function<T, List<String>> problems;

    Documents(TenantDocuments store, DocumentKind kind, Class<T> type, Function<T, List<String>> problems) {
        this.store = store;
        this.kind = kind;
        this.type = type;
        this.problems = problems;
    }

    /** Reads JSON, or YAML when the media type says so; throws a 400-mapped exception on bad input. */
    T read(String body, String mediaType) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new ImportException("the request body is empty: send the " + kind.name().toLowerCase() + " as JSON");
        }
        ObjectMapper mapper = mediaType != null && mediaType.contains("yaml") ? BotJson.YAML : BotJson.JSON;
        T value = mapper.readValue(body, type);
        List<String> found = problems.apply(value);
        if (!found.isEmpty()) {
            throw new ImportException(found);
        }
        return value;
    }

    Uni<List<T>> list(String tenant) {
        return store.list(tenant, kind).map(rows -> rows.stream().map(this::parse).toList());
    }

    Uni<Response> get(String tenant, String name) {
        return store.find(tenant, kind, name).map(row -> row == null ? ApiErrors.notFound(kind.name().toLowerCase(), name).getResponse()
                : Response.ok(parse(row)).build());
    }

    Uni<Response> put(String tenant, String name, T value) throws JsonProcessingException {
        String json = BotJson.JSON.writeValueAsString(value);
        return store.save(tenant, kind, Map.of(name, json)).replaceWith(Response.ok(value).build());
    }

    Uni<Response> delete(String tenant, String name) {
        return store.delete(tenant, kind, name).map(deleted -> deleted ? Response.noContent().build()
                : ApiErrors.notFound(kind.name().toLowerCase(), name).getResponse());
    }

    private T parse(TenantDocument row) {
        try {
            return BotJson.JSON.readValue(row.body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + kind + " '" + row.name + "' is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
