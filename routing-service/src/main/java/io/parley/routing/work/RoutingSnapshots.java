package io.parley.routing.work;

import io.parley.events.Topics;
import io.parley.routing.decider.TenantRouter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Snapshots of the work topic's partitions in {@link Topics#ROUTING_SNAPSHOTS}, so that a start or a rebalance folds a
 * partition from its last snapshot, not from its beginning. The snapshot of work partition {@code p} is written to
 * partition {@code p} of the snapshot topic: its chunks (at most {@link #CHUNK_BYTES} each, keyed {@code p/i}), then a
 * manifest (keyed {@code p}) naming the snapshot, the work offset it covers and where its chunks are. The last record
 * of the partition is the latest manifest, and compaction keeps it and its chunks (the latest of their keys). Any
 * snapshot is the state at its offset whoever wrote it (the fold is deterministic), so a zombie owner writing an older
 * one costs only a longer catch-up. A write cut short leaves the snapshot before it as the latest readable one; a
 * snapshot that cannot be read (chunks compacted away, another version, topic too small) is logged and the partition
 * is replayed from its beginning, as before snapshots.
 */
final class RoutingSnapshots {

    /** Below the broker's default record size limit (1 MiB), with room for the record's own overhead. */
    static final int CHUNK_BYTES = 512 * 1024;

    private static final Logger LOG = Logger.getLogger(RoutingSnapshots.class);
    private static final String MANIFEST_HEADER = "routing-snapshot-manifest";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** Records read back from the end per step of the search for the latest manifest (a snapshot's chunks + 1). */
    private static final long MANIFEST_SEARCH_WINDOW = 8;

    private final KafkaClients clients;
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    RoutingSnapshots(KafkaClients clients, KafkaProducer<String, byte[]> producer) {
        this(clients, producer, Topics.ROUTING_SNAPSHOTS);
    }

    /** On {@code topic}: tests keep snapshots of a work topic of their own apart. */
    RoutingSnapshots(KafkaClients clients, KafkaProducer<String, byte[]> producer, String topic) {
        this.clients = clients;
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Writes the state of {@code workPartition} after its records below {@code offset}; returns once Kafka has it.
     * A failure is logged, not thrown: the previous snapshot stays valid, only older.
     */
    void write(TopicPartition workPartition, long offset, List<TenantRouter.State> tenants) {
        long started = System.nanoTime();
        try {
            byte[] bytes = PartitionSnapshot.of(offset, tenants).encode();
            String id = UUID.randomUUID().toString();
            int partition = workPartition.partition();
            List<Future<RecordMetadata>> chunks = new ArrayList<>();
            for (int from = 0, i = 0; from < bytes.length || i == 0; from += CHUNK_BYTES, i++) {
                byte[] chunk = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES));
                chunks.add(producer.send(new ProducerRecord<>(topic, partition, partition + "/" + i, chunk)));
            }
            List<Long> chunkOffsets = new ArrayList<>();
            for (Future<RecordMetadata> chunk : chunks) {
                chunkOffsets.add(chunk.get().offset());
            }
            ProducerRecord<String, byte[]> manifest = new ProducerRecord<>(topic, partition, String.valueOf(partition),
                    new Manifest(id, offset, chunkOffsets).encode());
            manifest.headers().add(MANIFEST_HEADER, id.getBytes(StandardCharsets.UTF_8));
            producer.send(manifest).get();
            LOG.infof("routing snapshot of %s at offset %d written (%d tenants, %d bytes in %d chunks, %d ms)",
                    workPartition, offset, tenants.size(), bytes.length, chunkOffsets.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.warnf(e, "routing snapshot of %s at offset %d not written; the last one stays", workPartition, offset);
        }
    }

    /** The latest snapshot of {@code workPartition}; empty when there is none or it cannot be read. */
    Optional<PartitionSnapshot> read(TopicPartition workPartition) {
        TopicPartition snapshots = new TopicPartition(topic, workPartition.partition());
        try (KafkaConsumer<String, byte[]> consumer = clients.groupless()) {
            if (consumer.partitionsFor(topic, READ_TIMEOUT).size() <= workPartition.partition()) {
                LOG.warnf("%s has no partition %d: %s is replayed from its beginning", topic,
                        workPartition.partition(), workPartition);
                return Optional.empty();
            }
            consumer.assign(List.of(snapshots));
            long end = consumer.endOffsets(List.of(snapshots), READ_TIMEOUT).get(snapshots);
            if (end == 0) {
                return Optional.empty();
            }
            ConsumerRecord<String, byte[]> last = latestManifest(consumer, snapshots, end);
            Manifest manifest = Manifest.decode(last.value());
            TreeMap<Long, ConsumerRecord<String, byte[]>> chunks =
                    readFrom(consumer, snapshots, manifest.chunkOffsets().get(0), last.offset());
            ByteBuffer bytes = ByteBuffer.allocate(manifest.chunkOffsets().stream()
                    .mapToInt(offset -> chunk(chunks, offset).value().length).sum());
            manifest.chunkOffsets().forEach(offset -> bytes.put(chunk(chunks, offset).value()));
            PartitionSnapshot snapshot = PartitionSnapshot.decode(bytes.array());
            if (snapshot.offset() != manifest.offset()) {
                throw new IllegalStateException("the chunks are of another snapshot");
            }
            return Optional.of(snapshot);
        } catch (RuntimeException e) {
            LOG.warnf("the routing snapshot of %s cannot be read (%s): it is replayed from its beginning",
                    workPartition, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The last manifest below {@code end}. A write cut short (a stop interrupting it, a crash) leaves chunks after the
     * latest manifest; the snapshot before them is still whole unless compaction has since replaced its chunks, so the
     * search goes back in doubling windows instead of giving up on a replay from the beginning.
     */
    private static ConsumerRecord<String, byte[]> latestManifest(KafkaConsumer<String, byte[]> consumer,
            TopicPartition partition, long end) {
        long beginning = consumer.beginningOffsets(List.of(partition), READ_TIMEOUT).get(partition);
        for (long window = MANIFEST_SEARCH_WINDOW; ; window *= 2) {
            long from = Math.max(beginning, end - window);
            Optional<ConsumerRecord<String, byte[]>> manifest = readFrom(consumer, partition, from, end)
                    .descendingMap().values().stream()
                    .filter(record -> record.headers().lastHeader(MANIFEST_HEADER) != null)
                    .findFirst();
            if (manifest.isPresent()) {
                return manifest.get();
            }
            if (from == beginning) {
                throw new IllegalStateException("no manifest in " + partition + " (a first snapshot being written?)");
            }
        }
    }

    private static ConsumerRecord<String, byte[]> chunk(TreeMap<Long, ConsumerRecord<String, byte[]>> chunks,
                                                        long offset) {
        ConsumerRecord<String, byte[]> chunk = chunks.get(offset);
        if (chunk == null) {
            throw new IllegalStateException("chunk at offset " + offset + " is gone");
        }
        return chunk;
    }

    /** The records of {@code partition} from {@code from} up to {@code until} (excluded), by offset. */
    private static TreeMap<Long, ConsumerRecord<String, byte[]>> readFrom(KafkaConsumer<String, byte[]> consumer,
            TopicPartition partition, long from, long until) {
        TreeMap<Long, ConsumerRecord<String, byte[]>> records = new TreeMap<>();
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < until) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + partition + " took more than " + READ_TIMEOUT);
            }
            consumer.poll(Duration.ofMillis(200)).records(partition).stream()
                    .filter(record -> record.offset() < until)
                    .forEach(record -> records.put(record.offset(), record));
        }
        if (records.isEmpty()) {
            throw new IllegalStateException("nothing between offsets " + from + " and " + until + " of " + partition);
        }
        return records;
    }

    /** Which snapshot, the work offset it covers, and the offsets of its chunks in the snapshot partition. */
    record Manifest(String id, long offset, List<Long> chunkOffsets) {

        byte[] encode() {
            return (id + " " + offset + " " + String.join(",", chunkOffsets.stream().map(String::valueOf).toList()))
                    .getBytes(StandardCharsets.UTF_8);
        }

        static Manifest decode(byte[] bytes) {
            String[] parts = new String(bytes, StandardCharsets.UTF_8).split(" ");
            return new Manifest(parts[0], Long.parseLong(parts[1]),
                    Arrays.stream(parts[2].split(",")).map(Long::parseLong).toList());
        }
    }
}
