package io.parley.bot.tenant;

import io.parley.bot.BotChannels;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Tells every running instance that a tenant's documents changed: a record {@code tenant -> change id} on
 * {@value BotChannels#TENANT_CHANGES_TOPIC}, which each instance reads in a consumer group of its own. The writing
 * instance rebuilds at once and skips its own notification when it comes back.
 */
@ApplicationScoped
public class TenantChanges {

    private final Set<String> ownChanges = ConcurrentHashMap.newKeySet();

    @Inject
    @Channel(BotChannels.TENANT_CHANGES_OUT)
    MutinyEmitter<String> notifications;

    @Inject
    TenantBots bots;

    public Uni<Void> announce(String tenant) {
        String changeId = UUID.randomUUID().toString();
        ownChanges.add(changeId);
        bots.refresh(tenant);
        return notifications.sendMessage(Message.of(changeId).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(tenant).build()));
    }

    @Incoming(BotChannels.TENANT_CHANGES_IN)
    public void changed(ConsumerRecord<String, String> notification) {
        if (notification.key() != null && !ownChanges.remove(notification.value())) {
            bots.refresh(notification.key());
        }
    }
}
