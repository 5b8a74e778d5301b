package io.parley.routing.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.events.EventTypes;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.events.workspace.WorkspaceEvent;
import io.parley.routing.decider.Fact;
import io.parley.routing.rules.ContactProfile;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.settings.RoutingSettings;
import io.parley.routing.team.Team;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Facts ↔ records of the routing work topic. Forwarded events stay the CloudEvents they were; routing's own
 * configuration facts use the same envelope with {@code parley.routing.*} types, so every record of the topic reads
 * the same way with any Kafka tool. {@value #TEAM_CONFIGURED} is read only: teams come from the workspace now, but
 * the records routing's team endpoint wrote before stay in the topic and replay as they did.
 */
public final class WorkCodec {

    static final String SOURCE = "/routing/admin";
    static final String TEAM_CONFIGURED = "parley.routing.team-configured.v1";
    static final String RULES_REPLACED = "parley.routing.rules-replaced.v1";
    static final String CONTACT_PROFILED = "parley.routing.contact-profiled.v1";
    static final String SETTINGS_CHANGED = "parley.routing.settings-changed.v1";

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private WorkCodec() {
    }

    public static byte[] encode(Fact fact) {
        if (fact instanceof Fact.Logged logged) {
            return EventCodec.encode(logged.event());
        }
        if (fact instanceof Fact.TeamConfigured) {
            throw new IllegalArgumentException(TEAM_CONFIGURED + " is no longer written: teams are saved in the "
                    + "workspace (" + EventTypes.typeOf(WorkspaceEvent.TeamSaved.class) + ")");
        }
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", EventCodec.SPEC_VERSION);
        json.put("id", fact.id());
        json.put("source", SOURCE);
        json.put("subject", fact.tenant());
        json.put("time", fact.time().toString());
        json.put("tenant", fact.tenant());
        json.put("datacontenttype", "application/json");
        if (fact instanceof Fact.RulesReplaced replaced) {
            json.put("type", RULES_REPLACED);
            json.set("data", MAPPER.valueToTree(replaced.rules()));
        } else if (fact instanceof Fact.ContactProfiled profiled) {
            json.put("type", CONTACT_PROFILED);
            json.set("data", MAPPER.valueToTree(new ProfileData(profiled.conversationId(), profiled.profile())));
        } else if (fact instanceof Fact.SettingsChanged changed) {
            json.put("type", SETTINGS_CHANGED);
            json.set("data", MAPPER.valueToTree(changed.settings()));
        }
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise routing fact " + fact.id(), e);
        }
    }

    /**
     * Reads one record; empty for an event type routing does not know.
     *
     * @throws MalformedEventException when the record is not a readable CloudEvent
     */
    public static Optional<Fact> decode(byte[] bytes) {
        JsonNode json;
        try {
            json = MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("routing work record is not JSON: " + e.getMessage(), e);
        }
        String type = json == null ? null : json.path("type").asText(null);
        if (type == null || !type.startsWith("parley.routing.")) {
            return EventCodec.fromJson(json).map(Fact.Logged::new);
        }
        try {
            String id = json.path("id").asText();
            Instant time = Instant.parse(json.path("time").asText());
            String tenant = json.path("tenant").asText();
            JsonNode data = json.path("data");
            return switch (type) {
                case TEAM_CONFIGURED -> Optional.of(new Fact.TeamConfigured(id, time, tenant,
                        MAPPER.treeToValue(data, Team.class)));
                case RULES_REPLACED -> Optional.of(new Fact.RulesReplaced(id, time, tenant,
                        MAPPER.treeToValue(data, RuleBook.class)));
                case CONTACT_PROFILED -> {
                    ProfileData profile = MAPPER.treeToValue(data, ProfileData.class);
                    yield Optional.of(new Fact.ContactProfiled(id, time, tenant, profile.conversationId(),
                            profile.profile()));
                }
                case SETTINGS_CHANGED -> Optional.of(new Fact.SettingsChanged(id, time, tenant,
                        MAPPER.treeToValue(data, RoutingSettings.class)));
                default -> Optional.empty();
            };
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedEventException("routing fact of type " + type + " is not readable: " + e.getMessage(), e);
        }
    }

    record ProfileData(String conversationId, ContactProfile profile) {
    }
}
