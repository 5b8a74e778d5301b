package io.parley.testkit.kafka;

/**
 * Main class of the broker JVM: runs {@code kafka.Kafka} and shuts it down once the JVM that launched it is gone,
 * so a test JVM killed without running its shutdown hooks (kill -9, a Surefire timeout) leaves no broker behind.
 * {@link KafkaBrokerProcess} copies this class file next to the broker classpath, so it may use only the JDK and
 * the broker's own jars.
 */
public final class ParentBoundKafka {

    private ParentBoundKafka() {
    }

    public static void main(String[] args) {
        // System.exit runs Kafka's own shutdown hook: a clean stop, logs flushed.
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> System.exit(1)));
        kafka.Kafka.main(args);
    }
}
