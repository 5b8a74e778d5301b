package io.parley.deploy;

import io.parley.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Compares the topics a deployment declares with what the code needs and with the settings {@link Topics} gives. */
final class TopicCheck {

    private static final Set<String> RETENTION_KEYS = Set.of("cleanup.policy", "retention.ms", "retention.bytes");

    /**
     * A topic as a deployment declares it.
     *
     * @param partitions its partitions
     * @param replicas   its replication factor
     * @param config     its topic-level settings, as strings
     */
    record Declared(int partitions, int replicas, Map<String, String> config) {
    }

    private TopicCheck() {
    }

    /** Every topic the code uses: {@link Topics#ALL} and what each service's properties and sources name. */
    static Set<String> requiredBy(Collection<ServiceModule> services) {
        Set<String> required = new TreeSet<>(Topics.ALL);
        services.forEach(service -> required.addAll(service.topics()));
        return required;
    }

    /** What is wrong, one line a problem: a required topic missing, or a declared one unlike {@link Topics}. */
    static List<String> problems(Set<String> required, Map<String, Declared> declared, int replicas) {
        List<String> problems = new ArrayList<>();
        required.stream().filter(topic -> !declared.containsKey(topic))
                .forEach(topic -> problems.add(topic + ": used by the code but not declared"));
        declared.forEach((topic, settings) -> {
            if (settings.partitions() != Topics.partitions(topic)) {
                problems.add(topic + ": " + settings.partitions() + " partitions, Topics.partitions says "
                        + Topics.partitions(topic));
            }
            if (settings.replicas() != replicas) {
                problems.add(topic + ": replication " + settings.replicas() + ", expected " + replicas);
            }
            Map<String, String> expected = Topics.creationConfig(topic);
            for (String key : RETENTION_KEYS) {
                if (!Objects.equals(settings.config().get(key), expected.get(key))) {
                    problems.add(topic + ": " + key + "=" + settings.config().get(key) + ", Topics.creationConfig says "
                            + expected.get(key));
                }
            }
        });
        return problems;
    }
}
