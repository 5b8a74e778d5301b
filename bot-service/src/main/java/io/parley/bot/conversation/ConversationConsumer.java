package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.bot.dialogue.Dialogue;
import io.parley.bot.language.LanguageDetection;
import io.parley.bot.tenant.TenantBots;
import io.parley.bot.workspace.BotWorkspaces;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the conversation log in partition order, folds every event into the conversation memory and reacts to
 * customer messages. Blocking on a worker thread: classification and flows' HTTP steps take milliseconds to seconds.
 * Failure strategy: a record that is not a readable event is nacked, logged in one line, and the channel parks it in
 * {@code conversation-events.dlq.bot} with the reason; the stream goes on. A customer message delivered twice (same
 * event id) is reacted to once; reprocessing after a crash re-emits the same event ids, which every fold ignores.
 */
@ApplicationScoped
public class ConversationConsumer {

    private static final Logger LOG = Logger.getLogger(ConversationConsumer.class);
    private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.CONVERSATION_EVENTS, "bot");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int RETRIES = 8;

    private final ConversationStore store;
    private final TenantBots bots;
    private final BotWorkspaces workspaces;
    private final Dialogue dialogue;
    private final LanguageDetection languages;
    private final EventAppender appender;
    private final Clock clock;
    private final BotMetrics metrics;

    public ConversationConsumer(ConversationStore store, TenantBots bots, BotWorkspaces workspaces, Dialogue dialogue,
                                LanguageDetection languages, EventAppender appender, Clock clock,
                                BotMetrics metrics) {
        this.store = store;
        this.bots = bots;
        this.workspaces = workspaces;
        this.dialogue = dialogue;
        this.languages = languages;
        this.appender = appender;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Incoming(BotChannels.CONVERSATION_EVENTS_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a conversation event arrived without its Kafka record"));
        Optional<Event> event;
        try {
            event = EventCodec.decode(message.getPayload());
        } catch (MalformedEventException e) {
            // One line, not a stack trace per poison record: the dead-letter topic keeps the record and the reason.
            LOG.warnf("parking record %s-%d@%d in %s: %s; the producer wrote something that is not a Parley event",
                    record.getTopic(), record.getPartition(), record.getOffset(), DEAD_LETTER_TOPIC, e.getMessage());
            metrics.parked();
            return message.nack(e);
        }
        event.ifPresent(this::fold);
        store.foldedUntil(new TopicPartition(record.getTopic(), record.getPartition()), record.getOffset() + 1);
        return message.ack();
    }

    private void fold(Event event) {
        ConversationMemory before = store.get(event.subject());
        if (before.hasApplied(event.id())) {
            return;
        }
        if (event.data() instanceof MessageReceived message) {
            // Memory takes the message only once its reactions are durable: a passing failure (database, broker)
            // is retried here instead of parking the customer's message, and a retry still sees it as new.
            long start = System.nanoTime();
            List<Event> reactions = Uni.createFrom().item(() -> react(event, message, before.evolve(event)))
                    .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(RETRIES)
                    .await().indefinitely();
            metrics.reacted(reactions, System.nanoTime() - start);
            store.apply(event);
            reactions.forEach(store::apply);
        } else {
            store.apply(event);
        }
    }

    /** Works out the bot's reactions to a customer message and appends them; their ids derive from the message's. */
    private List<Event> react(Event cause, MessageReceived message, ConversationMemory memory) {
        String text = message.content() == null ? null : message.content().readableText();
        // The workspace is read now, not with the bot: an hours change applies to the next message, no rebuild.
        List<EventData> reactions = dialogue.respond(cause, message, memory, bots.forTenant(cause.tenant()),
                workspaces.tenant(cause.tenant()), languages.detect(text), clock.instant());
        Instant base = clock.instant().isAfter(cause.time()) ? clock.instant() : cause.time().plusMillis(1);
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < reactions.size(); i++) {
            // Distinct, increasing times keep the reactions' order in the fold's last-writer-wins registers.
            Event reaction = cause.reaction("bot-" + i, BotChannels.EVENT_SOURCE, base.plusMillis(i), reactions.get(i));
            appender.append(reaction);
            appended.add(reaction);
        }
        return appended;
    }
}
