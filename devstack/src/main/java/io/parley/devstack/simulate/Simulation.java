package io.parley.devstack.simulate;

import io.parley.devstack.simulate.EventWatcher.StreamEvent;
import io.parley.devstack.simulate.Ledger.Author;
import io.parley.devstack.simulate.Ledger.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * One run of {@code parley simulate} against a running Parley with the demo tenant: customers write at the schedule's
 * fixed rate whatever the platform does (open loop), replies are watched where they leave Parley, handoffs and
 * assignments on the live stream, simulated agents answer; after the last message it waits (at most
 * {@code settings.answerWait}) for the answers still due, then reconciles.
 */
public final class Simulation {

    /**
     * What to simulate. {@code contacts} customers at a time; {@code seed} makes the traffic repeatable;
     * {@code sending} what else goes out with each customer message (nothing, unless a fault scenario says so).
     */
    public record Settings(Schedule schedule, Mix mix, int contacts, List<String> languages, long seed, int agents,
                           Duration answerWait, Sending sending) {

        public Settings(Schedule schedule, Mix mix, int contacts, List<String> languages, long seed, int agents,
                        Duration answerWait) {
            this(schedule, mix, contacts, languages, seed, agents, answerWait, Sending.ONCE);
        }
    }

    /**
     * Requests sent alongside each customer message, after it: copies of it, forgeries ({@code parley chaos}). They
     * are not customer messages: the ledger does not count them, the caller does through what {@code send} answers
     * (the status; 0 when no answer came). {@code userId} is the customer who wrote {@code messageId}.
     */
    public interface Sending {

        Sending ONCE = (userId, messageId, webhook, send) -> { };

        void alongside(String userId, String messageId, WebhookBodies.Webhook webhook,
                       Function<WebhookBodies.Webhook, CompletableFuture<Integer>> send);
    }

    /**
     * One customer message's fate: whether it was acknowledged, whether the bot should answer it (it was not with
     * people yet) and when its answer reached the channel ({@code answeredAtMicros} -1: never).
     */
    public record Outcome(String messageId, String userId, long dueMicros, boolean acknowledged, boolean expectsAnswer,
                          long answeredAtMicros) {
    }

    /**
     * The reconciled summary; {@code scheduled} messages were due, {@code skipped} of them found every customer
     * waiting for an answer; {@code lastDue} is when the last message was due. {@code runId} is in every user and
     * message id of the run; {@code outcomes} are the messages sent, in the order they were due.
     */
    public record Result(Summary summary, long scheduled, long skipped, Instant lastDue, List<String> problems,
                         String runId, List<Outcome> outcomes) {

        public String lines() {
            StringBuilder lines = new StringBuilder();
            lines.append(String.format("scheduled %d, skipped %d (every customer was waiting for an answer)%n",
                    scheduled, skipped));
            problems.forEach(problem -> lines.append("problem: ").append(problem).append(System.lineSeparator()));
            return lines.append(summary.lines()).toString();
        }
    }

    private static final String KNOWLEDGE_BASE = "/demo/knowledge-base.md";

    private final Platform platform;
    private final Settings settings;
    private final Ledger ledger = new Ledger();
    private final long startNanos = System.nanoTime();
    private final long startMicros = micros(Instant.now());

    private Simulation(Platform platform, Settings settings) {
        this.platform = platform;
        this.settings = settings;
    }

    public static Result run(String baseUrl, String graphArrivalsUrl, String callbackArrivalsUrl, Settings settings,
                             PrintStream progress) throws InterruptedException {
        try (Platform platform = Platform.local(baseUrl, graphArrivalsUrl, callbackArrivalsUrl)) {
            return new Simulation(platform, settings).run(progress);
        }
    }

    private Result run(PrintStream progress) throws InterruptedException {
        // Ids of this run only: message ids are deduplicated, so a second run must not reuse the first one's.
        String runId = String.format("%08d", (System.currentTimeMillis() / 1000) % 100_000_000L);
        Phrasebook phrases = Phrasebook.fromKnowledgeBase(knowledgeBase(), settings.languages());
        Crowd crowd = new Crowd(settings.contacts(), settings.mix(), phrases, new Random(settings.seed()), runId,
                settings.agents() > 0);
        List<String> problems = new ArrayList<>();
        Schedule schedule = settings.schedule();
        long skipped = 0;
        Instant lastDue;
        // Whatever was opened is closed even when a later one fails to start (the live stream not connecting).
        try (SimAgents agents = settings.agents() > 0
                    ? SimAgents.online(platform, settings.agents(), runId, ledger, this::nowMicros) : null;
             ArrivalWatcher graph = ArrivalWatcher.start("simulate-graph", platform, platform.graphArrivalsUrl(),
                     Replies::fromGraph, reply -> observed(reply, crowd, runId));
             ArrivalWatcher callbacks = ArrivalWatcher.start("simulate-callbacks", platform,
                     platform.callbackArrivalsUrl(), Replies::fromCallback, reply -> observed(reply, crowd, runId));
             EventWatcher stream = EventWatcher.start(platform, SimAgents.adminToken(),
                     event -> streamed(event, crowd, agents, runId))) {
            AtomicLong inFlight = new AtomicLong();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("simulate").setInitialMax(schedule.count())
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(progress)).build()) {
                for (long i = 0; i < schedule.count(); i++) {
                    long dueNanos = schedule.dueNanos(i);
                    LockSupport.parkNanos(startNanos + dueNanos - System.nanoTime());
                    long dueMicros = startMicros + dueNanos / 1_000;
                    Optional<Crowd.Message> message = crowd.next(dueMicros);
                    if (message.isEmpty()) {
                        skipped++;
                    } else {
                        send(message.get(), dueMicros, inFlight);
                    }
                    bar.step();
                    if (i % 50 == 0) {
                        bar.setExtraMessage(ledger.progress());
                    }
                }
            }
            lastDue = Instant.now();
            awaitAnswers(inFlight);
            graph.problem().ifPresent(problems::add);
            callbacks.problem().ifPresent(problems::add);
        }
        return new Result(ledger.summarize(), schedule.count(), skipped, lastDue, problems, runId, ledger.outcomes());
    }

    /**
     * Waits for the answers still due until {@code answerWait} has passed with no reply arriving (counted from the last
     * message due, or the last reply seen if later): a platform behind its load is still answering, and closing the
     * watchers at a fixed time after the last message would count its late answers as lost. Bounded at ten times the
     * wait, for a platform that keeps sending.
     */
    private void awaitAnswers(AtomicLong inFlight) throws InterruptedException {
        long waitMicros = settings.answerWait().toNanos() / 1_000;
        long lastDueMicros = nowMicros();
        while ((inFlight.get() > 0 || ledger.awaitingAnswers() > 0)
                && nowMicros() - Math.max(lastDueMicros, ledger.lastReplyMicros()) < waitMicros
                && nowMicros() - lastDueMicros < 10 * waitMicros) {
            Thread.sleep(100);
        }
    }

    private void send(Crowd.Message message, long dueMicros, AtomicLong inFlight) {
        WebhookBodies.Webhook webhook = WebhookBodies.text(message.channel(), message.userId(), message.name(),
                message.messageId(), message.text(), Instant.EPOCH.plusNanos(dueMicros * 1_000));
        ledger.sent(new Ledger.Sent(message.messageId(), message.userId(), dueMicros));
        post(webhook, inFlight, status -> ledger.answeredWebhook(message.messageId(), status, nowMicros()));
        settings.sending().alongside(message.userId(), message.messageId(), webhook,
                extra -> post(extra, inFlight, status -> { }));
    }

    /** The webhook's status (0 when no answer came), given to {@code answered} before it stops counting in flight. */
    private CompletableFuture<Integer> post(WebhookBodies.Webhook webhook, AtomicLong inFlight, IntConsumer answered) {
        inFlight.incrementAndGet();
        return platform.send("POST", webhook.path(), webhook.headers(), webhook.body())
                .handle((response, failure) -> failure == null ? response.statusCode() : 0)
                .whenComplete((status, ignored) -> {
                    answered.accept(status);
                    inFlight.decrementAndGet();
                });
    }

    private void observed(Reply reply, Crowd crowd, String runId) {
        if (!reply.userId().startsWith(runId)) {
            return;
        }
        ledger.replied(reply);
        if (reply.author() == Author.AGENT) {
            crowd.agentAnswered(reply.userId(), reply.atMicros());
        } else {
            crowd.botAnswered(reply.userId(), reply.atMicros());
        }
    }

    private void streamed(StreamEvent event, Crowd crowd, SimAgents agents, String runId) {
        if (!event.userId().startsWith(runId)) {
            return;
        }
        if (EventWatcher.HANDOFF.equals(event.type())) {
            ledger.handedOff(event.userId(), event.atMicros());
            crowd.handedOff(event.userId(), event.atMicros());
        } else if (EventWatcher.ASSIGNED.equals(event.type())) {
            ledger.assigned(event.userId(), event.atMicros());
            if (agents != null) {
                agents.assigned(event.data().path("agentId").asText(), event.conversationId());
            }
        }
    }

    private long nowMicros() {
        return startMicros + (System.nanoTime() - startNanos) / 1_000;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static String knowledgeBase() {
        try (InputStream in = Simulation.class.getResourceAsStream(KNOWLEDGE_BASE)) {
            if (in == null) {
                throw new IllegalStateException(KNOWLEDGE_BASE + " is not on the classpath: rebuild the devstack");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
