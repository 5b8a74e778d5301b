package io.parley.ticket.projection;

import io.parley.events.kafka.DeadLetterHeaders;
import io.parley.ticket.publish.Channels;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Parks poison records byte-for-byte in {@code conversation-events.dlq.ticket}, with why and where they came from
 * ({@link DeadLetterHeaders}).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel(Channels.DEAD_LETTERS_OUT)
    MutinyEmitter<byte[]> deadLetters;


    public Uni<Void> park(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("parking record %s-%d@%d in the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.addTo(headers, record, reason);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return deadLetters.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build()));
    }
}
