package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.bot.dialogue.Dialogue;
import io.parley.bot.language.LanguageDetection;
import io.parley.bot.tenant.TenantBots;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the conversation log in partition order, folds every event into the conversation memory and reacts to
 * customer messages. Blocking on a worker thread: classification and flows' HTTP steps take milliseconds to seconds.
 * Failure strategy: a record that is not a readable event fails and the channel parks it in
 * {@code conversation-events.dlq.bot} with the reason; the stream goes on. A customer message delivered twice (same
 * event id) is reacted to once; reprocessing after a crash re-emits the same event ids, which every fold ignores.
 */
@ApplicationScoped
public class ConversationConsumer {

    private final ConversationStore store;
    private final TenantBots bots;
    private final Dialogue dialogue;
    private final LanguageDetection languages;
    private final EventAppender appender;
    private final Clock clock;

    public ConversationConsumer(ConversationStore store, TenantBots bots, Dialogue dialogue,
                                LanguageDetection languages, EventAppender appender, Clock clock) {
        this.store = store;
        this.bots = bots;
        this.dialogue = dialogue;
        this.languages = languages;
        this.appender = appender;
        this.clock = clock;
    }

    @Incoming(BotChannels.CONVERSATION_EVENTS_IN)
    @Blocking
    public void consume(byte[] record) {
        Optional<Event> decoded = EventCodec.decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        Event event = decoded.get();
        boolean duplicate = store.get(event.subject()).hasApplied(event.id());
        ConversationMemory memory = store.apply(event);
        if (duplicate || !(event.data() instanceof MessageReceived message)) {
            return;
        }
        String text = message.content() == null ? null : message.content().readableText();
        List<EventData> reactions = dialogue.respond(event, message, memory, bots.forTenant(event.tenant()),
                languages.detect(text), clock.instant());
        Instant base = clock.instant().isAfter(event.time()) ? clock.instant() : event.time().plusMillis(1);
        for (int i = 0; i < reactions.size(); i++) {
            // Distinct, increasing times keep the reactions' order in the fold's last-writer-wins registers.
            Event reaction = event.reaction("bot-" + i, BotChannels.EVENT_SOURCE, base.plusMillis(i), reactions.get(i));
            appender.append(reaction);
            store.apply(reaction);
        }
    }
}
