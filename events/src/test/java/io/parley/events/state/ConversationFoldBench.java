package io.parley.events.state;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.envelope.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How folding cost and stored state grow with a conversation's history: folds one long conversation (a customer
 * message and an answer, every 30 s each) and prints the rate and the stored state's size. {@code agent} answers clear
 * the customer messages awaiting a person, so only the applied ids grow; {@code bot} answers leave them growing. Run by hand, not by the
 * build (see docs/performance.md): {@code java -cp <events classes, test classes, Jackson> ...ConversationFoldBench 20000}.
 */
public final class ConversationFoldBench {

    private ConversationFoldBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        AuthorKind answerer = args.length > 1 ? AuthorKind.valueOf(args[1].toUpperCase(Locale.ROOT))
                : AuthorKind.AGENT;
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int round = 0; round < 3; round++) {
            long began = System.nanoTime();
            ConversationState state = ConversationState.initial(Timeline.CONVERSATION);
            for (int i = 0; i < events; i++) {
                Instant time = start.plus(Duration.ofSeconds(30L * i));
                state = ConversationFold.evolve(state, new Event("e-" + i, "/bench", Timeline.CONVERSATION, time, "acme",
                        null, i % 2 == 0 ? ConversationFoldTest.customerSays("m" + i, "question " + i)
                                : ConversationFoldTest.reply(answerer, "o" + i, "answer " + i)));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("answerer=%s events=%d per_s=%.0f applied_ids=%d state_bytes=%d%n", answerer, events,
                    events / seconds,
                    state.appliedEventIds().size(), EventCodec.mapper().writeValueAsString(state).length());
        }
    }
}
