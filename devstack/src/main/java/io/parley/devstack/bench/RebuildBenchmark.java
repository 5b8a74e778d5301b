package io.parley.devstack.bench;

import io.parley.events.Topics;
import io.parley.events.kafka.LogReplay;
import io.parley.testkit.auth.DevTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        ConversationHistory.append(bootstrapServers, TENANT, events);
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

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
