package io.parley.events.state;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.CsatRequested;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.Labeled;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Party;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.state.ConversationState.SlaBreach;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The one pure fold every service uses to rebuild a conversation from its events. */
public final class ConversationFold {

    private ConversationFold() {
    }

    public static ConversationState fold(String conversationId, Iterable<Event> events) {
        ConversationState state = ConversationState.initial(conversationId);
        for (Event event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    /**
     * Applies one event. An id already applied, an event of another conversation or of another stream, and an event
     * type this fold has no use for leave the state as it was.
     */
    public static ConversationState evolve(ConversationState state, Event event) {
        if (state.hasApplied(event.id()) || !state.conversationId().equals(event.subject())
                || !(event.data() instanceof ConversationEvent data)) {
            return state;
        }
        Draft draft = new Draft(state);
        draft.tenant = state.tenant() == null ? event.tenant() : state.tenant();
        draft.appliedEventIds = state.appliedEventIds().with(event.id(), event.time());
        apply(draft, data, new Stamp(event.time(), event.id()));
        return draft.toState();
    }

    private static void apply(Draft draft, ConversationEvent data, Stamp stamp) {
        if (data instanceof MessageReceived received) {
            draft.contact = mergeContact(draft.contact, received.contact(), stamp);
            draft.firstCustomerMessage = Stamp.earliest(draft.firstCustomerMessage, stamp);
            draft.lastCustomerMessage = Latest.merge(draft.lastCustomerMessage, received.channelMessageId(), stamp);
            if (stamp.isAfter(draft.lastAgentMessage)) {
                draft.customerMessagesAwaitingAgent.add(stamp);
            }
        } else if (data instanceof MessageOutbound outbound) {
            applyOutbound(draft, outbound, stamp);
        } else if (data instanceof BotAnswered answered) {
            draft.language = mergeLanguage(draft.language, answered.language(), stamp);
        } else if (data instanceof BotFlow flow) {
            draft.flow = Latest.merge(draft.flow, flow, stamp);
        } else if (data instanceof HandoffRequested handoff) {
            draft.handoff = Latest.merge(draft.handoff, handoff, stamp);
            draft.language = mergeLanguage(draft.language, handoff.language(), stamp);
        } else if (data instanceof Queued queued) {
            draft.queued = Latest.merge(draft.queued, queued, stamp);
        } else if (data instanceof Assigned assigned) {
            draft.assignment = Latest.merge(draft.assignment, new Party(assigned.agentId(), assigned.team()), stamp);
        } else if (data instanceof Transferred transferred && transferred.to() != null) {
            draft.assignment = Latest.merge(draft.assignment, transferred.to(), stamp);
        } else if (data instanceof StatusChanged changed && changed.status() != null) {
            draft.statusChange = Latest.merge(draft.statusChange, changed, stamp);
        } else if (data instanceof Labeled labeled) {
            draft.labels = Latest.merge(draft.labels, labeled.labels(), stamp);
        } else if (data instanceof TicketCreated ticket) {
            draft.ticket = Latest.merge(draft.ticket, ticket, stamp);
        } else if (data instanceof SlaBreached breached) {
            draft.slaBreaches.add(new SlaBreach(breached.policy(), breached.metric()));
        } else if (data instanceof CsatRequested) {
            draft.csatRequested = Stamp.latest(draft.csatRequested, stamp);
        } else if (data instanceof CsatReceived csat) {
            draft.csatScore = Latest.merge(draft.csatScore, csat.score(), stamp);
        }
    }

    private static void applyOutbound(Draft draft, MessageOutbound outbound, Stamp stamp) {
        AuthorKind author = outbound.author() == null ? null : outbound.author().kind();
        if (author == AuthorKind.AGENT || author == AuthorKind.EXTERNAL) {
            draft.lastAgentMessage = Stamp.latest(draft.lastAgentMessage, stamp);
            draft.customerMessagesAwaitingAgent.removeIf(waiting -> !waiting.isAfter(draft.lastAgentMessage));
        } else if (author == AuthorKind.BOT) {
            draft.lastBotMessage = Stamp.latest(draft.lastBotMessage, stamp);
        }
    }

    /**
     * The contact as the latest message that names the customer gave it; a message without a name (an API post that
     * sends only the user id) names nobody and changes it only while no message has named them. The register is the
     * maximum of (named, stamp), so duplicates and interleavings still fold to one state.
     */
    private static Latest<ConversationEvent.Contact> mergeContact(Latest<ConversationEvent.Contact> current,
            ConversationEvent.Contact contact, Stamp stamp) {
        if (current != null && named(contact) != named(current.value())) {
            return named(contact) ? new Latest<>(contact, stamp) : current;
        }
        return Latest.merge(current, contact, stamp);
    }

    private static boolean named(ConversationEvent.Contact contact) {
        return contact != null && contact.name() != null && !contact.name().isBlank();
    }

    private static Latest<String> mergeLanguage(Latest<String> current, String language, Stamp stamp) {
        return language == null ? current : Latest.merge(current, language, stamp);
    }

    /** The state being changed by one event; records are immutable, so the fold edits a copy and seals it. */
    private static final class Draft {
        private final ConversationState from;
        private String tenant;
        private Latest<ConversationEvent.Contact> contact;
        private Latest<String> language;
        private Stamp firstCustomerMessage;
        private Latest<String> lastCustomerMessage;
        private final SortedSet<Stamp> customerMessagesAwaitingAgent;
        private Stamp lastAgentMessage;
        private Stamp lastBotMessage;
        private Latest<StatusChanged> statusChange;
        private Latest<HandoffRequested> handoff;
        private Latest<Queued> queued;
        private Latest<Party> assignment;
        private Latest<BotFlow> flow;
        private Latest<List<String>> labels;
        private Latest<TicketCreated> ticket;
        private final Set<SlaBreach> slaBreaches;
        private Stamp csatRequested;
        private Latest<Integer> csatScore;
        private AppliedIds appliedEventIds;

        private Draft(ConversationState state) {
            from = state;
            contact = state.contact();
            language = state.language();
            firstCustomerMessage = state.firstCustomerMessage();
            lastCustomerMessage = state.lastCustomerMessage();
            customerMessagesAwaitingAgent = new TreeSet<>(state.customerMessagesAwaitingAgent());
            lastAgentMessage = state.lastAgentMessage();
            lastBotMessage = state.lastBotMessage();
            statusChange = state.statusChange();
            handoff = state.handoff();
            queued = state.queued();
            assignment = state.assignment();
            flow = state.flow();
            labels = state.labels();
            ticket = state.ticket();
            slaBreaches = new HashSet<>(state.slaBreaches());
            csatRequested = state.csatRequested();
            csatScore = state.csatScore();
            appliedEventIds = state.appliedEventIds();
        }

        private ConversationState toState() {
            return new ConversationState(from.conversationId(), tenant, contact, language, firstCustomerMessage,
                    lastCustomerMessage, Collections.unmodifiableSortedSet(customerMessagesAwaitingAgent),
                    lastAgentMessage, lastBotMessage, statusChange, handoff, queued, assignment, flow, labels, ticket,
                    Collections.unmodifiableSet(slaBreaches), csatRequested, csatScore, appliedEventIds);
        }
    }
}
