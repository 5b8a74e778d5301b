package io.parley.analytics.figures;

import io.parley.analytics.figures.ConversationFacts.Rating;
import io.parley.analytics.figures.ConversationFacts.Unanswered;
import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures over a period (docs/metrics.md, "Over a period" and "Voice of the customer"). */
public record Kpis(
        Instant from,
        Instant to,
        String timeZone,
        Stats firstResponse,
        Stats nextReply,
        Stats resolution,
        Double slaPercentMet,
        List<SlaFigure> sla,
        Csat csat,
        Double botResolutionRate,
        HandoffRate handoffRate,
        Double rightFirstTimeRate,
        Double transferRate,
        Abandonment abandonment,
        Volume volume,
        List<Count> topArticles,
        List<Count> unansweredQuestions,
        int[][] heatmap,
        List<AgentPresence> agentPresence,
        Map<String, List<WordCount>> hotWords,
        Double negativeSentimentShare,
        List<Bucket> series) {

    static final int TOP = 10;

    /** One SLA policy's (priority's) attainment for one metric: clocks that ended or breached, and those met. */
    public record SlaFigure(String policy, String metric, int measured, int met, Double percentMet) {
    }

    public record Csat(Double average, Map<Integer, Integer> distribution, Double responseRate) {
    }

    public record HandoffRate(Double total, Map<String, ReasonRate> byReason) {
    }

    public record ReasonRate(int count, double rate) {
    }

    public record Abandonment(int count, Double rate) {
    }

    public record Volume(int messagesIn, int messagesOut, Map<String, ChannelVolume> byChannel, int newConversations,
            int resolved, int reopened) {
    }

    public record ChannelVolume(int messagesIn, int messagesOut) {
    }

    public record Count(String key, int count) {
    }

    public record AgentPresence(String agentId, long onlineSeconds, long awaySeconds) {
    }

    public record WordCount(String word, int count) {
    }

    public record Bucket(Instant bucketStart, int messagesIn, int messagesOut, Double firstResponseP50Seconds,
            Double negativeSentimentShare) {
    }

    public static Kpis compute(TenantProjection tenant, Filter filter, Period period, Instant now, SlaRules rules) {
        ZoneId zone = tenant.zone();
        List<Double> firstResponses = new ArrayList<>();
        List<Double> nextReplies = new ArrayList<>();
        List<Double> resolutions = new ArrayList<>();
        Map<String, int[]> sla = new TreeMap<>();
        List<Rating> ratings = new ArrayList<>();
        int csatRequests = 0;
        int botEpisodes = 0;
        int botOnly = 0;
        int episodesStarted = 0;
        int handedOff = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        int assigned = 0;
        int transferred = 0;
        int queued = 0;
        int abandoned = 0;
        int messagesIn = 0;
        int messagesOut = 0;
        Map<String, int[]> byChannel = new TreeMap<>();
        int created = 0;
        int resolved = 0;
        int reopened = 0;
        Map<String, Integer> articles = new HashMap<>();
        Map<String, Integer> questions = new HashMap<>();
        int[][] heatmap = new int[7][24];
        List<Instant> bucketStarts = bucketStarts(period, zone);
        int[][] bucketMessages = new int[bucketStarts.size()][2];
        List<List<Double>> bucketFirstResponses = new ArrayList<>();
        bucketStarts.forEach(start -> bucketFirstResponses.add(new ArrayList<>()));
        List<VoiceOfCustomer.Text> texts = new ArrayList<>();
        List<List<VoiceOfCustomer.Text>> bucketTexts = new ArrayList<>();
        bucketStarts.forEach(start -> bucketTexts.add(new ArrayList<>()));

        for (ConversationTimeline timeline : tenant.conversations()) {
            ConversationFacts facts = timeline.facts();
            String channel = timeline.channel() == null ? "unknown" : timeline.channel().wireName();
            for (Episode episode : facts.episodes()) {
                String team = episode.team() != null ? episode.team() : facts.team();
                if (!filter.matches(team, timeline.channel())) {
                    continue;
                }
                String policy = episode.slaPolicy();
                if (episode.firstResponse() != null && period.contains(episode.firstHumanReplyAt())) {
                    double seconds = seconds(rules.elapsed(tenant, team, policy, episode.humanRequestedAt(),
                            episode.firstHumanReplyAt()));
                    firstResponses.add(seconds);
                    int bucket = bucketOf(bucketStarts, episode.firstHumanReplyAt());
                    if (bucket >= 0) {
                        bucketFirstResponses.get(bucket).add(seconds);
                    }
                }
                for (Episode.Wait wait : episode.nextReplyWaits()) {
                    if (period.contains(wait.repliedAt())) {
                        nextReplies.add(seconds(rules.elapsed(tenant, team, policy, wait.since(), wait.repliedAt())));
                    }
                    if (period.contains(wait.since()) && (wait.repliedAt() != null || wait.breached())) {
                        measure(sla, policy, SlaMetric.NEXT_REPLY, wait.breached());
                    }
                }
                if (period.contains(episode.resolvedAt())) {
                    resolved++;
                    resolutions.add((double) episode.resolution().toSeconds());
                }
                boolean firstReplyBreached = episode.breaches().contains(SlaMetric.FIRST_REPLY);
                if (period.contains(episode.humanRequestedAt()) && (episode.firstHumanReplyAt() != null
                        || episode.resolvedAt() != null || firstReplyBreached)) {
                    measure(sla, policy, SlaMetric.FIRST_REPLY, firstReplyBreached);
                }
                boolean resolutionBreached = episode.breaches().contains(SlaMetric.RESOLUTION);
                if (period.contains(episode.ticketAt()) && (episode.resolvedAt() != null || resolutionBreached)) {
                    measure(sla, policy, SlaMetric.RESOLUTION, resolutionBreached);
                }
                if (period.contains(episode.start())) {
                    episodesStarted++;
                    if (episode.reopened()) {
                        reopened++;
                    } else {
                        created++;
                    }
                    if (episode.botAnswered()) {
                        botEpisodes++;
                        if (episode.botOnly()) {
                            botOnly++;
                        }
                    }
                    if (!episode.handoffReasons().isEmpty()) {
                        handedOff++;
                        episode.handoffReasons().stream().distinct()
                                .forEach(reason -> reasons.merge(reason, 1, Integer::sum));
                    }
                }
                if (period.contains(episode.assignedAt())) {
                    assigned++;
                    if (episode.transfers() > 0) {
                        transferred++;
                    }
                }
                if (period.contains(episode.queuedAt())) {
                    queued++;
                    if (episode.abandoned()) {
                        abandoned++;
                    }
                }
            }
            if (!filter.matches(facts.team(), timeline.channel())) {
                continue;
            }
            int[] channelCounts = byChannel.computeIfAbsent(channel, c -> new int[2]);
            for (Instant at : facts.messagesIn()) {
                if (period.contains(at)) {
                    messagesIn++;
                    channelCounts[0]++;
                    ZonedDateTime local = at.atZone(zone);
                    heatmap[local.getDayOfWeek().getValue() - 1][local.getHour()]++;
                    int bucket = bucketOf(bucketStarts, at);
                    if (bucket >= 0) {
                        bucketMessages[bucket][0]++;
                    }
                }
            }
            for (Instant at : facts.messagesOut()) {
                if (period.contains(at)) {
                    messagesOut++;
                    channelCounts[1]++;
                    int bucket = bucketOf(bucketStarts, at);
                    if (bucket >= 0) {
                        bucketMessages[bucket][1]++;
                    }
                }
            }
            for (VoiceOfCustomer.Text text : timeline.customerTexts()) {
                if (period.contains(text.at())) {
                    texts.add(text);
                    int bucket = bucketOf(bucketStarts, text.at());
                    if (bucket >= 0) {
                        bucketTexts.get(bucket).add(text);
                    }
                }
            }
            facts.ratings().stream().filter(rating -> period.contains(rating.at())).forEach(ratings::add);
            csatRequests += (int) facts.csatRequests().stream().filter(period::contains).count();
            for (Unanswered question : facts.unanswered()) {
                if (period.contains(question.at())) {
                    questions.merge(ConversationFacts.normalizeQuestion(question.question()), 1, Integer::sum);
                }
            }
            countArticles(timeline, period, articles);
        }
        byChannel.values().removeIf(counts -> counts[0] == 0 && counts[1] == 0);

        Map<String, ReasonRate> byReason = new LinkedHashMap<>();
        int startedEpisodes = episodesStarted;
        reasons.forEach((reason, count) -> byReason.put(reason, new ReasonRate(count, ratio(count, startedEpisodes))));
        List<SlaFigure> slaFigures = new ArrayList<>();
        int[] slaTotal = new int[2];
        sla.forEach((key, counts) -> {
            String[] policyAndMetric = key.split("/", 2);
            slaFigures.add(new SlaFigure(policyAndMetric[0], policyAndMetric[1], counts[0], counts[1],
                    percentMet(counts[0], counts[1])));
            slaTotal[0] += counts[0];
            slaTotal[1] += counts[1];
        });
        Map<String, ChannelVolume> channels = new LinkedHashMap<>();
        byChannel.forEach((channel, counts) -> channels.put(channel, new ChannelVolume(counts[0], counts[1])));

        List<Bucket> series = new ArrayList<>();
        for (int i = 0; i < bucketStarts.size(); i++) {
            series.add(new Bucket(bucketStarts.get(i), bucketMessages[i][0], bucketMessages[i][1],
                    Stats.of(bucketFirstResponses.get(i)).p50Seconds(),
                    VoiceOfCustomer.negativeShare(bucketTexts.get(i))));
        }

        return new Kpis(period.from(), period.to(), zone.getId(), Stats.of(firstResponses), Stats.of(nextReplies),
                Stats.of(resolutions), percentMet(slaTotal[0], slaTotal[1]), slaFigures, csat(ratings, csatRequests),
                botEpisodes == 0 ? null : ratio(botOnly, botEpisodes),
                new HandoffRate(episodesStarted == 0 ? null : ratio(handedOff, episodesStarted), byReason),
                assigned == 0 ? null : ratio(assigned - transferred, assigned),
                assigned == 0 ? null : ratio(transferred, assigned),
                new Abandonment(abandoned, queued == 0 ? null : ratio(abandoned, queued)),
                new Volume(messagesIn, messagesOut, channels, created, resolved, reopened),
                top(articles), top(questions), heatmap, agentPresence(tenant, filter, period, now),
                VoiceOfCustomer.hotWords(texts), VoiceOfCustomer.negativeShare(texts), series);
    }

    private static void countArticles(ConversationTimeline timeline, Period period, Map<String, Integer> articles) {
        timeline.events().forEach(event -> {
            if (event.data() instanceof io.parley.events.conversation.ConversationEvent.BotAnswered answered
                    && answered.articleId() != null && period.contains(event.time())) {
                articles.merge(answered.articleId(), 1, Integer::sum);
            }
        });
    }

    /** Counts one SLA measurement under {@code policy/metric}: [measured, met]. */
    private static void measure(Map<String, int[]> sla, String policy, SlaMetric metric, boolean breached) {
        int[] counts = sla.computeIfAbsent(policy + "/" + wire(metric), key -> new int[2]);
        counts[0]++;
        counts[1] += breached ? 0 : 1;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Csat csat(List<Rating> ratings, int requests) {
        if (ratings.isEmpty() && requests == 0) {
            return new Csat(null, Map.of(), null);
        }
        Map<Integer, Integer> distribution = new TreeMap<>();
        for (int score = 1; score <= 5; score++) {
            distribution.put(score, 0);
        }
        ratings.forEach(rating -> distribution.merge(rating.score(), 1, Integer::sum));
        Double average = ratings.isEmpty() ? null
                : Stats.round(ratings.stream().mapToInt(Rating::score).average().orElseThrow());
        return new Csat(average, distribution, requests == 0 ? null : Math.min(1.0, ratio(ratings.size(), requests)));
    }

    private static List<AgentPresence> agentPresence(TenantProjection tenant, Filter filter, Period period,
            Instant now) {
        List<AgentPresence> presence = new ArrayList<>();
        for (AgentTimeline agent : tenant.agents()) {
            var profile = tenant.workspace().agents().get(agent.agentId());
            if (filter.team() != null && (profile == null || !profile.teams().contains(filter.team()))) {
                continue;
            }
            Map<Presence, Duration> spent = agent.durations(period, now);
            presence.add(new AgentPresence(agent.agentId(),
                    spent.getOrDefault(Presence.ONLINE, Duration.ZERO).toSeconds(),
                    spent.getOrDefault(Presence.AWAY, Duration.ZERO).toSeconds()));
        }
        presence.sort(Comparator.comparing(AgentPresence::agentId));
        return presence;
    }

    private static List<Count> top(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(entry -> new Count(entry.getKey(), entry.getValue())).toList();
    }

    /** Hourly buckets for periods up to two days, daily ones (tenant's days) beyond. */
    static List<Instant> bucketStarts(Period period, ZoneId zone) {
        boolean hourly = Duration.between(period.from(), period.to()).compareTo(Duration.ofDays(2)) <= 0;
        ZonedDateTime cursor = period.from().atZone(zone).truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        List<Instant> starts = new ArrayList<>();
        while (cursor.toInstant().isBefore(period.to())) {
            Instant start = cursor.toInstant().isBefore(period.from()) ? period.from() : cursor.toInstant();
            starts.add(start);
            cursor = hourly ? cursor.plusHours(1) : cursor.plusDays(1);
        }
        return starts;
    }

    private static int bucketOf(List<Instant> starts, Instant at) {
        for (int i = starts.size() - 1; i >= 0; i--) {
            if (!at.isBefore(starts.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Double percentMet(int measured, int met) {
        return measured == 0 ? null : Stats.round(100.0 * met / measured);
    }

    static double ratio(int part, int whole) {
        return Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    static String wire(SlaMetric metric) {
        return metric.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
