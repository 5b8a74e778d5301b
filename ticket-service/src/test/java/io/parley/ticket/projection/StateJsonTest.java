package io.parley.ticket.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Labeled;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.state.ConversationFold;
import io.parley.events.state.ConversationState;
import io.parley.ticket.support.Events;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateJsonTest {

    @Test
    void theFoldedStateSurvivesJsonAndFoldsOnIdentically() {
        String id = Events.whatsappConversation();
        Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
        List<Event> events = List.of(
                Events.customerMessage(id, "acme", "hi", t0),
                Events.of(id, "acme", t0.plusSeconds(1), new Assigned("alice", "billing", null, "manual")),
                Events.of(id, "acme", t0.plusSeconds(2), new Labeled(List.of("vip"), "alice")));
        Event solved = Events.of(id, "acme", t0.plusSeconds(3), new StatusChanged(ConversationStatus.SOLVED, null, "alice"));

        ConversationState restored = StateJson.read(StateJson.write(ConversationFold.fold(id, events)));

        assertThat(restored).isEqualTo(ConversationFold.fold(id, events));
        ConversationState continued = ConversationFold.evolve(restored, solved);
        assertThat(continued.status()).isEqualTo(ConversationStatus.SOLVED);
        assertThat(continued.assignee()).isEqualTo("alice");
        assertThat(continued.currentLabels()).containsExactly("vip");
    }
}
