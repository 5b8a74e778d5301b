package io.parley.ingest.outbound;

import io.parley.events.EventTypes;
import io.parley.events.conversation.ConversationEvent.MessageDelivery;
import io.parley.events.kafka.LogReplay;
import io.parley.ingest.IngestChannels;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before this instance reads a newly assigned partition, it reads that partition once to its end and notes every
 * delivery event in the {@link DeliveryLedger}. An outbound record redelivered after a crash or a rebalance comes
 * before its own delivery event in the log; without this look-ahead it would be sent a second time.
 */
@ApplicationScoped
@Identifier(IngestChannels.LEDGER_LISTENER)
public class DeliveryLedgerCatchUp implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(DeliveryLedgerCatchUp.class);
    private static final byte[] DELIVERY_TYPE =
            EventTypes.typeOf(MessageDelivery.class).getBytes(StandardCharsets.UTF_8);

    private final DeliveryLedger ledger;
    private final LogReplay log;

    public DeliveryLedgerCatchUp(DeliveryLedger ledger,
                                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.ledger = ledger;
        this.log = new LogReplay(bootstrapServers);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        int before = ledger.size();
        // Only delivery events matter here: skip parsing the JSON of every other record of the log.
        log.toEnd(partitions, value -> indexOf(value, DELIVERY_TYPE) >= 0, ledger::observe);
        LOG.infof("delivery ledger caught up on %s: %d known deliveries (+%d)", partitions, ledger.size(),
                ledger.size() - before);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
