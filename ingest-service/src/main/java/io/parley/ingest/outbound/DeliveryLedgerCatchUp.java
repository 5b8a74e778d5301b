package io.parley.ingest.outbound;

import io.parley.ingest.IngestChannels;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Before this instance reads newly assigned partitions, it reads what the outbound ledger gained since it last looked
 * (another instance's attempts and settlements, or its own before a restart). An outbound record redelivered after a
 * crash or a rebalance is then recognised as settled (skipped) or attempted (outcome unknown, not resent).
 */
@ApplicationScoped
@Identifier(IngestChannels.LEDGER_LISTENER)
public class DeliveryLedgerCatchUp implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(DeliveryLedgerCatchUp.class);

    private final DeliveryLedger ledger;
    private final LedgerLog journal;

    public DeliveryLedgerCatchUp(DeliveryLedger ledger, LedgerLog journal) {
        this.ledger = ledger;
        this.journal = journal;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        int applied = journal.catchUp(ledger, Clock.systemUTC().instant());
        LOG.infof("outbound ledger caught up before reading %s: %d entries read, %d known", partitions, applied,
                ledger.size());
    }
}
