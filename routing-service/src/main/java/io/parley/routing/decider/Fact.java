package io.parley.routing.decider;

import io.parley.events.Event;
import io.parley.routing.rules.ContactProfile;
import io.parley.routing.rules.RuleBook;
import io.parley.routing.settings.RoutingSettings;
import io.parley.routing.team.Team;
import java.time.Instant;

/**
 * An input of the decider, as read from the routing work topic. Every fact has a unique id: the decider applies an id
 * once, and derives the ids of the events it decides from it.
 */
public sealed interface Fact {

    String id();

    Instant time();

    String tenant();

    /** A conversation, agent or workspace event, forwarded from its log. */
    record Logged(Event event) implements Fact {
        @Override
        public String id() {
            return event.id();
        }

        @Override
        public Instant time() {
            return event.time();
        }

        @Override
        public String tenant() {
            return event.tenant();
        }
    }

    /**
     * A team's settings as routing's own team endpoint wrote them before teams moved to the workspace
     * ({@code parley.workspace.team-saved.v1}). Nothing writes it any more; the work topic keeps the old records
     * forever, and replaying them must rebuild the same state, so they are still read and applied.
     */
    record TeamConfigured(String id, Instant time, String tenant, Team team) implements Fact {
    }

    record RulesReplaced(String id, Instant time, String tenant, RuleBook rules) implements Fact {
    }

    record SettingsChanged(String id, Instant time, String tenant, RoutingSettings settings) implements Fact {
    }

    record ContactProfiled(String id, Instant time, String tenant, String conversationId, ContactProfile profile)
            implements Fact {
    }
}
