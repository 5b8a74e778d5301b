package io.parley.analytics.projection;

import io.parley.edge.jdbc.JdbcTransaction;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;

/**
 * Checkpoints in PostgreSQL: one row per tenant (its kept events as gzipped CloudEvents lines) and one row per log
 * partition, written in one transaction. Rows are written one statement each, not as a JDBC batch: a checkpoint has a
 * few dozen rows, and pgjdbc's batch handler asserts (under {@code -ea}) when the connection is lost mid-batch,
 * turning an outage into an {@code AssertionError} instead of the connection error the retry waits out.
 */
public final class JdbcCheckpointStore implements Checkpoint.Store {

    private final DataSource dataSource;

    public JdbcCheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Checkpoint load() throws SQLException, IOException {
        Map<String, List<Event>> tenants = new HashMap<>();
        Map<String, Long> positions = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement select = connection.prepareStatement(
                    "select tenant, events from analytics_tenant_checkpoint");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tenants.put(rows.getString(1), events(rows.getBytes(2)));
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select topic, partition_number, next_offset from analytics_log_position");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.put(Checkpoint.key(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
            connection.commit();
        }
        return new Checkpoint(tenants, positions);
    }

    @Override
    public void save(Map<String, List<Event>> tenants, Map<String, Long> positions) throws SQLException {
        JdbcTransaction.run(dataSource, connection -> {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement upsert = connection.prepareStatement("insert into analytics_tenant_checkpoint"
                    + " (tenant, events, saved_at) values (?, ?, ?) on conflict (tenant) do update set"
                    + " events = excluded.events, saved_at = excluded.saved_at")) {
                for (Map.Entry<String, List<Event>> tenant : tenants.entrySet()) {
                    upsert.setString(1, tenant.getKey());
                    upsert.setBytes(2, bytes(tenant.getValue()));
                    upsert.setTimestamp(3, now);
                    upsert.executeUpdate();
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement("insert into analytics_log_position"
                    + " (topic, partition_number, next_offset) values (?, ?, ?) on conflict (topic, partition_number)"
                    + " do update set next_offset = excluded.next_offset")) {
                for (Map.Entry<String, Long> position : positions.entrySet()) {
                    int colon = position.getKey().lastIndexOf(':');
                    upsert.setString(1, position.getKey().substring(0, colon));
                    upsert.setInt(2, Integer.parseInt(position.getKey().substring(colon + 1)));
                    upsert.setLong(3, position.getValue());
                    upsert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** A tenant's kept events as stored: gzipped CloudEvents lines. */
    public static byte[] bytes(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            for (Event event : events) {
                zip.write(EventCodec.encode(event));
                zip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static List<Event> events(byte[] bytes) throws IOException {
        List<Event> events = new ArrayList<>();
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            String[] lines = new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (!line.isBlank()) {
                    EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)).ifPresent(events::add);
                }
            }
        }
        return events;
    }
}
