package io.parley.events.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.agent.AgentEvent;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.state.ConversationState.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationFoldTest {

    static MessageReceived customerSays(String messageId, String text) {
        return customerNamed("Sheena", messageId, text);
    }

    /** A customer message whose contact carries {@code name} (null: the channel sent only the user id). */
    static MessageReceived customerNamed(String name, String messageId, String text) {
        return new MessageReceived(Channel.WHATSAPP, "106540352242922", messageId,
                new Contact("16505551234", name, null), Content.text(text), null, null, null, null);
    }

    @Test
    void a_later_message_without_a_name_keeps_the_name_an_earlier_one_gave() {
        List<Event> events = new Timeline()
                .then("ingest", customerNamed("Ana", "m1", "hello"))
                .then("ingest", customerNamed(null, "m2", "are you there?"))
                .events();

        assertThat(ConversationFold.fold(Timeline.CONVERSATION, events).contact().value().name()).isEqualTo("Ana");
        List<Event> unnamedFirst = new ArrayList<>(events);
        java.util.Collections.reverse(unnamedFirst);
        assertThat(ConversationFold.fold(Timeline.CONVERSATION, unnamedFirst).contact().value().name()).isEqualTo("Ana");
        List<Event> renamed = new Timeline()
                .then("ingest", customerNamed("Ana", "m1", "hello"))
                .then("ingest", customerNamed("Ana María", "m2", "new name"))
                .events();
        assertThat(ConversationFold.fold(Timeline.CONVERSATION, renamed).contact().value().name()).isEqualTo("Ana María");
    }

    static MessageOutbound reply(AuthorKind author, String messageId, String text) {
        return new MessageOutbound(messageId, new Author(author, author == AuthorKind.AGENT ? "agent-7" : null),
                Content.text(text), null, null);
    }

    @Test
    void follows_the_whole_lifecycle() {
        List<Event> events = new Timeline()
                .then("ingest", customerSays("m1", "where is my order?"))
                .then("bot", new BotAnswered("kb-track", null, 0.91, "en", "o1"))
                .then("bot", reply(AuthorKind.BOT, "o1", "Track it here…"))
                .then("bot", new HandoffRequested("asked-for-human", "wants a person", "en", List.of("orders")))
                .then("routing", new Queued("support", Priority.NORMAL, 2))
                .then("routing", new Assigned("agent-7", "support", "rule-1", "balanced"))
                .then("ticket", reply(AuthorKind.AGENT, "o2", "Hi, I'm on it"))
                .then("ticket", new StatusChanged(ConversationStatus.SOLVED, null, "agent-7"))
                .then("ingest", customerSays("m2", "it did not arrive after all"))
                .events();

        List<ConversationState> states = new ArrayList<>();
        ConversationState state = ConversationState.initial(Timeline.CONVERSATION);
        for (Event event : events) {
            state = ConversationFold.evolve(state, event);
            states.add(state);
        }

        assertThat(states.get(0).status()).isEqualTo(ConversationStatus.BOT);
        assertThat(states.get(0).mode()).isEqualTo(Mode.BOT);
        assertThat(states.get(0).tenant()).isEqualTo("acme");
        assertThat(states.get(0).awaitingAgentReplySince()).isEqualTo(events.get(0).time());
        assertThat(states.get(2).language().value()).isEqualTo("en");
        assertThat(states.get(3).status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(states.get(3).mode()).isEqualTo(Mode.HUMAN);
        assertThat(states.get(4).queuePosition()).isEqualTo(2);
        assertThat(states.get(4).team()).isEqualTo("support");
        assertThat(states.get(4).assignee()).isNull();
        assertThat(states.get(5).assignee()).isEqualTo("agent-7");
        assertThat(states.get(5).queuePosition()).isNull();
        assertThat(states.get(6).awaitingAgentReplySince()).isNull();
        assertThat(states.get(6).lastAgentMessageAt()).isEqualTo(events.get(6).time());
        assertThat(states.get(7).status()).isEqualTo(ConversationStatus.SOLVED);
        assertThat(states.get(7).assignee()).isEqualTo("agent-7");

        ConversationState reopened = states.get(8);
        assertThat(reopened.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(reopened.assignee()).as("a solved conversation reopens with the same agent").isEqualTo("agent-7");
        assertThat(reopened.awaitingAgentReplySince()).isEqualTo(events.get(8).time());
        assertThat(reopened.lastCustomerMessage().value()).isEqualTo("m2");
        assertThat(reopened.firstCustomerMessage().time()).isEqualTo(events.get(0).time());
    }

    @Test
    void a_closed_conversation_starts_over_with_the_bot_when_the_customer_writes_again() {
        ConversationState state = ConversationFold.fold(Timeline.CONVERSATION, new Timeline()
                .then("ingest", customerSays("m1", "hello"))
                .then("routing", new Assigned("agent-7", "support", null, "balanced"))
                .then("ticket", new StatusChanged(ConversationStatus.CLOSED, null, "agent-7"))
                .then("ingest", customerSays("m2", "me again"))
                .events());

        assertThat(state.status()).isEqualTo(ConversationStatus.BOT);
        assertThat(state.assignee()).isNull();
        assertThat(state.team()).isNull();
    }

    @Test
    void a_customer_reply_wakes_a_snoozed_or_pending_conversation() {
        for (ConversationStatus waiting : List.of(ConversationStatus.SNOOZED, ConversationStatus.PENDING)) {
            ConversationState state = ConversationFold.fold(Timeline.CONVERSATION, new Timeline()
                    .then("routing", new Assigned("agent-7", "support", null, "balanced"))
                    .then("ticket", new StatusChanged(waiting, null, "agent-7"))
                    .then("ingest", customerSays("m1", "any news?"))
                    .events());

            assertThat(state.status()).isEqualTo(ConversationStatus.OPEN);
        }
    }

    @Test
    void requeueing_releases_the_agent() {
        ConversationState state = ConversationFold.fold(Timeline.CONVERSATION, new Timeline()
                .then("routing", new Assigned("agent-7", "support", null, "balanced"))
                .then("routing", new Queued("support", Priority.HIGH, 1))
                .events());

        assertThat(state.assignee()).isNull();
        assertThat(state.queuePosition()).isEqualTo(1);
    }

    @Test
    void ignores_duplicates_other_conversations_and_other_streams() {
        List<Event> events = new Timeline().then("ingest", customerSays("m1", "hi")).events();
        ConversationState once = ConversationFold.fold(Timeline.CONVERSATION, events);

        ConversationState twice = ConversationFold.evolve(once, events.get(0));
        Event foreign = new Event("x", "/ingest", "whatsapp:1:other", events.get(0).time(), "acme", null,
                customerSays("m9", "not mine"));
        Event agentEvent = new Event("y", "/gateway", Timeline.CONVERSATION, events.get(0).time(), "acme", null,
                new AgentEvent.PresenceChanged("agent-7", AgentEvent.Presence.ONLINE));

        assertThat(twice).isSameAs(once);
        assertThat(ConversationFold.evolve(once, foreign)).isSameAs(once);
        assertThat(ConversationFold.evolve(once, agentEvent)).isSameAs(once);
    }

    @Test
    void remembers_applied_ids_for_seven_days_behind_the_newest_event_only() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Event old = at("old", start, customerSays("m1", "hi"));
        Event recent = at("recent", start.plus(Duration.ofDays(6)), customerSays("m2", "still there?"));
        Event newest = at("newest", start.plus(Duration.ofDays(7)).plusSeconds(1), customerSays("m3", "hello?"));

        ConversationState withinWindow = ConversationFold.fold(Timeline.CONVERSATION, List.of(old, recent));
        assertThat(withinWindow.hasApplied("old")).isTrue();
        assertThat(ConversationFold.evolve(withinWindow, recent)).isSameAs(withinWindow);

        ConversationState beyond = ConversationFold.evolve(withinWindow, newest);
        assertThat(beyond.hasApplied("old")).as("older than the newest minus 7 days").isFalse();
        assertThat(beyond.hasApplied("recent")).isTrue();
        assertThat(beyond.appliedEventIds().size()).isEqualTo(2);
        assertThat(ConversationFold.evolve(beyond, recent)).isSameAs(beyond);
    }

    @Test
    void an_earlier_state_never_sees_ids_applied_after_it_even_when_evolved_again() {
        List<Event> events = new Timeline().then("ingest", customerSays("m1", "hi"))
                .then("ingest", customerSays("m2", "anyone?")).then("ingest", customerSays("m3", "hello?")).events();
        ConversationState first = ConversationFold.evolve(ConversationState.initial(Timeline.CONVERSATION), events.get(0));

        ConversationState second = ConversationFold.evolve(first, events.get(1));
        ConversationState branch = ConversationFold.evolve(first, events.get(2));

        assertThat(first.hasApplied("e-1")).isFalse();
        assertThat(second.hasApplied("e-1")).isTrue();
        assertThat(second.hasApplied("e-2")).isFalse();
        assertThat(branch.hasApplied("e-2")).isTrue();
        assertThat(branch.hasApplied("e-1")).isFalse();
        assertThat(ConversationFold.evolve(second, events.get(2))).isEqualTo(ConversationFold.fold(Timeline.CONVERSATION, events));
    }

    private static Event at(String id, Instant time, MessageReceived data) {
        return new Event(id, "/ingest", Timeline.CONVERSATION, time, "acme", null, data);
    }
}
