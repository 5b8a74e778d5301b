package io.parley.analytics.projection;

import io.parley.analytics.AnalyticsSettings;
import io.parley.analytics.figures.Projection;
import io.parley.analytics.figures.SlaRules;
import io.parley.analytics.figures.TenantProjection;
import io.parley.analytics.live.LivePushes;
import io.parley.analytics.metrics.BusinessMetrics;
import io.parley.edge.consumer.RecordProcessor;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.SlaPolicies;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The projection, its follower and the live pushes, started with the service and closed with it. */
@Startup
@ApplicationScoped
public class AnalyticsRuntime {

    /** The logs the figures are folded from. */
    public static final List<String> TOPICS = List.of(Topics.CONVERSATION_EVENTS, Topics.AGENT_EVENTS,
            Topics.WORKSPACE_EVENTS);

    private final Projection projection = new Projection();
    private final LivePushes pushes;
    private final ProjectionFollower follower;
    private final SlaRules slaRules;

    public AnalyticsRuntime(AnalyticsSettings settings, DataSource dataSource, BusinessMetrics metrics,
            RecordProcessor records, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pushes = new LivePushes(settings.livePushInterval());
        Config config = ConfigProvider.getConfig();
        Function<String, Optional<String>> lookup = key -> config.getOptionalValue(key, String.class);
        this.slaRules = new SlaRules(SlaPolicies.read(lookup),
                BusinessCalendar.configured(config.getPropertyNames(), lookup), settings.sla().atRiskWithin());
        this.follower = new ProjectionFollower(bootstrapServers, TOPICS, projection,
                new JdbcCheckpointStore(dataSource), new ProjectionFollower.Listener() {
                    @Override
                    public void folded(Event event, TenantProjection tenant, boolean live) {
                        metrics.folded(event, tenant, live);
                    }

                    @Override
                    public void changed(Set<String> tenants) {
                        tenants.forEach(pushes::changed);
                    }
                }, settings.checkpointInterval(), records).start();
        metrics.watch(this);
    }

    public Projection projection() {
        return projection;
    }

    public LivePushes pushes() {
        return pushes;
    }

    public ProjectionFollower follower() {
        return follower;
    }

    /** The ticket service's SLA policies and calendars, from the shared configuration keys. */
    public SlaRules slaRules() {
        return slaRules;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        pushes.close();
        follower.close();
    }
}
