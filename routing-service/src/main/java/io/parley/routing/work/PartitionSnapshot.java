package io.parley.routing.work;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.events.envelope.EventCodec;
import io.parley.routing.decider.TenantRouter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The routing state of one work-topic partition after folding its records below {@code offset}: every tenant's
 * {@link TenantRouter.State}. Stored as gzipped JSON ({@code version} says which shape; a snapshot of another version
 * is not read, and the partition is replayed from its beginning instead).
 */
record PartitionSnapshot(int version, long offset, List<TenantRouter.State> tenants) {

    /** Bump when {@link TenantRouter.State} or what the fold does changes: older snapshots are then ignored. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    static PartitionSnapshot of(long offset, List<TenantRouter.State> tenants) {
        return new PartitionSnapshot(VERSION, offset, tenants);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            MAPPER.writeValue(gzip, this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the routing snapshot at offset " + offset, e);
        }
        return bytes.toByteArray();
    }

    /** The snapshot in {@code bytes}; throws when they are not one, or one of another version. */
    static PartitionSnapshot decode(byte[] bytes) {
        PartitionSnapshot snapshot;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            snapshot = MAPPER.readValue(gzip, PartitionSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a routing snapshot: " + e.getMessage(), e);
        }
        if (snapshot.version() != VERSION) {
            throw new IllegalArgumentException("a routing snapshot of version " + snapshot.version() + ", not "
                    + VERSION);
        }
        return snapshot;
    }
}
