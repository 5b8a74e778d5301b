package io.parley.devstack.bench;

import io.parley.devstack.up.LocalPlatform;
import io.parley.devstack.up.PlatformService;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.quarkus.QuarkusAppProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code parley bench restart}: what a bot restart costs with {@code events} events of history in
 * {@code conversation-events}. The bot is the service whose start reads history: it folds each partition it is
 * assigned up to its group's position before reacting (its conversation memory); ticket and analytics start from
 * what they stored in PostgreSQL, ingest reads its delivery journal from a 7-day horizon. The history is appended
 * while the bot is stopped and its group is moved to the end, as if it had answered all of it; then the bot is
 * started twice (a first start, and a restart after it ran), each time until it is ready and until it has answered
 * a new customer message (a request for a person, which every tenant's bot answers with a handoff).
 */
public final class RestartBenchmark {

    private static final String TENANT = "bench-restart";
    /** The bot's consumer group on {@code conversation-events}. */
    private static final String BOT_GROUP = "bot-service";
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern CAUGHT_UP =
            Pattern.compile("conversation memory caught up on .*?: (\\d+) events folded");
    private static final Pattern CHECKPOINTED = Pattern.compile("memory checkpoint: \\d+ conversations saved");

    private RestartBenchmark() {
    }

    /**
     * On a platform running the bot alone; leaves it running. With {@code checkpoints} the bot is configured to
     * checkpoint its memory after every batch, and the restart waits for the first start's checkpoint.
     */
    public static String run(LocalPlatform platform, int events, boolean checkpoints, PrintWriter details)
            throws Exception {
        platform.removeInstance(platform.instances(PlatformService.BOT).get(0));
        long appendStart = System.nanoTime();
        ConversationHistory.append(platform.bootstrapServers(), TENANT, events);
        details.printf(Locale.ROOT, "appended %d events in %.1f s; the bot's group moved to the end%n", events,
                seconds(System.nanoTime() - appendStart));
        details.flush();
        moveToEnd(platform.bootstrapServers(), BOT_GROUP, Topics.CONVERSATION_EVENTS);
        Start first = start(platform, "first", details);
        if (checkpoints) {
            awaitCheckpoint(platform.instances(PlatformService.BOT).get(0), details);
        }
        platform.removeInstance(platform.instances(PlatformService.BOT).get(0));
        Start again = start(platform, "restart", details);
        return String.format(Locale.ROOT, "events=%d checkpoints=%s first_ready_s=%.1f first_answered_s=%.1f"
                        + " first_folded=%d restart_ready_s=%.1f restart_answered_s=%.1f restart_folded=%d", events,
                checkpoints, first.readySeconds, first.answeredSeconds, first.folded, again.readySeconds,
                again.answeredSeconds, again.folded);
    }

    private record Start(double readySeconds, double answeredSeconds, long folded) {
    }

    /** Starts the bot, then asks it for a person in a new conversation; times both from the launch. */
    private static Start start(LocalPlatform platform, String name, PrintWriter details) {
        long launched = System.nanoTime();
        QuarkusAppProcess bot = platform.addInstance(PlatformService.BOT);
        double ready = seconds(System.nanoTime() - launched);
        String conversation = ConversationId.whatsapp("1065", TENANT + "-" + name).toString();
        try (TopicProbe probe = new TopicProbe(platform.bootstrapServers())) {
            TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
            probe.append(Topics.CONVERSATION_EVENTS, conversation, EventCodec.encode(askForAPerson(conversation)));
            probe.await(before, 1, TopicProbe.keyIs(conversation).and(record -> EventCodec.decode(record.value())
                    .map(event -> event.source().equals("/bot")).orElse(false)), ANSWER_TIMEOUT);
        }
        double answered = seconds(System.nanoTime() - launched);
        long folded = folded(bot);
        details.printf(Locale.ROOT, "%s start: ready after %.1f s, answered after %.1f s, %d events folded%n", name,
                ready, answered, folded);
        details.flush();
        return new Start(ready, answered, folded);
    }

    private static Event askForAPerson(String conversation) {
        Instant now = Instant.now();
        return new Event(EventIds.nameBased(conversation + "#ask").toString(), "/bench/restart", conversation, now,
                TENANT, null, new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065", "wamid." + conversation,
                        new ConversationEvent.Contact(conversation, "Restart", null),
                        Content.text("I want to talk to a person"), null, null, null, now));
    }

    /** Commits {@code group}'s position at the end of every partition of {@code topic}; the group must be empty. */
    private static void moveToEnd(String bootstrapServers, String group, String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(Set.of(topic))
                    .allTopicNames().get().get(topic).partitions().stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                            info -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }

    /** Waits until the bot's log says it checkpointed its memory (after answering, so after the whole history). */
    private static void awaitCheckpoint(QuarkusAppProcess bot, PrintWriter details) throws InterruptedException {
        long start = System.nanoTime();
        while (!logged(bot, CHECKPOINTED)) {
            if (System.nanoTime() - start > ANSWER_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the bot did not checkpoint its memory within "
                        + ANSWER_TIMEOUT.toMinutes() + " min: see " + bot.logFiles());
            }
            Thread.sleep(200);
        }
        details.printf(Locale.ROOT, "the first start's checkpoint was written %.1f s after it answered%n",
                seconds(System.nanoTime() - start));
        details.flush();
    }

    private static boolean logged(QuarkusAppProcess bot, Pattern line) {
        return bot.logFiles().stream().anyMatch(log -> line.matcher(read(log)).find());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bot's log " + log, e);
        }
    }

    /**
     * The events the bot's log says this start folded catching up its partitions' memory: the last such line (all
     * partitions are assigned at once; a log file is appended to by every start of a service).
     */
    private static long folded(QuarkusAppProcess bot) {
        long folded = -1;
        for (Path log : bot.logFiles()) {
            Matcher matcher = CAUGHT_UP.matcher(read(log));
            while (matcher.find()) {
                folded = Long.parseLong(matcher.group(1));
            }
        }
        return folded;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
