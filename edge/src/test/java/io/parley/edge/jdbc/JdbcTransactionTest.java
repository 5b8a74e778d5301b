package io.parley.edge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcTransactionTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void work_that_succeeds_is_committed() throws SQLException {
        Integer answer = JdbcTransaction.run(dataSource(), connection -> 42);
        assertThat(answer).isEqualTo(42);
        assertThat(calls).containsExactly("setAutoCommit(false)", "commit", "close");
    }

    @Test
    void an_error_thrown_by_the_work_rolls_back_before_the_connection_goes_back_to_the_pool() {
        // Left open, the transaction would be committed by the pool switching autocommit back on: claims without rows.
        assertThatThrownBy(() -> JdbcTransaction.run(dataSource(), connection -> {
            throw new StackOverflowError("a record too deep");
        })).isInstanceOf(StackOverflowError.class);
        assertThat(calls).containsExactly("setAutoCommit(false)", "rollback", "close");
    }

    @Test
    void a_failed_rollback_is_kept_beside_the_failure_that_caused_it() {
        assertThatThrownBy(() -> JdbcTransaction.run(dataSource("rollback"), connection -> {
            throw new SQLException("connection reset");
        })).hasMessage("connection reset").satisfies(failure -> assertThat(failure.getSuppressed())
                .singleElement().extracting(Throwable::getMessage).isEqualTo("rollback failed"));
    }

    /** A pool handing out one connection that records its calls; {@code failing} names a call that throws. */
    private DataSource dataSource(String... failing) {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String call = method.getName().equals("setAutoCommit") ? "setAutoCommit(" + args[0] + ")"
                            : method.getName();
                    calls.add(call);
                    if (List.of(failing).contains(call)) {
                        throw new SQLException(call + " failed");
                    }
                    return null;
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
