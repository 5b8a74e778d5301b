package io.parley.events.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Labeled;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.EventData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Several services append to one conversation: the same events may reach a reader twice (at-least-once) and the
 * writers' streams may interleave in any order. Whatever a reader sees, the fold must end in the state of the clean
 * sequence.
 */
class ConversationFoldProperties {

    private static final List<String> WRITERS = List.of("ingest", "bot", "routing", "ticket");

    @Property(tries = 300)
    void any_interleaving_with_duplicates_folds_to_the_clean_state(
            @ForAll("conversations") List<Event> clean, @ForAll("seeds") long seed) {
        List<Event> delivered = interleaveWithDuplicates(clean, new Random(seed));

        ConversationState expected = ConversationFold.fold(Timeline.CONVERSATION, clean);
        ConversationState actual = ConversationFold.fold(Timeline.CONVERSATION, delivered);

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.assignee()).isEqualTo(expected.assignee());
        assertThat(actual.team()).isEqualTo(expected.team());
        assertThat(actual.queuePosition()).isEqualTo(expected.queuePosition());
        assertThat(actual.awaitingAgentReplySince()).isEqualTo(expected.awaitingAgentReplySince());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<List<Event>> conversations() {
        return step().list().ofMinSize(1).ofMaxSize(40).map(steps -> {
            Timeline timeline = new Timeline();
            steps.forEach(step -> timeline.then(step.writer(), step.data()));
            return timeline.events();
        });
    }

    private record Step(String writer, EventData data) {
    }

    private Arbitrary<Step> step() {
        Arbitrary<String> agents = Arbitraries.of("agent-1", "agent-2", "agent-3");
        Arbitrary<String> teams = Arbitraries.of("support", "billing");
        Arbitrary<String> ids = Arbitraries.strings().alpha().ofMinLength(6).ofMaxLength(6);
        return Arbitraries.oneOf(
                ids.map(id -> new Step("ingest", ConversationFoldTest.customerSays(id, "text " + id))),
                ids.map(id -> new Step("ingest", ConversationFoldTest.customerNamed(null, id, "unnamed " + id))),
                ids.map(id -> new Step("bot", ConversationFoldTest.reply(AuthorKind.BOT, id, "answer"))),
                Arbitraries.of("en", "es", "zh").map(lang -> new Step("bot", new BotAnswered("kb", null, 0.9, lang, "o"))),
                Arbitraries.of("start", "ask", "end").map(s -> new Step("bot", new BotFlow("flow", s, Map.of("k", s)))),
                Arbitraries.of("low-confidence", "asked-for-human")
                        .map(reason -> new Step("bot", new HandoffRequested(reason, "summary", "en", List.of()))),
                Combinators.combine(teams, Arbitraries.integers().between(1, 9))
                        .as((team, position) -> new Step("routing", new Queued(team, Priority.NORMAL, position))),
                Combinators.combine(agents, teams)
                        .as((agent, team) -> new Step("routing", new Assigned(agent, team, null, "balanced"))),
                ids.map(id -> new Step("ticket", ConversationFoldTest.reply(AuthorKind.AGENT, id, "reply"))),
                Arbitraries.of(ConversationStatus.class)
                        .map(status -> new Step("ticket", new StatusChanged(status, null, "agent-1"))),
                Arbitraries.of("vip", "orders").list().ofMaxSize(2).uniqueElements()
                        .map(labels -> new Step("ticket", new Labeled(labels, "agent-1"))),
                ids.map(id -> new Step("ticket", new TicketCreated(id, "subject", Priority.LOW, "offline-message"))),
                Arbitraries.of(SlaMetric.class).map(m -> new Step("ticket", new SlaBreached("p", m, null))),
                Arbitraries.integers().between(1, 5).map(score -> new Step("ticket", new CsatReceived(score, null))));
    }

    /** Keeps each writer's own order (a partition never reorders one producer), shuffles the rest, re-sends some. */
    private static List<Event> interleaveWithDuplicates(List<Event> clean, Random random) {
        Map<String, List<Event>> byWriter = new LinkedHashMap<>();
        WRITERS.forEach(writer -> byWriter.put(writer, new ArrayList<>()));
        clean.forEach(event -> byWriter.get(event.source().substring(1)).add(event));

        List<Event> delivered = new ArrayList<>();
        List<List<Event>> pending = new ArrayList<>(byWriter.values());
        pending.removeIf(List::isEmpty);
        while (!pending.isEmpty()) {
            List<Event> writer = pending.get(random.nextInt(pending.size()));
            delivered.add(writer.remove(0));
            if (random.nextInt(4) == 0) {
                delivered.add(delivered.get(random.nextInt(delivered.size())));
            }
            pending.removeIf(List::isEmpty);
        }
        return delivered;
    }
}
