package io.parley.analytics.figures;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.ConversationId;
import io.parley.events.state.ConversationFold;
import io.parley.events.state.ConversationState;
import io.parley.events.state.Stamp;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One conversation as analytics keeps it: the events figures read, slimmed (no contact, media, outbound text or ticket subject),
 * ordered by {@code (time, id)} and unique by id, plus the shared {@link ConversationState}. Facts are derived on
 * demand and cached until the next event.
 */
public final class ConversationTimeline {

    /** Longest customer text kept, for the unanswered-questions list. */
    static final int QUESTION_CHARS = 280;

    private final String conversationId;
    private final Channel channel;
    private final TreeMap<Stamp, Event> events = new TreeMap<>();
    private final Set<String> ids = new HashSet<>();
    /** Customer texts as read, by event id; read again only when the language they are read in changes. */
    private final Map<String, VoiceOfCustomer.Text> texts = new HashMap<>();
    private ConversationState state;
    private ConversationFacts facts;

    public ConversationTimeline(String conversationId) {
        this.conversationId = conversationId;
        this.channel = channelOf(conversationId);
        this.state = ConversationState.initial(conversationId);
    }

    /** Whether analytics keeps events of this kind at all. */
    public static boolean keeps(Event event) {
        Object data = event.data();
        return data instanceof MessageReceived || data instanceof MessageOutbound
                || data instanceof ConversationEvent.BotAnswered || data instanceof ConversationEvent.HandoffRequested
                || data instanceof ConversationEvent.Queued || data instanceof ConversationEvent.Assigned
                || data instanceof ConversationEvent.Transferred || data instanceof ConversationEvent.StatusChanged
                || data instanceof ConversationEvent.SlaBreached || data instanceof ConversationEvent.CsatRequested
                || data instanceof ConversationEvent.CsatReceived || data instanceof ConversationEvent.TicketCreated;
    }

    /** Adds an event; false when it was applied before (same id) or is of no use to the figures. */
    public boolean add(Event event) {
        if (!keeps(event) || !ids.add(event.id())) {
            return false;
        }
        Event slim = slim(event);
        events.put(new Stamp(slim.time(), slim.id()), slim);
        state = ConversationFold.evolve(state, slim);
        facts = null;
        if (slim.data() instanceof MessageReceived received) {
            read(slim, received);
        }
        return true;
    }

    /**
     * The customer's text messages, in time order, each read in its language: the message's locale, else the
     * conversation's language as now known (so a language learnt later reads earlier messages again, and the log's
     * order does not matter). Texts are the kept ones (at most {@value #QUESTION_CHARS} characters), so a restored
     * projection reads exactly what a rebuilt one does.
     */
    public List<VoiceOfCustomer.Text> customerTexts() {
        List<VoiceOfCustomer.Text> read = new ArrayList<>();
        for (Event event : events.values()) {
            if (event.data() instanceof MessageReceived received) {
                VoiceOfCustomer.Text text = read(event, received);
                if (text != null) {
                    read.add(text);
                }
            }
        }
        return read;
    }

    private VoiceOfCustomer.Text read(Event event, MessageReceived received) {
        if (received.content() == null || received.content().text() == null) {
            return null;
        }
        String locale = received.context() == null ? null : received.context().locale();
        String language = CustomerWords.language(locale != null ? locale
                : state.language() == null ? null : state.language().value());
        VoiceOfCustomer.Text known = texts.get(event.id());
        if (known == null || !known.language().equals(language)) {
            known = VoiceOfCustomer.Text.read(event.id(), event.time(), language, received.content().text());
            texts.put(event.id(), known);
        }
        return known;
    }

    public String conversationId() {
        return conversationId;
    }

    public Channel channel() {
        return channel;
    }

    public ConversationState state() {
        return state;
    }

    public Collection<Event> events() {
        return Collections.unmodifiableCollection(events.values());
    }

    public ConversationFacts facts() {
        if (facts == null) {
            facts = ConversationFacts.derive(conversationId, channel, state, events.values());
        }
        return facts;
    }

    /** What analytics stores of an event: no contact details, no media, no outbound texts, questions truncated. */
    static Event slim(Event event) {
        Object data = event.data();
        ConversationEvent slimData;
        if (data instanceof MessageReceived received) {
            Content content = received.content();
            Content kept = content == null ? Content.unsupported("none")
                    : content.text() != null && Content.TEXT.equals(content.kind())
                    ? Content.text(truncate(content.text()))
                    : Content.builder(content.kind()).build();
            slimData = new MessageReceived(received.channel(), received.channelAccount(), received.channelMessageId(),
                    null, kept, null, null, received.context(), received.receivedAt());
        } else if (data instanceof MessageOutbound outbound) {
            String kind = outbound.content() == null ? Content.UNSUPPORTED : outbound.content().kind();
            slimData = new MessageOutbound(outbound.messageId(), outbound.author(), Content.builder(kind).build(),
                    null, null);
        } else if (data instanceof ConversationEvent.TicketCreated ticket) {
            slimData = new ConversationEvent.TicketCreated(ticket.ticketId(), null, ticket.priority(), ticket.origin());
        } else {
            return event;
        }
        return new Event(event.id(), event.source(), event.subject(), event.time(), event.tenant(),
                event.causationId(), slimData);
    }

    private static String truncate(String text) {
        return text.length() <= QUESTION_CHARS ? text : text.substring(0, QUESTION_CHARS);
    }

    private static Channel channelOf(String conversationId) {
        try {
            return ConversationId.parse(conversationId).channel();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
