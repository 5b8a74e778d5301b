package io.parley.bot.tenant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The tenants' bot documents in PostgreSQL. Every write announces the change ({@link TenantChanges}) once it is
 * committed, so every running instance rebuilds that tenant's bot.
 */
@ApplicationScoped
public class TenantDocuments {

    /**
     * The kinds this version reads: a row of a kind it no longer has (business hours, stored before they moved to the
     * workspace log) would fail to load as an enum and break the whole tenant's bot, so it is never selected.
     */
    private static final List<DocumentKind> KNOWN_KINDS = List.of(DocumentKind.values());

    private final TenantChanges changes;

    public TenantDocuments(TenantChanges changes) {
        this.changes = changes;
    }

    public Uni<List<TenantDocument>> list(String tenant, DocumentKind kind) {
        return Panache.withSession(() -> TenantDocument.<TenantDocument>find(
                "tenant = ?1 and kind = ?2 order by name", tenant, kind).list());
    }

    /** The document, or null. */
    public Uni<TenantDocument> find(String tenant, DocumentKind kind, String name) {
        return Panache.withSession(() -> TenantDocument.findById(new TenantDocument.Key(tenant, kind, name)));
    }

    /** Creates or replaces documents of one kind, all or none. */
    public Uni<Void> save(String tenant, DocumentKind kind, Map<String, String> bodiesByName) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> document : bodiesByName.entrySet()) {
                chain = chain.chain(() -> upsert(tenant, kind, document.getKey(), document.getValue(), now));
            }
            return chain;
        }).chain(() -> changes.announce(tenant));
    }

    /** True when there was such a document. */
    public Uni<Boolean> delete(String tenant, DocumentKind kind, String name) {
        return Panache.withTransaction(() -> TenantDocument.deleteById(new TenantDocument.Key(tenant, kind, name)))
                .call(deleted -> deleted ? changes.announce(tenant) : Uni.createFrom().voidItem());
    }

    /** Blocking: every document of a tenant, for building its bot off the event loop. */
    public List<TenantDocument> loadAll(String tenant) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    TenantDocument.<TenantDocument>find("tenant = ?1 and kind in ?2", tenant, KNOWN_KINDS).list()));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the bot documents of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    /** Blocking: the tenants that have configured anything. */
    public List<String> tenants() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .chain(session -> session.createSelectionQuery(
                            "select distinct d.tenant from TenantDocument d where d.kind in :kinds order by d.tenant",
                            String.class).setParameter("kinds", KNOWN_KINDS).getResultList())));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot list the tenants with bot documents: " + e.getMessage(), e);
        }
    }

    private static Uni<Void> upsert(String tenant, DocumentKind kind, String name, String body, Instant now) {
        return TenantDocument.<TenantDocument>findById(new TenantDocument.Key(tenant, kind, name))
                .chain(existing -> {
                    TenantDocument document = existing != null ? existing : new TenantDocument();
                    document.tenant = tenant;
                    document.kind = kind;
                    document.name = name;
                    document.body = body;
                    document.updatedAt = now;
                    return existing != null ? Uni.createFrom().voidItem() : document.persist().replaceWithVoid();
                });
    }
}
