package io.parley.edge.config;

import io.parley.events.Topics;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Outside dev and test, like {@link ProductionConfigCheck}, the service does not start while one of Parley's topics
 * ({@link Topics#ALL}, which every service reads or writes through the log) is missing or has another retention or
 * cleanup policy than {@link Topics#creationConfig}: a log kept 7 days by a broker default loses the record for good,
 * so it is fatal like a missing key. Each problem is logged at ERROR with the command that fixes it.
 */
@ApplicationScoped
public class TopicSettingsCheck {

    private static final Logger LOG = Logger.getLogger(TopicSettingsCheck.class);

    void check(@Observes @Priority(2) StartupEvent startup,
               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        if (LaunchMode.current().isDevOrTest()) {
            return;
        }
        List<String> problems;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TopicSettings.TIMEOUT_SECONDS * 1000))) {
            problems = TopicSettings.problems(admin, Topics.ALL, bootstrapServers);
        }
        problems.forEach(problem -> LOG.errorf("topic settings: %s", problem));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start: " + problems.size() + " topic(s) not as Parley "
                    + "creates them: " + String.join("; ", problems));
        }
    }
}
