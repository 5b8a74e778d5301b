package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.bot.BotConfig;
import io.parley.bot.dialogue.Dialogue;
import io.parley.bot.language.LanguageDetection;
import io.parley.bot.tenant.TenantBots;
import io.parley.bot.workspace.BotWorkspaces;
import io.parley.edge.consumer.KafkaBatches;
import io.parley.edge.consumer.KeyedBatch;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the conversation log a poll's batch at a time, folds every event into the conversation memory and reacts to
 * customer messages (the one consumer design, docs/architecture.md): the batch's records are grouped by conversation,
 * conversations run concurrently on a bounded pool ({@code parley.bot.conversation-threads}), each in offset order, so
 * a slow flow HTTP step or a long classification holds up its own conversation only. Reactions are sent as they are
 * decided and awaited together at the end; the batch is acknowledged (its offsets committed) only once all are on the
 * log. Should Kafka refuse some, those conversations' memory is put back and their records run again, one at a time.
 * Failures follow the shared policy ({@link RecordProcessor}): a dependency away (database, broker) is retried for as
 * long as it lasts with readiness DOWN; an unreadable record, or one that fails the same way three times, is parked in
 * {@code conversation-events.dlq.bot} with the reason and counted, and the stream goes on. A customer message
 * delivered twice (same event id) is reacted to once; reprocessing after a crash re-emits the same event ids, which
 * every fold ignores.
 */
@ApplicationScoped
public class ConversationConsumer {

    private static final Logger LOG = Logger.getLogger(ConversationConsumer.class);

    private final ConversationStore store;
    private final TenantBots bots;
    private final BotWorkspaces workspaces;
    private final Dialogue dialogue;
    private final LanguageDetection languages;
    private final EventAppender appender;
    private final Clock clock;
    private final BotMetrics metrics;
    private final RecordProcessor records;
    private final ExecutorService conversations;

    public ConversationConsumer(ConversationStore store, TenantBots bots, BotWorkspaces workspaces, Dialogue dialogue,
                                LanguageDetection languages, EventAppender appender, Clock clock,
                                BotMetrics metrics, RecordProcessor records, BotConfig config) {
        this.store = store;
        this.bots = bots;
        this.workspaces = workspaces;
        this.dialogue = dialogue;
        this.languages = languages;
        this.appender = appender;
        this.clock = clock;
        this.metrics = metrics;
        this.records = records;
        this.conversations = KeyedBatch.executor("bot-conversation", config.conversationThreads());
    }

    @PreDestroy
    void stop() {
        conversations.shutdownNow();
    }

    @Incoming(BotChannels.CONVERSATION_EVENTS_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<List<byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> all = KafkaBatches.recordsOf(batch);
        try {
            if (process(all)) {
                all.forEach(record -> store.foldedUntil(new TopicPartition(record.topic(), record.partition()),
                        record.offset() + 1));
                store.evictIdle();
                store.checkpoint();
                return batch.ack();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Shutting down mid-retry: the batch is neither done nor parked, so it is not acknowledged either.
        return new CompletableFuture<>();
    }

    /** Processes a batch; false when interrupted (shutdown) before every record was processed or parked. */
    private boolean process(List<ConsumerRecord<String, byte[]>> all) throws InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();

        BatchEffects effects = new BatchEffects();
        KeyedBatch.process(all, ConsumerRecord::key, conversations, record -> interrupted.compareAndSet(false,
                records.process(record, r -> handle(r, effects)) == Outcome.INTERRUPTED));
        Map<String, Throwable> refused = effects.awaitAcks(metrics::reacted);
        if (!refused.isEmpty()) {
            LOG.warnf("Kafka refused the reactions of %d conversations (%s); processing their records again, one at a"
                    + " time", refused.size(), refused.values().iterator().next());
            refused.keySet().forEach(key -> effects.restore(key, store));
            List<ConsumerRecord<String, byte[]>> again = all.stream()
                    .filter(record -> refused.containsKey(BatchEffects.keyOf(record.key()))).toList();
            KeyedBatch.process(again, ConsumerRecord::key, conversations, record -> interrupted.compareAndSet(false,
                    records.process(record, this::handleDurably) == Outcome.INTERRUPTED));
        }
        return !interrupted.get();
    }

    /** Like {@link #handle}, but waits for the record's reactions, and on failure leaves memory as it found it. */
    private void handleDurably(ConsumerRecord<String, byte[]> record) throws Exception {
        BatchEffects own = new BatchEffects();
        handle(record, own);
        Map<String, Throwable> refused = own.awaitAcks(metrics::reacted);
        if (!refused.isEmpty()) {
            own.restore(BatchEffects.keyOf(record.key()), store);
            Throwable failure = refused.values().iterator().next();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    /** Folds the record's event into memory and, for a customer message, sends the bot's reactions. */
    private void handle(ConsumerRecord<String, byte[]> record, BatchEffects effects) {
        Optional<Event> decoded = EventCodec.decode(record.value()); // unreadable: the processor parks it
        if (decoded.isEmpty()) {
            return; // a type this service does not know (tolerant reader)
        }
        Event event = decoded.get();
        ConversationMemory before = store.get(event.subject());
        if (before.hasApplied(event.id())) {
            return;
        }
        String key = BatchEffects.keyOf(record.key());
        if (event.data() instanceof MessageReceived message) {
            long start = System.nanoTime();
            List<Event> reactions = react(event, message, before.evolve(event));
            effects.touching(key, event.subject(), store);
            store.apply(event);
            reactions.forEach(store::apply);
            effects.reacted(key, new BatchEffects.Reacted(reactions, start,
                    reactions.stream().map(appender::send).toList()));
        } else {
            effects.touching(key, event.subject(), store);
            store.apply(event);
        }
    }

    /** Works out the bot's reactions to a customer message; their ids derive from the message's. */
    private List<Event> react(Event cause, MessageReceived message, ConversationMemory memory) {
        String text = message.content() == null ? null : message.content().readableText();
        // The workspace is read now, not with the bot: an hours change applies to the next message, no rebuild.
        List<EventData> reactions = dialogue.respond(cause, message, memory, bots.forTenant(cause.tenant()),
                workspaces.tenant(cause.tenant()), languages.detect(text), clock.instant());
        Instant base = clock.instant().isAfter(cause.time()) ? clock.instant() : cause.time().plusMillis(1);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < reactions.size(); i++) {
            // Distinct, increasing times keep the reactions' order in the fold's last-writer-wins registers.
            events.add(cause.reaction("bot-" + i, BotChannels.EVENT_SOURCE, base.plusMillis(i), reactions.get(i)));
        }
        return events;
    }
}
