package io.parley.routing.decider;

import io.parley.events.Channel;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.ids.ConversationId;
import io.parley.routing.rules.ContactProfile;
import io.parley.routing.rules.TextNormalizer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What routing remembers about one conversation until it is closed. */
final class ConversationRoute {

    public enum Phase { BOT, QUEUED, ASSIGNED, SOLVED }

    /** Keywords are looked for in the customer's last few messages, not in the whole history. */
    private static final int RECENT_MESSAGES = 5;

    final String id;
    final Channel channel;
    private final Deque<String> recentTexts = new ArrayDeque<>();
    String pageUrl;
    String language;
    ContactProfile contact = ContactProfile.UNKNOWN;
    Phase phase = Phase.BOT;
    String agentId;
    String team;
    String ruleId;
    Priority priority = Priority.NORMAL;
    List<String> requiredSkills = List.of();
    Long seq;
    Instant waitingSince;
    boolean transferred;
    /** Whether this episode (handoff to close) already counted in the figures. */
    boolean counted;

    ConversationRoute(String id) {
        this.id = id;
        this.channel = ConversationId.parse(id).channel();
    }

    /** Everything routing remembers of the conversation, as plain values: what a snapshot stores. */
    public record State(String id, List<String> recentTexts, String pageUrl, String language, ContactProfile contact,
                        Phase phase, String agentId, String team, String ruleId, Priority priority,
                        List<String> requiredSkills, Long seq, Instant waitingSince, boolean transferred,
                        boolean counted) {
    }

    State state() {
        return new State(id, List.copyOf(recentTexts), pageUrl, language, contact, phase, agentId, team, ruleId,
                priority, requiredSkills, seq, waitingSince, transferred, counted);
    }

    static ConversationRoute restore(State state) {
        ConversationRoute conversation = new ConversationRoute(state.id());
        conversation.recentTexts.addAll(state.recentTexts());
        conversation.pageUrl = state.pageUrl();
        conversation.language = state.language();
        conversation.contact = state.contact();
        conversation.phase = state.phase();
        conversation.agentId = state.agentId();
        conversation.team = state.team();
        conversation.ruleId = state.ruleId();
        conversation.priority = state.priority();
        conversation.requiredSkills = state.requiredSkills();
        conversation.seq = state.seq();
        conversation.waitingSince = state.waitingSince();
        conversation.transferred = state.transferred();
        conversation.counted = state.counted();
        return conversation;
    }

    void customerWrote(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        recentTexts.addLast(TextNormalizer.normalize(text));
        if (recentTexts.size() > RECENT_MESSAGES) {
            recentTexts.removeFirst();
        }
    }

    /** The recent messages plus the bot's summary, normalized, for keyword rules. */
    String normalizedText(String summary) {
        StringBuilder text = new StringBuilder(TextNormalizer.normalize(summary));
        recentTexts.forEach(recent -> text.append(recent.substring(1)));
        return text.toString();
    }

    boolean withPeople() {
        return phase == Phase.QUEUED || phase == Phase.ASSIGNED;
    }
}
