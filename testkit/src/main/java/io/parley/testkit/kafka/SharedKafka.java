package io.parley.testkit.kafka;

import io.parley.events.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one broker of a test JVM: started on first use, with its data under
 * {@code target/parley-kafka-<pid>} of the working directory (the module, under Maven), and stopped when the
 * JVM exits. A test that stops or kills it (fault tests) may restart it itself; the next call here does it anyway.
 */
public final class SharedKafka {

    /**
     * Parley's topics and their partition counts, created on every start. The log gets several partitions so that
     * tests see per-key ordering hold across partitions, as in production.
     */
    public static final Map<String, Integer> TOPICS = Topics.ALL.stream().collect(Collectors.toUnmodifiableMap(
            Function.identity(), topic -> topic.equals(Topics.CONVERSATION_EVENTS) ? 3 : 1));

    private static KafkaBrokerProcess broker;

    private SharedKafka() {
    }

    /** The running shared broker, started (and Parley's topics created) if it is not running. */
    public static synchronized KafkaBrokerProcess broker() {
        if (broker == null) {
            broker = KafkaBrokerProcess.inDataDir(Path.of("target", "parley-kafka-" + ProcessHandle.current().pid()));
        }
        if (!broker.isRunning()) {
            broker.start();
            broker.createTopics(TOPICS);
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
