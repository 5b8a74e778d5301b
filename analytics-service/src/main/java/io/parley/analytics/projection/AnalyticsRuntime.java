package io.parley.analytics.projection;

import io.parley.analytics.AnalyticsSettings;
import io.parley.analytics.figures.Projection;
import io.parley.analytics.figures.SlaTargets;
import io.parley.analytics.figures.TenantProjection;
import io.parley.analytics.live.LivePushes;
import io.parley.analytics.metrics.BusinessMetrics;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
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
    private final SlaTargets slaTargets;

    public AnalyticsRuntime(AnalyticsSettings settings, DataSource dataSource, BusinessMetrics metrics,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pushes = new LivePushes(settings.livePushInterval());
        this.slaTargets = new SlaTargets(settings.sla().firstReply(), settings.sla().nextReply(),
                settings.sla().atRiskWithin());
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
                }, settings.checkpointInterval(), RetryPolicy.DEFAULT).start();
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

    public SlaTargets slaTargets() {
        return slaTargets;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        pushes.close();
        follower.close();
    }
}
