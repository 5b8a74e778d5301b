package io.parley.devstack.bench;

import io.parley.devstack.up.LocalPlatform;
import io.parley.devstack.up.PlatformService;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code parley bench restart}: what a restart of a service that folds history costs with {@code events} records of
 * it. The bot folds each partition of {@code conversation-events} it is assigned up to its group's position before
 * reacting (its conversation memory); routing folds its {@code routing-work} partitions up to the decider's committed
 * offsets (and every instance's read replica folds them all). Ticket and analytics start from what they stored in
 * PostgreSQL, ingest reads its delivery journal from a 7-day horizon. The history is appended while the service is
 * stopped and its group is moved to the end, as if it had handled all of it; then the service is started twice (a
 * first start, and a restart after it ran), each time until it is ready and until it has answered a new customer's
 * request for a person (the bot with a handoff, routing with its decision).
 */
public final class RestartBenchmark {

    private static final String TENANT = "bench-restart";
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);

    /**
     * A service whose restart is measured: its consumer group, the topic its history is appended to (and the key),
     * the log line that says what a start folded catching up, the one that says it checkpointed (its setting: how
     * often), the source of its answers and the request for a person it answers.
     */
    public record Subject(PlatformService service, String group, String historyTopic, Function<Event, String> key,
                          Pattern caughtUp, Pattern checkpointed, String checkpointEvery, String answerSource,
                          Function<String, EventData> askForAPerson) {

        /** The bot's memory checkpoint; it answers a customer who asks for a person with a handoff. */
        public static final Subject BOT = new Subject(PlatformService.BOT, "bot-service", Topics.CONVERSATION_EVENTS,
                Event::subject, Pattern.compile("conversation memory caught up on .*?: (\\d+) events folded"),
                Pattern.compile("memory checkpoint: \\d+ conversations saved"), "parley.bot.memory-checkpoint-every",
                "/bot", conversation -> new ConversationEvent.MessageReceived(Channel.WHATSAPP, "1065",
                        "wamid." + conversation, new ConversationEvent.Contact(conversation, "Restart", null),
                        Content.text("I want to talk to a person"), null, null, null, Instant.now()));

        /** Routing's work log (the tenant's records in one partition); it decides on a handoff (queued: no agents). */
        public static final Subject ROUTING = new Subject(PlatformService.ROUTING, "routing-decider",
                Topics.ROUTING_WORK, Event::tenant,
                Pattern.compile("routing decider caught up on \\d+ partitions: (\\d+) records folded"),
                Pattern.compile("routing snapshot of routing-work-\\d+ at offset \\d+ written"),
                "parley.routing.snapshot-every", "/routing",
                conversation -> new ConversationEvent.HandoffRequested("asked-for-person", "wants a person", "en",
                        List.of()));

        /** The settings that make it checkpoint after every batch, or never. */
        public Map<String, String> settings(boolean checkpoints) {
            return Map.of(checkpointEvery, checkpoints ? "0s" : "3650d");
        }
    }

    private RestartBenchmark() {
    }

    /**
     * On a platform running the subject alone; leaves it running. With {@code checkpoints} the subject is configured
     * to checkpoint after every batch ({@link Subject#settings}), and the restart waits for the first start's.
     */
    public static String run(LocalPlatform platform, Subject subject, int events, boolean checkpoints,
                             PrintWriter details) throws Exception {
        QuarkusAppProcess stopped = platform.instances(subject.service()).get(0);
        platform.removeInstance(stopped);
        long appendStart = System.nanoTime();
        ConversationHistory.append(platform.bootstrapServers(), subject.historyTopic(), subject.key(), TENANT, events);
        details.printf(Locale.ROOT, "appended %d events to %s in %.1f s; the group %s moved to the end%n", events,
                subject.historyTopic(), seconds(System.nanoTime() - appendStart), subject.group());
        details.flush();
        moveToEnd(platform.bootstrapServers(), subject.group(), subject.historyTopic());
        Start first = start(platform, subject, "first", stopped.logFiles(), details);
        if (checkpoints) {
            awaitCheckpoint(platform.instances(subject.service()).get(0), subject, details);
        }
        QuarkusAppProcess firstStart = platform.instances(subject.service()).get(0);
        platform.removeInstance(firstStart);
        Start again = start(platform, subject, "restart", firstStart.logFiles(), details);
        return String.format(Locale.ROOT, "events=%d checkpoints=%s first_ready_s=%.1f first_answered_s=%.1f"
                        + " first_folded=%d restart_ready_s=%.1f restart_answered_s=%.1f restart_folded=%d", events,
                checkpoints, first.readySeconds, first.answeredSeconds, first.folded, again.readySeconds,
                again.answeredSeconds, again.folded);
    }

    private record Start(double readySeconds, double answeredSeconds, long folded) {
    }

    /**
     * Starts the service, then asks for a person in a new conversation; times both from the launch. {@code logs} are
     * the service's log files as the previous start left them (every start appends to them).
     */
    private static Start start(LocalPlatform platform, Subject subject, String name, List<Path> logs,
                               PrintWriter details) throws InterruptedException {
        int caughtUpBefore = caughtUp(logs, subject.caughtUp()).size();
        long launched = System.nanoTime();
        QuarkusAppProcess service = platform.addInstance(subject.service());
        double ready = seconds(System.nanoTime() - launched);
        String conversation = ConversationId.whatsapp("1065", TENANT + "-" + name).toString();
        Event ask = new Event(EventIds.nameBased(conversation + "#ask").toString(), "/bench/restart", conversation,
                Instant.now(), TENANT, null, subject.askForAPerson().apply(conversation));
        try (TopicProbe probe = new TopicProbe(platform.bootstrapServers())) {
            TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
            probe.append(Topics.CONVERSATION_EVENTS, conversation, EventCodec.encode(ask));
            probe.await(before, 1, TopicProbe.keyIs(conversation).and(record -> EventCodec.decode(record.value())
                    .map(event -> event.source().equals(subject.answerSource())).orElse(false)), ANSWER_TIMEOUT);
        }
        double answered = seconds(System.nanoTime() - launched);
        long folded = folded(service, subject.caughtUp(), caughtUpBefore);
        details.printf(Locale.ROOT, "%s start: ready after %.1f s, answered after %.1f s, %d events folded%n", name,
                ready, answered, folded);
        details.flush();
        return new Start(ready, answered, folded);
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

    /** Waits until the service's log says it checkpointed (after answering, so after the whole history). */
    private static void awaitCheckpoint(QuarkusAppProcess service, Subject subject, PrintWriter details)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!logged(service, subject.checkpointed())) {
            if (System.nanoTime() - start > ANSWER_TIMEOUT.toNanos()) {
                throw new IllegalStateException(subject.service().name() + " did not checkpoint within "
                        + ANSWER_TIMEOUT.toMinutes() + " min: see " + service.logFiles());
            }
            Thread.sleep(200);
        }
        details.printf(Locale.ROOT, "the first start's checkpoint was written %.1f s after it answered%n",
                seconds(System.nanoTime() - start));
        details.flush();
    }

    private static boolean logged(QuarkusAppProcess service, Pattern line) {
        return service.logFiles().stream().anyMatch(log -> line.matcher(read(log)).find());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log " + log, e);
        }
    }

    /**
     * The records the service's log says this start folded catching up its partitions: the first such line after the
     * {@code before} lines of earlier starts (all partitions are assigned at once), waited for: it may follow the
     * answer (routing logs it after the batch that ends the catch-up, which can hold the new request too).
     */
    private static long folded(QuarkusAppProcess service, Pattern caughtUp, int before) throws InterruptedException {
        long start = System.nanoTime();
        List<Long> lines = caughtUp(service.logFiles(), caughtUp);
        while (lines.size() <= before) {
            if (System.nanoTime() - start > ANSWER_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the service did not log its catch-up within "
                        + ANSWER_TIMEOUT.toMinutes() + " min: see " + service.logFiles());
            }
            Thread.sleep(200);
            lines = caughtUp(service.logFiles(), caughtUp);
        }
        return lines.get(before);
    }

    /** What each catch-up line of the logs says was folded, in order. */
    private static List<Long> caughtUp(List<Path> logs, Pattern caughtUp) {
        List<Long> folded = new ArrayList<>();
        for (Path log : logs) {
            Matcher matcher = caughtUp.matcher(read(log));
            while (matcher.find()) {
                folded.add(Long.parseLong(matcher.group(1)));
            }
        }
        return folded;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
