package io.parley.edge.config;

import io.parley.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether the topics exist with the retention and cleanup policy {@link Topics#creationConfig} gives them, as the
 * broker describes them. A topic the broker auto-created, or someone created by hand, has the broker's defaults (7
 * days, then deleted), which silently ages out a log that is a record; each problem names the topic, the setting, the
 * value found and the one expected, and the command that fixes it.
 */
public final class TopicSettings {

    static final long TIMEOUT_SECONDS = 30;

    private TopicSettings() {
    }

    /**
     * @param admin            a client of the cluster
     * @param topics           the topics to check
     * @param bootstrapServers the cluster's address as the fix commands name it
     * @return every problem, one line each; empty when every topic is as {@link Topics} creates it
     * @throws IllegalStateException when the broker does not describe them within {@value #TIMEOUT_SECONDS} s
     */
    public static List<String> problems(Admin admin, Collection<String> topics, String bootstrapServers) {
        Map<String, KafkaFuture<Config>> described = new TreeMap<>();
        admin.describeConfigs(topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList()).values().forEach((resource, config) -> described.put(resource.name(), config));
        List<String> problems = new ArrayList<>();
        described.forEach((topic, config) -> {
            Optional<Map<String, String>> found = read(topic, config, bootstrapServers);
            if (found.isEmpty()) {
                problems.add(topic + " does not exist: create it with kafka-topics.sh --bootstrap-server "
                        + bootstrapServers + " --create --topic " + topic + " --partitions " + Topics.partitions(topic)
                        + " --config " + String.join(" --config ", settings(Topics.creationConfig(topic))));
            } else {
                problems.addAll(mismatches(topic, found.get(), bootstrapServers));
            }
        });
        return problems;
    }

    /** Each setting of {@link Topics#creationConfig} that {@code found} (the topic's settings) does not have. */
    static List<String> mismatches(String topic, Map<String, String> found, String bootstrapServers) {
        Map<String, String> expected = new TreeMap<>(Topics.creationConfig(topic));
        String fix = "kafka-configs.sh --bootstrap-server " + bootstrapServers + " --alter --entity-type topics "
                + "--entity-name " + topic + " --add-config " + String.join(",", settings(expected));
        return expected.entrySet().stream()
                .filter(setting -> !Objects.equals(found.get(setting.getKey()), setting.getValue()))
                .map(setting -> topic + ": " + setting.getKey() + " is " + found.get(setting.getKey()) + ", expected "
                        + setting.getValue() + " (Topics.creationConfig); fix with " + fix)
                .toList();
    }

    /** {@code key=value} for each setting, in key order. */
    private static List<String> settings(Map<String, String> config) {
        return new TreeMap<>(config).entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue())
                .toList();
    }

    /** The topic's settings; empty when it does not exist. */
    private static Optional<Map<String, String>> read(String topic, KafkaFuture<Config> config, String bootstrapServers) {
        try {
            return Optional.of(config.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entries().stream()
                    .filter(entry -> entry.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value)));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot read the settings of topic " + topic + " from " + bootstrapServers,
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " did not describe topic " + topic
                    + " within " + TIMEOUT_SECONDS + " s: is it up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the settings of topic " + topic, e);
        }
    }
}
