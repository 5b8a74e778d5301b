package io.parley.analytics.tally;

import io.parley.edge.jdbc.JdbcTransaction;
import io.parley.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** The tally's writes: many events in one transaction, each counted once by its id. */
@ApplicationScoped
public class TallyStore {

    private final DataSource dataSource;

    public TallyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Counts {@code events} in one transaction and one statement: one row per event id, an id already counted
     * (redelivery, or twice in the list) is skipped. Either all of them are counted or, on an exception, none.
     * One multi-row insert rather than a JDBC batch: one round trip, and no pgjdbc batch handler, whose internal
     * assertion (under {@code -ea}) turns a connection lost mid-batch into an {@code AssertionError} instead of the
     * connection error it is.
     */
    public void count(List<Event> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "insert into tallied_event (event_id, tenant, type, conversation_id, occurred_at) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        sql.append(" on conflict (event_id) do nothing");
        JdbcTransaction.run(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int parameter = 0;
                for (Event event : events) {
                    insert.setString(++parameter, event.id());
                    insert.setString(++parameter, event.tenant());
                    insert.setString(++parameter, event.type());
                    insert.setString(++parameter, event.subject());
                    insert.setObject(++parameter, event.time().atOffset(ZoneOffset.UTC));
                }
                return insert.executeUpdate();
            }
        });
    }
}
