package io.parley.bot.conversation;

import io.parley.bot.BotChannels;
import io.parley.bot.BotConfig;
import io.parley.bot.dialogue.Dialogue;
import io.parley.bot.language.LanguageDetection;
import io.parley.bot.tenant.TenantBot;
import io.parley.bot.tenant.TenantBots;
import io.parley.bot.workspace.BotWorkspaces;
import io.parley.edge.consumer.KafkaBatches;
import io.parley.edge.consumer.KeyedLanes;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.events.workspace.Workspace;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the conversation log a poll at a time, folds every event into the conversation memory and reacts to customer
 * messages (the one consumer design, docs/architecture.md): records go to lanes by conversation (the record key;
 * {@code parley.bot.conversation-threads} lanes, edge's {@link KeyedLanes}), each conversation in offset order on its
 * lane, conversations on different lanes at once, and a poll is handed over without waiting for the polls before it:
 * a slow flow HTTP step or a long classification holds up its own lane only, and a reply never waits for another
 * conversation's reactions to reach the log. A customer message's reactions are sent and awaited on its lane, and
 * only then does memory take the message and its reactions, so memory holds nothing Kafka has not taken: should Kafka
 * refuse a reaction, memory is as it was and the record is retried with the same reaction ids. A poll is acknowledged
 * once all its records are handled (the throttled commit strategy commits an offset only when all before it are);
 * how far each partition is folded advances only over the polls done without a gap before them ({@link
 * PollsInFlight}), and the memory's eviction sweep and checkpoint run only with no poll in progress, so that neither
 * saves nor records anything not done: when one is due the consumer waits up to {@link #MAINTENANCE_PATIENCE} for the
 * polls in progress, else lets the next polls through and tries again without waiting, until it is overdue by a whole
 * interval, when it waits for as long as they take. Failures follow the shared policy ({@link
 * RecordProcessor}): a dependency away (database, broker) is retried for as long as it lasts with readiness DOWN,
 * holding that lane; an unreadable record, or one that fails the same way three times, is parked in {@code
 * conversation-events.dlq.bot} with the reason and counted, and the stream goes on. A customer message delivered
 * twice (same event id) is reacted to once; reprocessing after a crash re-emits the same event ids, which every fold
 * ignores.
 */
@ApplicationScoped
public class ConversationConsumer {

    /**
     * Records handed to the lanes and not yet handled, at most: one default poll (max.poll.records), as many as the
     * batch in progress held before the lanes, so a rebalance finds no more records still being reacted to by this
     * instance (which the partition's new reader may react to as well, with the same ids) than it could then.
     */
    private static final int MAX_IN_FLIGHT = 500;
    /**
     * How long a due sweep or checkpoint waits for the polls in progress before it lets the next poll through; once it
     * is overdue by a whole interval it waits for as long as they take, so sustained load cannot put it off for good.
     */
    private static final Duration MAINTENANCE_PATIENCE = Duration.ofMillis(500);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ConversationStore store;
    private final TenantBots bots;
    private final BotWorkspaces workspaces;
    private final Dialogue dialogue;
    private final LanguageDetection languages;
    private final EventAppender appender;
    private final Clock clock;
    private final BotMetrics metrics;
    private final RecordProcessor records;
    private final KeyedLanes conversations;
    private final PollsInFlight polls;
    /**
     * A due sweep or checkpoint found polls in progress and was put off. Read and written by {@link #consume} only, one
     * poll after the other, but not always on the same worker thread.
     */
    private volatile boolean maintenanceDeferred;

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
        this.conversations = new KeyedLanes("bot-conversation", config.conversationThreads(), MAX_IN_FLIGHT);
        this.polls = new PollsInFlight(store::foldedUntil);
    }

    @PreDestroy
    void stop() {
        conversations.close();
        polls.close();
    }

    @Incoming(BotChannels.CONVERSATION_EVENTS_IN)
    @Blocking
    public CompletionStage<Void> consume(Message<List<byte[]>> batch) {
        List<ConsumerRecord<String, byte[]>> all = KafkaBatches.recordsOf(batch);
        try {
            handOver(batch, all);
            if (store.maintenanceDue()) {
                Duration patience = store.maintenanceOverdue() ? PollsInFlight.UNTIL_DONE
                        : maintenanceDeferred ? Duration.ZERO : MAINTENANCE_PATIENCE;
                switch (polls.awaitAll(patience)) {
                    case ALL_DONE -> {
                        // Nothing in progress: memory and how far it is folded say the same, all of it on the log.
                        maintenanceDeferred = false;
                        store.evictIdle();
                        store.checkpoint();
                    }
                    case IN_PROGRESS -> {
                        // A slow conversation (a flow's HTTP step, a database retry) holds up its own lane, not
                        // every conversation's next poll: the sweep and the checkpoint try again at the next polls,
                        // without waiting (waiting at each would slow every poll), until overdue.
                        maintenanceDeferred = true;
                    }
                    case CLOSED -> {
                        return new CompletableFuture<>(); // shutting down: what is in progress is not done
                    }
                }
            }
        } catch (InterruptedException e) {
            // Shutting down while waiting for room in the lanes or for the polls in progress: nothing more is
            // acknowledged, and the channel takes no later poll (whose acknowledgement could not be committed anyway).
            Thread.currentThread().interrupt();
            return new CompletableFuture<>();
        }
        // The poll is acknowledged (or not) when its lanes are done; the next poll is taken now.
        return CompletableFuture.completedFuture(null);
    }

    /** Hands the poll to the lanes; it is acknowledged when all its records are handled. */
    private void handOver(Message<List<byte[]>> batch, List<ConsumerRecord<String, byte[]>> all)
            throws InterruptedException {
        Map<TopicPartition, Long> until = new HashMap<>();
        all.forEach(record -> until.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1,
                Math::max));
        PollsInFlight.Poll poll = polls.started(until);
        AtomicBoolean interrupted = new AtomicBoolean();
        conversations.submit(all, ConsumerRecord::key, record -> {
            if (records.process(record, this::handle) == Outcome.INTERRUPTED) {
                interrupted.set(true);
            }
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                // A record's work threw past the processor (an Error): the failure strategy parks the poll, as a
                // batch that threw was parked before the lanes, and the folded offsets go on past it.
                polls.done(poll);
                batch.nack(failure);
            } else if (!interrupted.get()) {
                polls.done(poll);
                batch.ack();
            }
            // Shutting down mid-retry: the poll is neither done nor parked, so it is not acknowledged either.
        });
    }

    /**
     * Folds the record's event into memory; for a customer message, first sends the bot's reactions and waits until
     * Kafka has them all, so memory takes the message and its reactions only once they are on the log (a refusal
     * throws, memory unchanged, and the processor runs the record again: same reaction ids).
     */
    private void handle(ConsumerRecord<String, byte[]> record) throws Exception {
        Optional<Event> decoded = EventCodec.decode(record.value()); // unreadable: the processor parks it
        if (decoded.isEmpty()) {
            return; // a type this service does not know (tolerant reader)
        }
        Event event = decoded.get();
        ConversationMemory before = store.get(event.subject());
        if (before.hasApplied(event.id())) {
            return;
        }
        if (event.data() instanceof MessageReceived message) {
            long start = System.nanoTime();
            List<Event> reactions = react(event, message, before.evolve(event));
            if (Thread.interrupted()) {
                // Stopping: a flow's HTTP step cut short by the stop reads as failed, so these reactions may answer
                // the step's failure rather than the customer. Nothing is sent; the partition's next reader decides
                // again, under the same reaction ids.
                throw new InterruptedException("stopping: the reactions decided meanwhile are not sent");
            }
            List<CompletableFuture<Void>> acks = reactions.stream().map(appender::send).toList();
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException refused) {
                throw refused.getCause() instanceof Exception cause ? cause : refused;
            }
            store.apply(event);
            reactions.forEach(store::apply);
            metrics.reacted(reactions, System.nanoTime() - start);
        } else {
            store.apply(event);
        }
    }

    /** Works out the bot's reactions to a customer message; their ids derive from the message's. */
    private List<Event> react(Event cause, MessageReceived message, ConversationMemory memory) {
        String text = message.content() == null ? null : message.content().readableText();
        TenantBot bot = bots.forTenant(cause.tenant()); // a tenant's first build is training, not deciding
        // The workspace is read now, not with the bot: an hours change applies to the next message, no rebuild. Read
        // before the clock starts: a process's first read can wait for the workspace log to be caught up.
        Workspace workspace = workspaces.tenant(cause.tenant());
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        List<EventData> reactions = dialogue.respond(cause, message, memory, bot, workspace, languages.detect(text),
                clock.instant());
        metrics.decided(System.nanoTime() - wallStart, THREADS.getCurrentThreadCpuTime() - cpuStart);
        Instant base = clock.instant().isAfter(cause.time()) ? clock.instant() : cause.time().plusMillis(1);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < reactions.size(); i++) {
            // Distinct, increasing times keep the reactions' order in the fold's last-writer-wins registers.
            events.add(cause.reaction("bot-" + i, BotChannels.EVENT_SOURCE, base.plusMillis(i), reactions.get(i)));
        }
        return events;
    }
}
