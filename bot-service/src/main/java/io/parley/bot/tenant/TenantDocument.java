package io.parley.bot.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One JSON document a tenant configured (see {@link DocumentKind}). */
@Entity
@Table(name = "tenant_document")
@IdClass(TenantDocument.Key.class)
public class TenantDocument extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    @Enumerated(EnumType.STRING)
    public DocumentKind kind;

    @Id
    public String name;

    @Column(nullable = false)
    public String body;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public record Key(String tenant, DocumentKind kind, String name) implements Serializable {
    }
}
