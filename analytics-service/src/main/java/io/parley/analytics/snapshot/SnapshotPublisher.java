package io.parley.analytics.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.analytics.AnalyticsSettings;
import io.parley.analytics.figures.Filter;
import io.parley.analytics.figures.Kpis;
import io.parley.analytics.figures.LiveFigures;
import io.parley.analytics.figures.Period;
import io.parley.analytics.figures.TenantProjection;
import io.parley.analytics.projection.AnalyticsRuntime;
import io.parley.events.Event;
import io.parley.events.Topics;
import io.parley.events.analytics.AnalyticsEvent;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.EventIds;
import io.parley.events.kafka.EventSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every {@code parley.analytics.snapshot-interval}, one {@code parley.analytics.snapshot.v1} per tenant to
 * {@code analytics-snapshots}: the live figures and today's KPIs, as the API serves them. The id is derived from the
 * tenant and the second it was taken, so a retried send is recognisable as the same snapshot.
 */
@Startup
@ApplicationScoped
public class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    private final AnalyticsRuntime runtime;
    private final ObjectMapper json;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "analytics-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    public SnapshotPublisher(AnalyticsRuntime runtime, ObjectMapper json, AnalyticsSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.runtime = runtime;
        this.json = json;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "analytics-snapshots");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        long every = settings.snapshotInterval().toMillis();
        timer.scheduleAtFixedRate(this::publishAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Sends every tenant's snapshot now. */
    public void publishAll() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (TenantProjection tenant : runtime.projection().tenants()) {
            try {
                Event snapshot = snapshot(tenant, now);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ANALYTICS_SNAPSHOTS,
                        tenant.tenant(), EventCodec.encode(snapshot));
                record.headers().add(EventSerializer.CONTENT_TYPE_HEADER,
                        EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warnf("snapshot of %s not sent (%s); the next one follows in one interval",
                                tenant.tenant(), failure.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("snapshot of %s not taken: %s", tenant.tenant(), e.getMessage());
            }
        }
    }

    Event snapshot(TenantProjection tenant, Instant now) {
        LiveFigures live = tenant.read(t -> LiveFigures.compute(t, Filter.ALL, now, runtime.slaRules()));
        Kpis today = tenant.read(t -> Kpis.compute(t, Filter.ALL, Period.of("today", null, null, t.zone(), now), now,
                runtime.slaRules()));
        String zone = tenant.read(t -> t.zone().getId());
        return new Event(EventIds.nameBased("analytics-snapshot:" + tenant.tenant() + ":" + now).toString(),
                "/analytics", tenant.tenant(), now, tenant.tenant(), null,
                new AnalyticsEvent.Snapshot(now, zone, json.valueToTree(live), json.valueToTree(today)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
