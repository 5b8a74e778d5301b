package io.parley.routing.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.events.Event;
import io.parley.events.EventTypes;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.events.routing.RoutingEvent;
import io.parley.events.workspace.WorkspaceEvent;
import io.parley.routing.decider.Fact;
import io.parley.routing.rules.ContactProfile;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.settings.RoutingSettings;
import io.parley.routing.team.Team;
import java.util.Optional;

/**
 * Facts ↔ records of the routing work topic. Every record is a CloudEvent written and read by {@link EventCodec}:
 * forwarded events stay the events they were, routing's own configuration facts are {@link RoutingEvent}s (source
 * {@value #SOURCE}, subject the tenant), so every record of the topic reads the same way with any Kafka tool.
 * {@code parley.routing.team-configured.v1} is read only: teams come from the workspace now, but the records routing's
 * team endpoint wrote before stay in the topic and replay as they did.
 */
public final class WorkCodec {

    static final String SOURCE = "/routing/admin";

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private WorkCodec() {
    }

    public static byte[] encode(Fact fact) {
        if (fact instanceof Fact.Logged logged) {
            return EventCodec.encode(logged.event());
        }
        return EventCodec.encode(new Event(fact.id(), SOURCE, fact.tenant(), fact.time(), fact.tenant(), null,
                data(fact)));
    }

    /**
     * Reads one record; empty for an event type routing does not know.
     *
     * @throws MalformedEventException when the record is not a readable CloudEvent or fact
     */
    public static Optional<Fact> decode(byte[] bytes) {
        return EventCodec.decode(bytes).map(WorkCodec::fact);
    }

    private static RoutingEvent data(Fact fact) {
        if (fact instanceof Fact.RulesReplaced replaced) {
            return new RoutingEvent.RulesReplaced(MAPPER.valueToTree(replaced.rules().rules()),
                    replaced.rules().triageTeam());
        }
        if (fact instanceof Fact.ContactProfiled profiled) {
            return new RoutingEvent.ContactProfiled(profiled.conversationId(), MAPPER.valueToTree(profiled.profile()));
        }
        if (fact instanceof Fact.SettingsChanged changed) {
            return new RoutingEvent.SettingsChanged(changed.settings().botEnabled());
        }
        throw new IllegalArgumentException(EventTypes.typeOf(RoutingEvent.TeamConfigured.class) + " is no longer "
                + "written: teams are saved in the workspace (" + EventTypes.typeOf(WorkspaceEvent.TeamSaved.class)
                + ")");
    }

    private static Fact fact(Event event) {
        if (!(event.data() instanceof RoutingEvent data)) {
            return new Fact.Logged(event);
        }
        try {
            if (data instanceof RoutingEvent.TeamConfigured team) {
                return new Fact.TeamConfigured(event.id(), event.time(), event.tenant(),
                        MAPPER.convertValue(team, Team.class));
            }
            if (data instanceof RoutingEvent.RulesReplaced rules) {
                return new Fact.RulesReplaced(event.id(), event.time(), event.tenant(),
                        MAPPER.convertValue(rules, RuleBook.class));
            }
            if (data instanceof RoutingEvent.ContactProfiled profiled) {
                return new Fact.ContactProfiled(event.id(), event.time(), event.tenant(), profiled.conversationId(),
                        MAPPER.treeToValue(profiled.profile(), ContactProfile.class));
            }
            return new Fact.SettingsChanged(event.id(), event.time(), event.tenant(),
                    RoutingSettings.of(((RoutingEvent.SettingsChanged) data).botEnabled()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("routing fact " + event.id() + " of type " + event.type()
                    + " is not readable: " + e.getMessage(), e);
        }
    }
}
