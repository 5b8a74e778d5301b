package io.parley.ticket.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.Channel;
import io.parley.ticket.projection.ConversationRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds a tenant's contact by any of its keys and keeps what agents write on it. A key is a contact id, an identity
 * ({@code channel:channelUserId}), or a bare phone number or channel user id. A contact's conversations are those of
 * its identities, and those with the same phone number where the channel vouches for the number (WhatsApp: the number
 * is the account). A number a visitor typed into a web form or an API client sent is only what they claim, so it
 * joins nothing: an agent who trusts it links the identities by hand. Callers hold a session (reads) or a transaction
 * (writes).
 */
@ApplicationScoped
public class ContactDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The channels whose contact phone number is verified by the channel itself. */
    private static final List<String> PHONE_VERIFYING_CHANNELS = List.of(Channel.WHATSAPP.wireName());
    private static final Comparator<ConversationRow> NEWEST_FIRST = Comparator
            .comparing((ConversationRow row) -> row.lastActivityAt, Comparator.reverseOrder())
            .thenComparing(row -> row.id);

    @Inject
    Clock clock;

    /** A contact: the stored row if an agent linked or edited it, its identities and conversations (newest first). */
    public record Found(ContactRow stored, List<Identity> identities, List<ConversationRow> conversations) {

        public List<String> conversationIds() {
            return conversations.stream().map(row -> row.id).toList();
        }

        public ContactView view() {
            String name = stored != null && stored.name != null ? stored.name
                    : conversations.stream().map(row -> row.contactName).filter(Objects::nonNull).findFirst().orElse(null);
            String phone = conversations.stream().map(row -> row.contactPhone).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            return new ContactView(stored == null ? null : stored.id, name, phone,
                    identities.stream().map(ContactView.IdentityView::of).toList(),
                    stored == null ? Map.of() : attributesOf(stored));
        }
    }

    /** The caller's tenant's contact with this key, or 404. */
    public Uni<Found> find(String tenant, String key) {
        return storedFor(tenant, key).flatMap(stored -> {
            if (stored != null) {
                return identitiesOf(stored).flatMap(identities -> conversationsOf(tenant, identities, Set.of())
                        .map(rows -> new Found(stored, identities, rows)));
            }
            Optional<Identity> identity = Identity.parse(key);
            if (identity.isPresent()) {
                return conversationsOf(tenant, List.of(identity.get()), Set.of())
                        .map(rows -> rows.isEmpty() ? null : new Found(null, List.of(identity.get()), rows));
            }
            return byPhoneOrUserId(tenant, key);
        }).onItem().ifNull().failWith(() -> ApiErrors.notFound("contact", key));
    }

    /** Sets the name and/or replaces the attributes (null leaves each as it is). */
    public Uni<ContactView> update(String tenant, String key, String name, Map<String, String> attributes) {
        if (attributes != null) {
            List<String> problems = ContactRules.attributeProblems(attributes);
            if (!problems.isEmpty()) {
                throw ApiErrors.problems(400, "Invalid contact attributes", problems);
            }
        }
        return find(tenant, key).flatMap(found -> stored(tenant, found)).flatMap(contact -> {
            if (name != null) {
                contact.name = name.isBlank() ? null : name.trim();
            }
            if (attributes != null) {
                contact.attributes = json(attributes);
            }
            contact.updatedAt = clock.instant();
            return reread(tenant, contact);
        });
    }

    /**
     * Links another channel id to the contact. An id linked to another contact brings that contact along: its ids move
     * here, its attributes fill the names this one lacks, and it is gone.
     */
    public Uni<ContactView> link(String tenant, String key, Identity identity) {
        List<String> problems = ContactRules.identityProblems(identity.channel(), identity.channelUserId());
        if (!problems.isEmpty()) {
            throw ApiErrors.problems(400, "Invalid identity", problems);
        }
        Identity normalised = Identity.parse(identity.key()).orElseThrow();
        return find(tenant, key).flatMap(found -> stored(tenant, found)).flatMap(contact ->
                ContactIdentityRow.<ContactIdentityRow>findById(ContactIdentityRow.idOf(tenant, normalised))
                        .flatMap(existing -> {
                            if (existing == null) {
                                return ContactIdentityRow.of(tenant, contact.id, normalised).persist().replaceWith(contact);
                            }
                            if (existing.contactId.equals(contact.id)) {
                                return Uni.createFrom().item(contact);
                            }
                            return mergeInto(contact, existing.contactId);
                        }))
                .flatMap(contact -> reread(tenant, contact));
    }

    /** Unlinks one channel id; a contact keeps at least one. */
    public Uni<ContactView> unlink(String tenant, String key, Identity identity) {
        return find(tenant, key).flatMap(found -> {
            if (found.stored() == null || !found.identities().contains(identity)) {
                throw ApiErrors.notFound("identity", identity.key() + "' of contact '" + key);
            }
            if (found.identities().size() == 1) {
                throw ApiErrors.problems(409, "Last identity", List.of("'" + identity.key()
                        + "' is the contact's only channel id: link another one first"));
            }
            return ContactIdentityRow.deleteById(ContactIdentityRow.idOf(tenant, identity))
                    .flatMap(ignored -> reread(tenant, found.stored()));
        });
    }

    private Uni<ContactView> reread(String tenant, ContactRow contact) {
        return Panache.flush().flatMap(ignored -> find(tenant, contact.id)).map(Found::view);
    }

    private Uni<ContactRow> mergeInto(ContactRow kept, String otherId) {
        return ContactRow.<ContactRow>findById(otherId).flatMap(other -> ContactIdentityRow
                .<ContactIdentityRow>list("contactId", otherId).flatMap(moving -> {
                    moving.forEach(row -> row.contactId = kept.id);
                    kept.attributes = json(ContactRules.mergedAttributes(attributesOf(kept), attributesOf(other)));
                    if (kept.name == null) {
                        kept.name = other.name;
                    }
                    kept.updatedAt = clock.instant();
                    return Panache.flush().flatMap(ignored -> other.delete()).replaceWith(kept);
                }));
    }

    /** The stored row of a contact, created from its identities the first time an agent writes on it. */
    private Uni<ContactRow> stored(String tenant, Found found) {
        if (found.stored() != null) {
            return Uni.createFrom().item(found.stored());
        }
        ContactRow contact = new ContactRow();
        contact.id = UUID.randomUUID().toString();
        contact.tenant = tenant;
        contact.attributes = "{}";
        contact.updatedAt = clock.instant();
        return contact.persist().flatMap(ignored -> ContactIdentityRow.persist(found.identities().stream()
                .map(identity -> ContactIdentityRow.of(tenant, contact.id, identity)).toList())).replaceWith(contact);
    }

    private Uni<ContactRow> storedFor(String tenant, String key) {
        Optional<Identity> identity = Identity.parse(key);
        if (identity.isPresent()) {
            return ContactIdentityRow.<ContactIdentityRow>findById(ContactIdentityRow.idOf(tenant, identity.get()))
                    .flatMap(link -> link == null ? Uni.createFrom().nullItem() : ContactRow.findById(link.contactId));
        }
        return ContactRow.<ContactRow>find("id = ?1 and tenant = ?2", key, tenant).firstResult();
    }

    private Uni<Found> byPhoneOrUserId(String tenant, String key) {
        return ConversationRow.<ConversationRow>list("tenant = ?1 and (contactUserId = ?2 or (contactPhone = ?2"
                        + " and channel in ?3))", tenant, key, PHONE_VERIFYING_CHANNELS).flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    List<Identity> identities = identitiesOfRows(rows);
                    List<String> ids = identities.stream().map(i -> ContactIdentityRow.idOf(tenant, i)).toList();
                    return ContactIdentityRow.<ContactIdentityRow>list("id in ?1", ids).flatMap(links -> links.isEmpty()
                            ? conversationsOf(tenant, identities, Set.of(key))
                                    .map(all -> new Found(null, identities, all))
                            : find(tenant, links.get(0).contactId));
                });
    }

    private static Uni<List<Identity>> identitiesOf(ContactRow contact) {
        return ContactIdentityRow.<ContactIdentityRow>list("contactId = ?1 order by channel, channelUserId", contact.id)
                .map(rows -> rows.stream().map(ContactIdentityRow::identity).toList());
    }

    /**
     * The conversations of these identities, and those of the verified phone numbers they (or {@code phones}) have, on
     * the channels that verify them.
     */
    private static Uni<List<ConversationRow>> conversationsOf(String tenant, List<Identity> identities, Set<String> phones) {
        StringBuilder hql = new StringBuilder("tenant = :tenant and (");
        Parameters parameters = Parameters.with("tenant", tenant);
        for (int i = 0; i < identities.size(); i++) {
            hql.append(i == 0 ? "" : " or ").append("(channel = :channel").append(i).append(" and contactUserId = :user")
                    .append(i).append(')');
            parameters.and("channel" + i, identities.get(i).channel()).and("user" + i, identities.get(i).channelUserId());
        }
        hql.append(')');
        return ConversationRow.<ConversationRow>list(hql.toString(), parameters).flatMap(rows -> {
            Set<String> allPhones = new LinkedHashSet<>(phones);
            rows.stream().filter(row -> PHONE_VERIFYING_CHANNELS.contains(row.channel)).map(row -> row.contactPhone)
                    .filter(Objects::nonNull).forEach(allPhones::add);
            if (allPhones.isEmpty()) {
                return Uni.createFrom().item(sorted(rows));
            }
            return ConversationRow.<ConversationRow>list("tenant = ?1 and contactPhone in ?2 and channel in ?3", tenant,
                    List.copyOf(allPhones), PHONE_VERIFYING_CHANNELS).map(samePhone -> {
                        Map<String, ConversationRow> byId = new LinkedHashMap<>();
                        rows.forEach(row -> byId.put(row.id, row));
                        samePhone.forEach(row -> byId.put(row.id, row));
                        return sorted(new ArrayList<>(byId.values()));
                    });
        });
    }

    private static List<Identity> identitiesOfRows(List<ConversationRow> rows) {
        return rows.stream().filter(row -> row.contactUserId != null)
                .map(row -> new Identity(row.channel, row.contactUserId)).distinct().toList();
    }

    private static List<ConversationRow> sorted(List<ConversationRow> rows) {
        return rows.stream().sorted(NEWEST_FIRST).toList();
    }

    static Map<String, String> attributesOf(ContactRow contact) {
        try {
            return JSON.readValue(contact.attributes, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact " + contact.id + " has unreadable attributes", e);
        }
    }

    private static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
