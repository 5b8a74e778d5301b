package io.parley.edge.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.edge.consumer.RecordProcessor.Outcome;
import io.parley.events.envelope.MalformedEventException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordProcessorTest {

    private static final ConsumerRecord<String, byte[]> RECORD =
            new ConsumerRecord<>("conversation-events", 1, 42, "wa:acme:1", new byte[] {1, 2, 3});

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerReadiness readiness = new ConsumerReadiness();
    private final List<Throwable> parked = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Boolean> readyDuringPauses = new ArrayList<>();
    private final RecordProcessor processor = new RecordProcessor("ticket", (record, failure, whole) -> parked.add(failure),
            new ConsumerMetrics(registry), readiness, duration -> {
                pauses.add(duration);
                readyDuringPauses.add(readiness.isUp());
            });

    @Test
    void a_transient_failure_is_retried_with_backoff_and_readiness_down_until_it_passes_and_never_parks() {
        AtomicInteger attempts = new AtomicInteger();
        Outcome outcome = processor.process(RECORD, record -> {
            if (attempts.incrementAndGet() <= 10) {
                throw new ConnectException("Connection refused");
            }
        });

        assertThat(outcome).isEqualTo(Outcome.PROCESSED);
        assertThat(attempts).hasValue(11);
        assertThat(parked).isEmpty();
        assertThat(pauses).hasSize(10).startsWith(Duration.ofMillis(100), Duration.ofMillis(200))
                .endsWith(Duration.ofSeconds(5));
        assertThat(readyDuringPauses).containsOnly(false);
        assertThat(readiness.isUp()).isTrue();
        assertThat(registry.counter("parley.consumer.retries", "service", "ticket", "topic", "conversation-events")
                .count()).isEqualTo(10);
    }

    @Test
    void a_record_that_fails_the_same_way_three_times_is_parked_and_counted() {
        AtomicInteger attempts = new AtomicInteger();
        Outcome outcome = processor.process(RECORD, record -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("content is null");
        });

        assertThat(outcome).isEqualTo(Outcome.PARKED);
        assertThat(attempts).hasValue(3);
        assertThat(parked).singleElement().extracting(Throwable::getMessage).isEqualTo("content is null");
        assertThat(readyDuringPauses).containsOnly(true);
        assertThat(deadLetters("unprocessable")).isEqualTo(1);
    }

    @Test
    void a_stack_overflow_or_assertion_error_from_one_record_is_that_records_failure_and_the_consumer_goes_on() {
        AtomicInteger attempts = new AtomicInteger();
        Outcome deep = processor.process(RECORD, record -> {
            attempts.incrementAndGet();
            recurse(0);
        });
        Outcome broken = processor.process(RECORD, record -> {
            throw new AssertionError("a solved conversation has no assignee");
        });
        Outcome next = processor.process(RECORD, record -> { });

        assertThat(deep).isEqualTo(Outcome.PARKED);
        assertThat(attempts).hasValue(3);
        assertThat(broken).isEqualTo(Outcome.PARKED);
        assertThat(parked).extracting(Throwable::getClass)
                .containsExactly(StackOverflowError.class, AssertionError.class);
        assertThat(next).isEqualTo(Outcome.PROCESSED);
        assertThat(deadLetters("unprocessable")).isEqualTo(2);
    }

    @Test
    void an_out_of_memory_error_is_the_processes_not_the_records_and_is_not_swallowed() {
        assertThatThrownBy(() -> processor.process(RECORD, record -> {
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() -> processor.process(RECORD, record -> {
            throw new NoClassDefFoundError("io/parley/Missing");
        })).isInstanceOf(NoClassDefFoundError.class);

        assertThat(parked).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void an_undecodable_record_is_parked_at_the_first_attempt() {
        Outcome outcome = processor.process(RECORD, record -> {
            throw new MalformedEventException("not JSON");
        });

        assertThat(outcome).isEqualTo(Outcome.PARKED);
        assertThat(pauses).isEmpty();
        assertThat(deadLetters("malformed")).isEqualTo(1);
    }

    @Test
    void a_record_the_work_calls_unprocessable_is_parked_at_the_first_attempt() {
        AtomicInteger attempts = new AtomicInteger();
        Outcome outcome = processor.process(RECORD, record -> {
            attempts.incrementAndGet();
            throw new UnprocessableRecordException("the fold cannot take it", new IllegalStateException("bug"));
        });

        assertThat(outcome).isEqualTo(Outcome.PARKED);
        assertThat(attempts).hasValue(1);
        assertThat(deadLetters("unprocessable")).isEqualTo(1);
    }

    @Test
    void parking_waits_for_the_broker_when_it_is_away() {
        AtomicInteger parkAttempts = new AtomicInteger();
        RecordProcessor brokerAway = new RecordProcessor("ticket", (record, failure, whole) -> {
            if (parkAttempts.incrementAndGet() <= 2) {
                throw new org.apache.kafka.common.errors.TimeoutException("broker away");
            }
        }, new ConsumerMetrics(registry), readiness, duration -> readyDuringPauses.add(readiness.isUp()));

        Outcome outcome = brokerAway.process(RECORD, record -> {
            throw new MalformedEventException("not JSON");
        });

        assertThat(outcome).isEqualTo(Outcome.PARKED);
        assertThat(parkAttempts).hasValue(3);
        assertThat(readyDuringPauses).containsExactly(false, false);
        assertThat(readiness.isUp()).isTrue();
        assertThat(deadLetters("malformed")).isEqualTo(1);
    }

    @Test
    void a_record_the_dead_letter_topic_refuses_whole_is_parked_as_a_stand_in() {
        List<Boolean> wholeAttempts = new ArrayList<>();
        RecordProcessor tooLarge = new RecordProcessor("ticket", (record, failure, whole) -> {
            wholeAttempts.add(whole);
            if (whole) {
                throw new org.apache.kafka.common.errors.RecordTooLargeException("1048700 bytes");
            }
        }, new ConsumerMetrics(registry), readiness, pauses::add);

        Outcome outcome = tooLarge.process(RECORD, record -> {
            throw new MalformedEventException("not JSON");
        });

        assertThat(outcome).isEqualTo(Outcome.PARKED);
        assertThat(wholeAttempts).containsExactly(true, false);
        assertThat(pauses).isEmpty();
        assertThat(deadLetters("malformed")).isEqualTo(1);
    }

    @Test
    void a_record_the_dead_letter_topic_refuses_even_as_a_stand_in_is_left_counted_and_the_consumer_goes_on() {
        AtomicInteger parkAttempts = new AtomicInteger();
        RecordProcessor forbidden = new RecordProcessor("ticket", (record, failure, whole) -> {
            parkAttempts.incrementAndGet();
            throw new org.apache.kafka.common.errors.TopicAuthorizationException("not allowed to write the DLQ");
        }, new ConsumerMetrics(registry), readiness, pauses::add);

        Outcome outcome = forbidden.process(RECORD, record -> {
            throw new MalformedEventException("not JSON");
        });

        assertThat(outcome).isEqualTo(Outcome.UNPARKABLE);
        assertThat(parkAttempts).hasValue(2);
        assertThat(readiness.isUp()).isTrue();
        assertThat(deadLetters("unparkable")).isEqualTo(1);
    }

    @Test
    void an_interrupted_wait_gives_the_record_back_undone() {
        RecordProcessor stopping = new RecordProcessor("ticket", (record, failure, whole) -> parked.add(failure),
                new ConsumerMetrics(registry), readiness, duration -> {
                    throw new InterruptedException("shutdown");
                });

        Outcome outcome = stopping.process(RECORD, record -> {
            throw new ConnectException("Connection refused");
        });

        assertThat(outcome).isEqualTo(Outcome.INTERRUPTED);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(parked).isEmpty();
        assertThat(readiness.isUp()).isTrue();
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private double deadLetters(String reason) {
        return registry.counter("parley.dead.letters", "service", "ticket", "topic", "conversation-events",
                "reason", reason).count();
    }
}
