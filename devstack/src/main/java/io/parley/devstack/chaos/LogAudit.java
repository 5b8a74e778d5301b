package io.parley.devstack.chaos;

import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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

    /** The run's messages logged between the two marks of {@code conversation-events}. */
    static Logged logged(TopicProbe probe, TopicMark from, TopicMark to, String runId) {
        Map<String, Set<String>> eventIds = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : probe.between(from, to)) {
            EventCodec.decode(record.value()).ifPresent(event -> {
                if (event.data() instanceof MessageReceived message && message.channelMessageId().contains(runId)) {
                    eventIds.computeIfAbsent(message.channelMessageId(), id -> new HashSet<>()).add(event.id());
                }
            });
        }
        return new Logged(eventIds);
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
