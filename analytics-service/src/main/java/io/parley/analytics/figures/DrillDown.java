package io.parley.analytics.figures;

import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The conversations behind a figure: for each figure name (docs/metrics.md) the episodes it counts over a period, and
 * one row per conversation for the drill-down list and the CSV export. A figure may take a {@code key} that narrows it
 * to one bar, cell or list entry of the dashboard (a handoff reason, a CSAT score, a heatmap cell, an article ...).
 */
public final class DrillDown {

    /** What a figure's test sees: one episode of a conversation, the period, the figure's key (or null), the zone. */
    public record Subject(ConversationTimeline timeline, ConversationFacts facts, Episode episode, Period period,
            String key, ZoneId zone) {

        boolean keyIs(String value) {
            return key == null || key.equals(value);
        }
    }

    /** Figure name → whether an episode counts towards it. Episode figures filter by the episode's team. */
    public static final Map<String, Predicate<Subject>> FIGURES = new LinkedHashMap<>();
    /**
     * Figure name → whether a conversation counts towards it. These follow the message counts: the conversation's
     * team filters them, as it does {@code volume}, the heatmap, CSAT and the voice of the customer.
     */
    public static final Map<String, Predicate<Subject>> CONVERSATION_FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("all", s -> s.period().contains(s.episode().start()) || s.period().contains(s.episode().resolvedAt())
                || s.period().contains(s.episode().firstHumanReplyAt()));
        FIGURES.put("new", s -> s.period().contains(s.episode().start()) && !s.episode().reopened());
        FIGURES.put("reopened", s -> s.period().contains(s.episode().start()) && s.episode().reopened());
        FIGURES.put("resolved", s -> s.period().contains(s.episode().resolvedAt()));
        FIGURES.put("first-response", s -> s.episode().firstResponse() != null
                && s.period().contains(s.episode().firstHumanReplyAt()));
        FIGURES.put("handoff", s -> s.period().contains(s.episode().start()) && !s.episode().handoffReasons().isEmpty()
                && (s.key() == null || s.episode().handoffReasons().contains(s.key())));
        FIGURES.put("bot-resolved", s -> s.period().contains(s.episode().start()) && s.episode().botOnly());
        FIGURES.put("transferred", s -> s.period().contains(s.episode().assignedAt()) && s.episode().transfers() > 0);
        FIGURES.put("right-first-time", s -> s.period().contains(s.episode().assignedAt())
                && s.episode().transfers() == 0);
        FIGURES.put("abandoned", s -> s.period().contains(s.episode().queuedAt()) && s.episode().abandoned());
        FIGURES.put("sla-breached", DrillDown::slaBreached);
        FIGURES.put("unattended", s -> s.episode().humanRequestedAt() != null
                && s.episode().firstHumanReplyAt() == null && s.episode().resolvedAt() == null);
        FIGURES.put("handled-by", s -> s.key() != null && s.episode().agents().contains(s.key())
                && FIGURES.get("all").test(s));
        CONVERSATION_FIGURES.put("messages-in", s -> s.facts().messagesIn().stream().anyMatch(at ->
                s.period().contains(at) && (s.key() == null || s.key().equals(heatmapCell(at, s.zone())))));
        CONVERSATION_FIGURES.put("messages-out", s -> s.facts().messagesOut().stream().anyMatch(s.period()::contains));
        CONVERSATION_FIGURES.put("csat", s -> s.facts().ratings().stream().anyMatch(rating ->
                s.period().contains(rating.at()) && s.keyIs(String.valueOf(rating.score()))));
        CONVERSATION_FIGURES.put("article", s -> s.timeline().events().stream().anyMatch(event ->
                event.data() instanceof BotAnswered answered && answered.articleId() != null
                        && s.period().contains(event.time()) && s.keyIs(answered.articleId())));
        CONVERSATION_FIGURES.put("unanswered-question", s -> s.facts().unanswered().stream().anyMatch(question ->
                s.period().contains(question.at())
                        && s.keyIs(ConversationFacts.normalizeQuestion(question.question()))));
        CONVERSATION_FIGURES.put("hot-word", s -> s.timeline().customerTexts().stream().anyMatch(text ->
                s.period().contains(text.at()) && (s.key() == null ? !text.words().isEmpty()
                        : text.words().contains(s.key()))));
        CONVERSATION_FIGURES.put("negative-sentiment", s -> s.timeline().customerTexts().stream().anyMatch(text ->
                s.period().contains(text.at()) && text.negative()));
    }

    /** Live figures beyond {@link LiveFigures#DRILL_DOWN}: an agent's active conversations (its load), by agent id. */
    public static final String AGENT = "agent";

    /** One conversation in a drill-down list or export row. */
    public record Row(String conversationId, String channel, String team, String status, String assignee,
            Instant startedAt, Instant humanRequestedAt, Instant firstHumanReplyAt, Instant resolvedAt,
            Long firstResponseSeconds, Long resolutionSeconds, boolean reopened, int transfers,
            List<String> handoffReasons, List<String> slaBreaches, Integer csat, int messagesIn, int messagesOut) {
    }

    private DrillDown() {
    }

    /** Every figure name that has a drill-down. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(FIGURES.keySet());
        names.addAll(CONVERSATION_FIGURES.keySet());
        names.addAll(LiveFigures.DRILL_DOWN);
        names.add(AGENT);
        return names;
    }

    /**
     * The conversations behind a figure: a period figure's ({@link #FIGURES}, {@link #CONVERSATION_FIGURES}) over
     * {@code period}, or a live figure's ({@link LiveFigures#DRILL_DOWN}, {@link #AGENT}) at {@code now}, classified
     * exactly as the figures count them.
     */
    public static List<Row> rows(TenantProjection tenant, String figure, String key, Filter filter, Period period,
            Instant now, SlaRules rules) {
        String name = figure == null ? "all" : figure.toLowerCase(Locale.ROOT);
        if (LiveFigures.DRILL_DOWN.contains(name) || AGENT.equals(name)) {
            return liveRows(tenant, name, key, filter, period, now, rules);
        }
        Predicate<Subject> episodeCounts = FIGURES.get(name);
        Predicate<Subject> conversationCounts = CONVERSATION_FIGURES.get(name);
        if (episodeCounts == null && conversationCounts == null) {
            throw new IllegalArgumentException("figure '" + figure + "' has no drill-down: use one of " + names());
        }
        String wanted = key == null || key.isBlank() ? null : key;
        ZoneId zone = tenant.zone();
        List<Row> rows = new ArrayList<>();
        for (ConversationTimeline timeline : tenant.conversations()) {
            ConversationFacts facts = timeline.facts();
            Episode latest = null;
            if (conversationCounts != null) {
                Episode current = facts.currentEpisode();
                if (current != null && filter.matches(facts.team(), timeline.channel()) && conversationCounts.test(
                        new Subject(timeline, facts, current, period, wanted, zone))) {
                    latest = current;
                }
            } else {
                for (Episode episode : facts.episodes()) {
                    String team = episode.team() != null ? episode.team() : facts.team();
                    if (filter.matches(team, timeline.channel()) && episodeCounts.test(
                            new Subject(timeline, facts, episode, period, wanted, zone))) {
                        latest = episode;
                    }
                }
            }
            if (latest != null) {
                rows.add(row(timeline, facts, latest, period));
            }
        }
        rows.sort(Comparator.comparing(Row::startedAt).thenComparing(Row::conversationId));
        return rows;
    }

    /** The heatmap cell of an instant, as the drill-down key names it: {@code weekday-hour}, Monday = 0. */
    public static String heatmapCell(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return (local.getDayOfWeek().getValue() - 1) + "-" + local.getHour();
    }

    /** Key: none (any breach), a metric ({@code first-reply}) or a policy and metric ({@code normal/first-reply}). */
    private static boolean slaBreached(Subject s) {
        Episode episode = s.episode();
        if (!s.period().contains(episode.humanRequestedAt()) && !s.period().contains(episode.ticketAt())) {
            return false;
        }
        return episode.breaches().stream().map(Kpis::wire).anyMatch(metric -> s.key() == null
                || s.key().equals(metric) || s.key().equals(episode.slaPolicy() + "/" + metric));
    }

    private static List<Row> liveRows(TenantProjection tenant, String figure, String key, Filter filter,
            Period period, Instant now, SlaRules rules) {
        List<Row> rows = new ArrayList<>();
        for (ConversationTimeline timeline : tenant.conversations()) {
            ConversationFacts facts = timeline.facts();
            Episode current = facts.currentEpisode();
            if (current == null || !filter.matches(facts.state().team(), timeline.channel())) {
                continue;
            }
            LiveFigures.LiveState live = LiveFigures.stateOf(tenant, facts, now, rules);
            boolean counts = AGENT.equals(figure)
                    ? live.state().isPresent() && !live.counts("bot") && key != null
                    && key.equals(facts.state().assignee())
                    : live.counts(figure);
            if (counts) {
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
