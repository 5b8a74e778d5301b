package io.parley.devstack.bench;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.events.kafka.LogReplay;
import io.parley.testkit.auth.DevTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code parley bench rebuild}: a log of {@code events} conversation events (conversations of four to five steps:
 * question, bot answer, handoff, agent reply, solved) is appended, the ticket service projects it live, then the
 * projection is rebuilt from offset 0 through the operators' API and, in the same run, a raw consumer reads and
 * decodes the same records ({@link LogReplay}, which the rebuild itself reads with). Rebuild/raw says what share of
 * the log's read speed the projection keeps.
 */
public final class RebuildBenchmark {

    private static final String TENANT = "bench-rebuild";
    /** The ticket service's projection consumer group. */
    private static final String TICKET_GROUP = "ticket-service";
    /** How long the live projection may stand still before the benchmark gives up on it. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Pattern RECORDS = Pattern.compile("\"records\"\\s*:\\s*(\\d+)");

    private RebuildBenchmark() {
    }

    public static String run(String bootstrapServers, String ticketUrl, int events, PrintWriter details)
            throws Exception {
        appendConversations(bootstrapServers, events);
        try (ConsumerLag lag = new ConsumerLag(bootstrapServers)) {
            details.println("appended " + events + " events; the ticket service projects them live…");
            details.flush();
            long behind = Long.MAX_VALUE;
            long progressed = System.nanoTime();
            for (long now = behind; (now = lag.behind(TICKET_GROUP, Topics.CONVERSATION_EVENTS)) > 0; ) {
                if (now < behind) {
                    behind = now;
                    progressed = System.nanoTime();
                } else if (System.nanoTime() - progressed > STALL.toNanos()) {
                    throw new IllegalStateException("the ticket service's projection stopped " + now + " records"
                            + " before the end and has not moved for " + STALL.toSeconds() + " s: see its log");
                }
                Thread.sleep(200);
            }
        }
        long rebuildStart = System.nanoTime();
        long records = rebuild(ticketUrl);
        double perSecond = records / seconds(System.nanoTime() - rebuildStart);

        long rawStart = System.nanoTime();
        LogReplay.Replayed raw = new LogReplay(bootstrapServers).toEnd(Topics.CONVERSATION_EVENTS, value -> true,
                event -> { });
        double rawPerSecond = raw.events() / seconds(System.nanoTime() - rawStart);
        details.printf(Locale.ROOT, "rebuild: %d records; raw read: %d events%n", records, raw.events());
        details.flush();
        return String.format(Locale.ROOT, "events=%d per_s=%.0f raw_per_s=%.0f ratio=%.2f", records, perSecond,
                rawPerSecond, perSecond / rawPerSecond);
    }

    /** {@code POST /api/v1/admin/projection/rebuild} as a platform operator; answers how many records it replayed. */
    private static long rebuild(String ticketUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ticketUrl + "/api/v1/admin/projection/rebuild"))
                .header("Authorization", "Bearer " + DevTokens.issue("parley-ops", "ops", "platform"))
                .timeout(Duration.ofHours(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher records = RECORDS.matcher(response.body());
        if (response.statusCode() != 200 || !records.find()) {
            throw new IllegalStateException("the rebuild answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(records.group(1));
    }

    private static void appendConversations(String bootstrapServers, int events) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            Instant start = Instant.parse("2026-11-11T08:00:00Z");
            int appended = 0;
            for (int c = 0; appended < events; c++) {
                String conversation = ConversationId.whatsapp("1065", "rebuild-" + c).toString();
                Instant at = start.plusSeconds(c);
                List<EventData> steps = conversation(c, at);
                for (int s = 0; s < steps.size() && appended < events; s++, appended++) {
                    Event event = new Event(EventIds.nameBased(conversation + "#" + s).toString(), "/bench/rebuild",
                            conversation, at.plusSeconds(s * 20L), TENANT, null, steps.get(s));
                    producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation,
                            EventCodec.encode(event)), (metadata, exception) -> {
                                if (exception != null) {
                                    failure.compareAndSet(null, exception);
                                }
                            });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("appending the log failed: " + failure.get(), failure.get());
        }
    }

    /** A customer asks, the bot answers; every other customer is handed to a person who replies and solves it. */
    private static List<EventData> conversation(int c, Instant at) {
        ConversationEvent.MessageReceived question = new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065",
                "wamid.rebuild." + c, new ConversationEvent.Contact("rebuild-" + c, "Customer " + c, null),
                Content.text("Where is my order " + c + "?"), null, null, null, at);
        ConversationEvent.MessageOutbound answer = new ConversationEvent.MessageOutbound("bot-" + c,
                new ConversationEvent.Author(ConversationEvent.AuthorKind.BOT, null),
                Content.text("Orders leave within one working day."), null, null);
        if (c % 2 == 0) {
            return List.of(question, answer, new ConversationEvent.StatusChanged(ConversationStatus.SOLVED, null, null));
        }
        return List.of(question, answer,
                new ConversationEvent.HandoffRequested("feedback-negative", "did not help", "en", List.of()),
                new ConversationEvent.MessageOutbound("agent-" + c,
                        new ConversationEvent.Author(ConversationEvent.AuthorKind.AGENT, "ada"),
                        Content.text("I have checked: it arrives tomorrow."), null, null),
                new ConversationEvent.StatusChanged(ConversationStatus.SOLVED, null, null));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
