package io.parley.edge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One JDBC transaction on a connection of the pool: the work's statements commit together or, on any exception, not
 * at all. Blocking: for worker threads, never the event loop.
 */
public final class JdbcTransaction {

    /** A transaction's statements, on its connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private JdbcTransaction() {
    }

    /**
     * Runs {@code work} in a transaction and commits it; rolls back and rethrows whatever the work or the commit
     * threw, an {@link Error} too. A failed rollback (the connection is gone, PostgreSQL away) is kept as suppressed: the first failure
     * says why, and that is what the failure policy classifies.
     */
    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (Throwable e) {
                // Every failure, errors included: left open, the transaction would be committed when the pool
                // switches autocommit back on as it takes the connection back.
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }
}
