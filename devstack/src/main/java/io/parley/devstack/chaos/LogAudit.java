package io.parley.devstack.chaos;

import io.parley.events.Event;
import io.parley.events.conversation.ConversationEvent.DeliveryOutcome;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.events.envelope.MalformedEventException;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a run left where Parley keeps it: the customer messages in {@code conversation-events} (the event ids each was
 * logged under) and in the ticket projection's {@code messages} table. Only messages whose channel id carries the
 * run's id count.
 */
final class LogAudit {

    /**
     * The run's customer messages in the log: channel message id → the ids of the events logged for it (one, however
     * often it was appended: a second id would be a second message).
     */
    record Logged(Map<String, Set<String>> eventIds) {

        /** Messages logged under more than one event id. */
        long duplicated() {
            return eventIds.values().stream().filter(ids -> ids.size() > 1).count();
        }
    }

    private LogAudit() {
    }

    /**
     * The run's events between the two marks of {@code conversation-events} (those of its customers' conversations,
     * whose ids carry the run's id), each conversation's in log order.
     */
    static List<Event> events(TopicProbe probe, TopicMark from, TopicMark to, String runId) {
        List<Event> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : probe.between(from, to)) {
            Optional<Event> event;
            try {
                event = EventCodec.decode(record.value());
            } catch (MalformedEventException unreadable) {
                // a poison record (poison-graph puts them there): no customer's event, the consumers park it
                continue;
            }
            event.filter(decoded -> decoded.subject() != null && decoded.subject().contains(runId))
                    .ifPresent(events::add);
        }
        return events;
    }

    /** The run's customer messages among its events. */
    static Logged logged(List<Event> events, String runId) {
        Map<String, Set<String>> eventIds = new HashMap<>();
        for (Event event : events) {
            if (event.data() instanceof MessageReceived message && message.channelMessageId().contains(runId)) {
                eventIds.computeIfAbsent(message.channelMessageId(), id -> new HashSet<>()).add(event.id());
            }
        }
        return new Logged(eventIds);
    }

    /** The deliveries the channels did not accept, by their error's title (outcome unknown, refused …). */
    static Map<String, Long> failedDeliveries(List<Event> events) {
        Map<String, Long> failed = new TreeMap<>();
        for (Event event : events) {
            if (event.data() instanceof MessageDelivery delivery && delivery.outcome() == DeliveryOutcome.FAILED) {
                failed.merge(delivery.error() == null ? "no error" : delivery.error().title(), 1L, Long::sum);
            }
        }
        return failed;
    }
    /** The channel ids of the run's customer messages the ticket projection holds. */
    static Set<String> projected(DatabaseCoordinates ticket, String runId) {
        try (Connection connection = DriverManager.getConnection(ticket.jdbcUrl(), ticket.user(), ticket.password());
             PreparedStatement query = connection.prepareStatement("SELECT DISTINCT channel_message_id FROM messages"
                     + " WHERE direction = 'inbound' AND strpos(channel_message_id, ?) > 0")) {
            query.setString(1, runId);
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the ticket projection in " + ticket.database() + ": "
                    + e.getMessage(), e);
        }
    }
}
