package io.parley.analytics.figures;

import io.parley.events.conversation.ConversationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The conversations behind a figure: for each figure name (docs/metrics.md) the episodes it counts over a period, and
 * one row per conversation for the drill-down list and the CSV export.
 */
public final class DrillDown {

    /** Figure name → whether an episode counts towards it in the period. */
    public static final Map<String, BiPredicate<Episode, Period>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("all", (e, p) -> p.contains(e.start()) || p.contains(e.resolvedAt())
                || p.contains(e.firstHumanReplyAt()));
        FIGURES.put("new", (e, p) -> p.contains(e.start()) && !e.reopened());
        FIGURES.put("reopened", (e, p) -> p.contains(e.start()) && e.reopened());
        FIGURES.put("resolved", (e, p) -> p.contains(e.resolvedAt()));
        FIGURES.put("first-response", (e, p) -> e.firstResponse() != null && p.contains(e.firstHumanReplyAt()));
        FIGURES.put("handoff", (e, p) -> p.contains(e.start()) && !e.handoffReasons().isEmpty());
        FIGURES.put("bot-resolved", (e, p) -> p.contains(e.start()) && e.botOnly());
        FIGURES.put("transferred", (e, p) -> p.contains(e.assignedAt()) && e.transfers() > 0);
        FIGURES.put("right-first-time", (e, p) -> p.contains(e.assignedAt()) && e.transfers() == 0);
        FIGURES.put("abandoned", (e, p) -> p.contains(e.queuedAt()) && e.abandoned());
        FIGURES.put("sla-breached", (e, p) -> p.contains(e.humanRequestedAt()) && !e.breaches().isEmpty());
        FIGURES.put("unattended", (e, p) -> e.humanRequestedAt() != null && e.firstHumanReplyAt() == null
                && e.resolvedAt() == null);
    }

    /** One conversation in a drill-down list or export row. */
    public record Row(String conversationId, String channel, String team, String status, String assignee,
            Instant startedAt, Instant humanRequestedAt, Instant firstHumanReplyAt, Instant resolvedAt,
            Long firstResponseSeconds, Long resolutionSeconds, boolean reopened, int transfers,
            List<String> handoffReasons, List<String> slaBreaches, Integer csat, int messagesIn, int messagesOut) {
    }

    private DrillDown() {
    }

    /**
     * The conversations behind a figure: a period figure's ({@link #FIGURES}) over {@code period}, or a live figure's
     * ({@link LiveFigures#DRILL_DOWN}) at {@code now}, classified exactly as the live figures count them.
     */
    public static List<Row> rows(TenantProjection tenant, String figure, Filter filter, Period period, Instant now,
            SlaTargets targets) {
        String name = figure == null ? "all" : figure.toLowerCase(Locale.ROOT);
        if (LiveFigures.DRILL_DOWN.contains(name)) {
            return liveRows(tenant, name, filter, period, now, targets);
        }
        BiPredicate<Episode, Period> counts = FIGURES.get(name);
        if (counts == null) {
            List<String> names = new ArrayList<>(FIGURES.keySet());
            names.addAll(LiveFigures.DRILL_DOWN);
            throw new IllegalArgumentException("figure '" + figure + "' has no drill-down: use one of " + names);
        }
        List<Row> rows = new ArrayList<>();
        for (ConversationTimeline timeline : tenant.conversations()) {
            ConversationFacts facts = timeline.facts();
            Episode latest = null;
            for (Episode episode : facts.episodes()) {
                String team = episode.team() != null ? episode.team() : facts.team();
                if (filter.matches(team, timeline.channel()) && counts.test(episode, period)) {
                    latest = episode;
                }
            }
            if (latest != null) {
                rows.add(row(timeline, facts, latest, period));
            }
        }
        rows.sort(Comparator.comparing(Row::startedAt).thenComparing(Row::conversationId));
        return rows;
    }

    private static List<Row> liveRows(TenantProjection tenant, String figure, Filter filter, Period period,
            Instant now, SlaTargets targets) {
        List<Row> rows = new ArrayList<>();
        for (ConversationTimeline timeline : tenant.conversations()) {
            ConversationFacts facts = timeline.facts();
            Episode current = facts.currentEpisode();
            if (current != null && filter.matches(facts.state().team(), timeline.channel())
                    && LiveFigures.stateOf(facts, now, targets).counts(figure)) {
                rows.add(row(timeline, facts, current, period));
            }
        }
        rows.sort(Comparator.comparing(Row::startedAt).thenComparing(Row::conversationId));
        return rows;
    }

    private static Row row(ConversationTimeline timeline, ConversationFacts facts, Episode episode, Period period) {
        ConversationStatus status = facts.state().status();
        Integer csat = facts.ratings().isEmpty() ? null : facts.ratings().get(facts.ratings().size() - 1).score();
        return new Row(timeline.conversationId(), timeline.channel() == null ? null : timeline.channel().wireName(),
                episode.team() != null ? episode.team() : facts.team(),
                status.name().toLowerCase(Locale.ROOT), facts.state().assignee(), episode.start(),
                episode.humanRequestedAt(), episode.firstHumanReplyAt(), episode.resolvedAt(),
                episode.firstResponse() == null ? null : episode.firstResponse().toSeconds(),
                episode.resolution() == null ? null : episode.resolution().toSeconds(), episode.reopened(),
                episode.transfers(), List.copyOf(episode.handoffReasons()),
                episode.breaches().stream().map(Kpis::wire).sorted().toList(), csat,
                (int) facts.messagesIn().stream().filter(period::contains).count(),
                (int) facts.messagesOut().stream().filter(period::contains).count());
    }

    /** The rows as CSV (RFC 4180), header first. */
    public static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("conversationId,channel,team,status,assignee,startedAt,humanRequestedAt,"
                + "firstHumanReplyAt,resolvedAt,firstResponseSeconds,resolutionSeconds,reopened,transfers,"
                + "handoffReasons,slaBreaches,csat,messagesIn,messagesOut\r\n");
        for (Row row : rows) {
            List<Object> cells = List.of(row.conversationId(), text(row.channel()), text(row.team()), row.status(),
                    text(row.assignee()), text(row.startedAt()), text(row.humanRequestedAt()),
                    text(row.firstHumanReplyAt()), text(row.resolvedAt()), text(row.firstResponseSeconds()),
                    text(row.resolutionSeconds()), row.reopened(), row.transfers(),
                    String.join(";", row.handoffReasons()), String.join(";", row.slaBreaches()), text(row.csat()),
                    row.messagesIn(), row.messagesOut());
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quote(cells.get(i).toString()));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static Object text(Object value) {
        return value == null ? "" : value;
    }

    private static String quote(String cell) {
        boolean needsQuotes = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        // a leading = + - @ would run as a formula in a spreadsheet: prefix it so the export is safe to open
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        return needsQuotes ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
