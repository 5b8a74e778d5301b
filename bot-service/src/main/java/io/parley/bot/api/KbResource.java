package io.parley.bot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.bot.BotJson;
import io.parley.bot.kb.Article;
import io.parley.bot.kb.ArticleImport;
import io.parley.bot.kb.ImportException;
import io.parley.bot.kb.ImportFormat;
import io.parley.bot.tenant.BotSettings;
import io.parley.bot.tenant.DocumentKind;
import io.parley.bot.tenant.TenantBot;
import io.parley.bot.tenant.TenantBots;
import io.parley.bot.tenant.TenantDocuments;
import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The knowledge base of the caller's tenant: articles, bulk import, bot settings, model status. */
@Path("/api/v1/kb")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.ADMIN})
public class KbResource {

    private static final String SETTINGS_NAME = "bot";

    private final Caller caller;
    private final TenantDocuments store;
    private final TenantBots bots;
    private final Documents<Article> articles;
    private final Documents<BotSettings> settings;

    public KbResource(Caller caller, TenantDocuments store, TenantBots bots) {
        this.caller = caller;
        this.store = store;
        this.bots = bots;
        this.articles = new Documents<>(store, DocumentKind.ARTICLE, Article.class, Article::problems);
        this.settings = new Documents<>(store, DocumentKind.SETTINGS, BotSettings.class, BotSettings::problems);
    }

    public record ImportResult(int imported, List<String> ids) {
    }

    /** What the running bot of this instance knows, e.g. to see that a change was trained. */
    public record ModelStatus(int articles, List<String> languages, List<String> flows, long generation,
                              Instant builtAt, boolean refreshing) {
    }

    @GET
    @Path("/articles")
    public Uni<List<Article>> list() {
        return articles.list(caller.tenant());
    }

    @GET
    @Path("/articles/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return articles.get(caller.tenant(), id);
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Path("/articles")
    public Uni<Response> create(String body) throws JsonProcessingException {
        Article article = articles.read(body, MediaType.APPLICATION_JSON);
        String owner = caller.tenant();
        return store.find(owner, DocumentKind.ARTICLE, article.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(ApiErrors.response(409, "Conflict", List.of("article '" + article.id()
                        + "' exists: PUT /api/v1/kb/articles/" + article.id() + " replaces it")));
            }
            return put(owner, article).map(ok -> Response.status(Response.Status.CREATED).entity(article).build());
        });
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Path("/articles/{id}")
    public Uni<Response> replace(@PathParam("id") String id, String body) throws JsonProcessingException {
        Article article = articles.read(body, MediaType.APPLICATION_JSON);
        if (!id.equals(article.id())) {
            throw new ImportException("the article's id '" + article.id() + "' differs from the path's '" + id + "'");
        }
        return put(caller.tenant(), article);
    }

    @DELETE
    @RolesAllowed(Caller.ADMIN)
    @Path("/articles/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return articles.delete(caller.tenant(), id);
    }

    /** Creates or replaces every article of a CSV, JSON or Markdown file, all or none. */
    @POST
    @RolesAllowed(Caller.ADMIN)
    @Path("/import")
    public Uni<ImportResult> importArticles(@QueryParam("format") String format,
                                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body)
            throws JsonProcessingException {
        String owner = caller.tenant();
        List<Article> imported = ArticleImport.parse(ImportFormat.of(format, contentType), body);
        Map<String, String> documents = new LinkedHashMap<>();
        for (Article article : imported) {
            documents.put(article.id(), BotJson.JSON.writeValueAsString(article));
        }
        return store.save(owner, DocumentKind.ARTICLE, documents)
                .replaceWith(new ImportResult(imported.size(), imported.stream().map(Article::id).toList()));
    }

    @GET
    @Path("/settings")
    public Uni<Response> getSettings() {
        return settings.get(caller.tenant(), SETTINGS_NAME);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Path("/settings")
    public Uni<Response> putSettings(String body) throws JsonProcessingException {
        return settings.put(caller.tenant(), SETTINGS_NAME, settings.read(body, MediaType.APPLICATION_JSON));
    }

    @GET
    @Path("/status")
    public ModelStatus status() {
        String owner = caller.tenant();
        return bots.current(owner).map(bot -> status(bot, bots.isRefreshing(owner)))
                .orElse(new ModelStatus(0, List.of(), List.of(), 0, null, bots.isRefreshing(owner)));
    }

    private static ModelStatus status(TenantBot bot, boolean refreshing) {
        return new ModelStatus(bot.knowledge().articleCount(), bot.knowledge().languages(),
                bot.flows().keySet().stream().sorted().toList(), bot.generation(), bot.builtAt(), refreshing);
    }

    private Uni<Response> put(String tenant, Article article) {
        try {
            return articles.put(tenant, article.id(), article);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an article always serialises", e);
        }
    }
}
