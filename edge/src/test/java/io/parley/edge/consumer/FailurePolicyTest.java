package io.parley.edge.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import io.parley.events.envelope.MalformedEventException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    @Test
    void an_unavailable_database_is_transient() {
        assertThat(FailurePolicy.classify(new SQLException("connection failure", "08006"))).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("too many connections", "53300")))
                .isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("terminating connection due to administrator command",
                "57P01"))).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("could not serialize access", "40001")))
                .isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLTransientConnectionException("Sorry, acquisition timeout!")))
                .isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void a_reactive_client_error_is_read_by_its_sql_state_wherever_it_is_in_the_causes() {
        Exception wrapped = new CompletionException(new IllegalStateException("projection failed",
                new ReactiveDatabaseException("the database system is shutting down", "57P03")));
        assertThat(FailurePolicy.classify(wrapped)).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new ReactiveDatabaseException("duplicate key value", "23505")))
                .isEqualTo(Failure.PERMANENT);
    }

    @Test
    void a_broker_or_network_outage_is_transient() {
        assertThat(FailurePolicy.classify(new ExecutionException(new TimeoutException("Expiring 1 record(s)"))))
                .isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new NotLeaderOrFollowerException("moved"))).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new ConnectException("Connection refused"))).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new SocketException("Connection reset"))).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new IOException("broken pipe"))).isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new IllegalStateException("Connection was closed")))
                .isEqualTo(Failure.TRANSIENT);
        assertThat(FailurePolicy.classify(new RuntimeException("Timeout waiting for a connection from the pool")))
                .isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void a_failure_of_the_record_itself_is_permanent() {
        assertThat(FailurePolicy.classify(new NullPointerException("content is null"))).isEqualTo(Failure.PERMANENT);
        assertThat(FailurePolicy.classify(new IllegalArgumentException("not a conversation id")))
                .isEqualTo(Failure.PERMANENT);
        assertThat(FailurePolicy.classify(new JsonParseException(null, "Unexpected character")))
                .isEqualTo(Failure.PERMANENT);
        assertThat(FailurePolicy.classify(new RecordTooLargeException("too large"))).isEqualTo(Failure.PERMANENT);
        assertThat(FailurePolicy.classify(new SQLException("value too long", "22001"))).isEqualTo(Failure.PERMANENT);
    }

    @Test
    void an_undecodable_record_is_parked_at_once() {
        assertThat(FailurePolicy.isUndecodable(new MalformedEventException("not JSON"))).isTrue();
        assertThat(FailurePolicy.isUndecodable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void a_record_is_parked_after_three_permanent_failures() {
        assertThat(IntStream.rangeClosed(1, 4).mapToObj(FailurePolicy::parks)).containsExactly(false, false, true, true);
    }

    @Test
    void the_backoff_doubles_from_100_ms_up_to_5_s() {
        assertThat(IntStream.of(1, 2, 3, 6, 7, 8, 1_000).mapToObj(FailurePolicy::backoff)).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(3_200),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** The shape of Vert.x's {@code DatabaseException}: a {@code getSqlState()} and no JDBC type. */
    public static final class ReactiveDatabaseException extends RuntimeException {
        private final String sqlState;

        ReactiveDatabaseException(String message, String sqlState) {
            super(message);
            this.sqlState = sqlState;
        }

        public String getSqlState() {
            return sqlState;
        }
    }

    @Test
    void only_a_stack_overflow_or_a_failed_assertion_is_an_error_of_the_records_own() {
        assertThat(FailurePolicy.isRecordsOwn(new StackOverflowError())).isTrue();
        assertThat(FailurePolicy.isRecordsOwn(new AssertionError("invariant"))).isTrue();
        assertThat(FailurePolicy.isRecordsOwn(new OutOfMemoryError("Java heap space"))).isFalse();
        assertThat(FailurePolicy.isRecordsOwn(new InternalError("jvm"))).isFalse();
        assertThat(FailurePolicy.isRecordsOwn(new NoClassDefFoundError("io/parley/Missing"))).isFalse();
        assertThat(FailurePolicy.isRecordsOwn(new ExceptionInInitializerError("static init"))).isFalse();
    }

    @Test
    void only_an_error_that_says_the_process_is_broken_is_rethrown() {
        FailurePolicy.rethrowIfFatal(new IllegalStateException("the record's"));
        FailurePolicy.rethrowIfFatal(new StackOverflowError());
        OutOfMemoryError broken = new OutOfMemoryError("heap");
        assertThatThrownBy(() -> FailurePolicy.rethrowIfFatal(broken)).isSameAs(broken);
    }
}
