package io.parley.analytics.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every consumer group's lag per topic (end offset minus committed offset, summed over partitions), read with an
 * AdminClient: three cheap metadata calls per refresh, whatever the traffic. Includes analytics' own group
 * ({@code analytics-service}); the projection's own lag is {@code parley_analytics_projection_lag_records}.
 */
final class ConsumerGroupLag implements AutoCloseable {

    record Key(String group, String topic) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    ConsumerGroupLag(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "analytics-lag");
        this.admin = Admin.create(config);
    }

    Map<Key, Long> read() {
        try {
            Map<Key, Long> lag = new HashMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                committed.forEach((partition, offset) -> {
                    if (offset != null && ends.containsKey(partition)) {
                        lag.merge(new Key(group.groupId(), partition.topic()),
                                Math.max(0, ends.get(partition).offset() - offset.offset()), Long::sum);
                    }
                });
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read consumer-group offsets: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
