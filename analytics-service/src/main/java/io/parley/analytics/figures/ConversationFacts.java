package io.parley.analytics.figures;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.CsatReceived;
import io.parley.events.conversation.ConversationEvent.CsatRequested;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Queued;
import io.parley.events.conversation.ConversationEvent.SlaBreached;
import io.parley.events.conversation.ConversationEvent.SlaMetric;
import io.parley.events.conversation.ConversationEvent.StatusChanged;
import io.parley.events.conversation.ConversationEvent.TicketCreated;
import io.parley.events.conversation.ConversationEvent.Transferred;
import io.parley.events.conversation.ConversationStatus;
import io.parley.events.state.ConversationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What the figures need to know about one conversation, derived by walking its events in {@code (time, id)} order.
 * The order is the events' own, not the log's, so any interleaving of the writers and any number of duplicates give
 * the same facts: a timeline is a set of events keyed by stamp.
 */
public record ConversationFacts(
        String conversationId,
        Channel channel,
        ConversationState state,
        List<Episode> episodes,
        List<Instant> messagesIn,
        List<Instant> messagesOut,
        List<Instant> botAnswers,
        List<String> answeredArticles,
        List<Unanswered> unanswered,
        List<Instant> csatRequests,
        List<Rating> ratings) {

    /** A customer question the bot could not answer, and when the bot gave up on it. */
    public record Unanswered(String question, Instant at) {
    }

    public record Rating(int score, Instant at) {
    }

    /** Handoff reasons that mean the knowledge base had no answer. */
    static final List<String> NO_ANSWER_REASONS = List.of("low-confidence", "no-answer");

    /** {@code events} must be in {@code (time, id)} order, without duplicates (see {@link ConversationTimeline}). */
    public static ConversationFacts derive(String conversationId, Channel channel, ConversationState state,
            Collection<Event> events) {
        Walk walk = new Walk();
        for (Event event : events) {
            walk.step(event);
        }
        return new ConversationFacts(conversationId, channel, state, List.copyOf(walk.episodes),
                List.copyOf(walk.messagesIn), List.copyOf(walk.messagesOut), List.copyOf(walk.botAnswers),
                List.copyOf(walk.articles), List.copyOf(walk.unanswered), List.copyOf(walk.csatRequests),
                List.copyOf(walk.ratings));
    }

    public Episode currentEpisode() {
        return episodes.isEmpty() ? null : episodes.get(episodes.size() - 1);
    }

    /** The team of the conversation now: the one handling it, else the last that handled it. */
    public String team() {
        String now = state.team();
        if (now != null) {
            return now;
        }
        Episode current = currentEpisode();
        return current == null ? null : current.team();
    }

    private static final class Walk {
        final List<Episode> episodes = new ArrayList<>();
        final List<Instant> messagesIn = new ArrayList<>();
        final List<Instant> messagesOut = new ArrayList<>();
        final List<Instant> botAnswers = new ArrayList<>();
        final List<String> articles = new ArrayList<>();
        final List<Unanswered> unanswered = new ArrayList<>();
        final List<Instant> csatRequests = new ArrayList<>();
        final List<Rating> ratings = new ArrayList<>();
        Episode current;
        boolean lastResolutionWasSolve;
        String lastQuestion;

        void step(Event event) {
            Instant at = event.time();
            Object data = event.data();
            if (data instanceof MessageReceived received) {
                messagesIn.add(at);
                if (current == null || current.resolvedAt != null) {
                    open(at, current != null && lastResolutionWasSolve);
                } else if (current.firstHumanReplyAt != null && current.awaiting == null) {
                    current.awaiting = new Episode.Wait(at);
                    current.nextReplyWaits.add(current.awaiting);
                }
                if (received.content() != null && received.content().text() != null) {
                    lastQuestion = received.content().text();
                }
            } else if (data instanceof MessageOutbound outbound) {
                messagesOut.add(at);
                AuthorKind author = outbound.author() == null ? null : outbound.author().kind();
                if (author == AuthorKind.AGENT || author == AuthorKind.EXTERNAL) {
                    humanReply(at, outbound.author().id());
                }
            } else if (data instanceof BotAnswered answered) {
                botAnswers.add(at);
                episode(at).botAnswered = true;
                if (answered.articleId() != null) {
                    articles.add(answered.articleId());
                }
            } else if (data instanceof HandoffRequested handoff) {
                Episode episode = episode(at);
                episode.handoffReasons.add(handoff.reason() == null ? "unknown" : handoff.reason());
                requestHuman(episode, at);
                if (lastQuestion != null && NO_ANSWER_REASONS.contains(handoff.reason())) {
                    unanswered.add(new Unanswered(lastQuestion, at));
                }
            } else if (data instanceof Queued queued) {
                Episode episode = episode(at);
                episode.queuedAt = earliest(episode.queuedAt, at);
                episode.team = queued.team();
                episode.queuePriority = queued.priority() == null ? episode.queuePriority : queued.priority();
                requestHuman(episode, at);
            } else if (data instanceof Assigned assigned) {
                Episode episode = episode(at);
                episode.assignedAt = earliest(episode.assignedAt, at);
                episode.team = assigned.team() == null ? episode.team : assigned.team();
                addAgent(episode, assigned.agentId());
                requestHuman(episode, at);
            } else if (data instanceof Transferred transferred) {
                Episode episode = episode(at);
                episode.transfers++;
                if (transferred.to() != null && transferred.to().team() != null) {
                    episode.team = transferred.to().team();
                }
                if (transferred.to() != null) {
                    addAgent(episode, transferred.to().agentId());
                }
            } else if (data instanceof TicketCreated ticket) {
                Episode episode = episode(at);
                episode.ticketAt = earliest(episode.ticketAt, at);
                episode.ticketPriority = ticket.priority() == null ? episode.ticketPriority : ticket.priority();
            } else if (data instanceof StatusChanged changed) {
                resolve(changed.status(), at);
            } else if (data instanceof SlaBreached breached && current != null && breached.metric() != null) {
                current.breaches.add(breached.metric());
                current.breachedPolicy = breached.policy() == null ? current.breachedPolicy : breached.policy();
                if (breached.metric() == SlaMetric.NEXT_REPLY && !current.nextReplyWaits.isEmpty()) {
                    // the wait it was due in: the open one, else (a reply raced the breach) the last one
                    current.nextReplyWaits.get(current.nextReplyWaits.size() - 1).breached = true;
                }
            } else if (data instanceof CsatRequested) {
                csatRequests.add(at);
            } else if (data instanceof CsatReceived csat) {
                ratings.add(new Rating(csat.score(), at));
            }
        }

        private void humanReply(Instant at, String agentId) {
            Episode episode = episode(at);
            addAgent(episode, agentId);
            if (episode.firstHumanReplyAt == null) {
                episode.firstHumanReplyAt = at;
                if (episode.humanRequestedAt == null) {
                    // a person wrote without being asked for: the customer waited since the episode began
                    episode.humanRequestedAt = episode.start;
                }
            } else if (episode.awaiting != null) {
                episode.awaiting.repliedAt = at;
            }
            episode.awaiting = null;
        }

        private static void addAgent(Episode episode, String agentId) {
            if (agentId != null) {
                episode.agents.add(agentId);
            }
        }

        private void resolve(ConversationStatus status, Instant at) {
            if (status != ConversationStatus.SOLVED && status != ConversationStatus.CLOSED) {
                return;
            }
            if (current != null && current.resolvedAt == null) {
                current.resolvedAt = at;
                current.closed = status == ConversationStatus.CLOSED;
                lastResolutionWasSolve = status == ConversationStatus.SOLVED;
            } else if (current != null && status == ConversationStatus.CLOSED) {
                // solved, then closed: a customer writing after this starts over
                lastResolutionWasSolve = false;
            }
        }

        private void requestHuman(Episode episode, Instant at) {
            episode.humanRequestedAt = earliest(episode.humanRequestedAt, at);
        }

        /** The episode an event belongs to; one starts when the conversation's first event is not a message. */
        private Episode episode(Instant at) {
            if (current == null || current.resolvedAt != null) {
                open(at, current != null && lastResolutionWasSolve);
            }
            return current;
        }

        private void open(Instant at, boolean reopened) {
            current = new Episode(at, reopened);
            episodes.add(current);
        }

        private static Instant earliest(Instant a, Instant b) {
            return a == null || b.isBefore(a) ? b : a;
        }
    }

    /** The text of a question as grouped in the unanswered list: case, punctuation and spacing ignored. */
    public static String normalizeQuestion(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}¿¡]+", " ").replaceAll("\\s+", " ").strip();
    }
}
