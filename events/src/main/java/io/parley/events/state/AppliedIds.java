package io.parley.events.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The event ids a conversation's fold applied, each with its event time, kept for {@link #WINDOW} behind the newest:
 * a redelivery (Meta retries for up to 7 days, a consumer replays from its last commit) is recognised, and the set no
 * longer grows with the conversation's history. Every register of the fold merges idempotently, so an id older than
 * the window that comes back changes nothing the agents see.
 *
 * <p>Immutable to its users, but appending does not copy: the newest version appends in place to storage it shares
 * with the versions before it, each of which sees only the appends made before it (a sequence number per id). Appending
 * to an older version (a retry that evolves the same state again) copies what that version sees first. Ids that leave
 * the window leave every version.
 */
public final class AppliedIds {

    public static final Duration WINDOW = Duration.ofDays(7);
    private static final AppliedIds NONE = new AppliedIds(new Storage(), 0);

    private final Storage storage;
    private final long version;

    private AppliedIds(Storage storage, long version) {
        this.storage = storage;
        this.version = version;
    }

    public static AppliedIds none() {
        return NONE;
    }

    public boolean contains(String eventId) {
        synchronized (storage) {
            Applied applied = storage.byId.get(eventId);
            return applied != null && applied.sequence < version;
        }
    }

    /** This set and {@code eventId}, applied at {@code time}; ids older than the window behind the newest leave. */
    public AppliedIds with(String eventId, Instant time) {
        Storage copy;
        synchronized (storage) {
            if (storage.appends == version && this != NONE) {
                storage.append(eventId, time);
                return new AppliedIds(storage, storage.appends);
            }
            copy = copyOfVisible();
        }
        copy.append(eventId, time);
        return new AppliedIds(copy, copy.appends);
    }

    public int size() {
        return visible().size();
    }

    /** Ids and their times, in id order: the stored form. */
    @JsonValue
    public Map<String, Instant> visible() {
        Map<String, Instant> visible = new TreeMap<>();
        synchronized (storage) {
            storage.byId.forEach((id, applied) -> {
                if (applied.sequence < version) {
                    visible.put(id, applied.time);
                }
            });
        }
        return visible;
    }

    /** The stored form; a state stored before times were kept has a bare list of ids, which the next event ages out. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AppliedIds read(JsonNode json) {
        AppliedIds ids = none();
        if (json == null || json.isNull()) {
            return ids;
        }
        if (json.isArray()) {
            for (JsonNode id : json) {
                ids = ids.with(id.asText(), Instant.EPOCH);
            }
            return ids;
        }
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
            ids = ids.with(entry.getKey(), Instant.parse(entry.getValue().asText()));
        }
        return ids;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppliedIds that && visible().equals(that.visible());
    }

    @Override
    public int hashCode() {
        return visible().hashCode();
    }

    @Override
    public String toString() {
        return visible().keySet().toString();
    }

    private Storage copyOfVisible() {
        Storage copy = new Storage();
        storage.byId.values().stream()
                .filter(applied -> applied.sequence < version)
                .sorted(Comparator.comparingLong(applied -> applied.sequence))
                .forEach(applied -> copy.append(applied.id, applied.time));
        return copy;
    }

    private record Applied(String id, Instant time, long sequence) {
    }

    private static final class Storage {
        private final Map<String, Applied> byId = new HashMap<>();
        private final PriorityQueue<Applied> byTime = new PriorityQueue<>(Comparator.comparing(Applied::time));
        private long appends;
        private Instant newest = Instant.MIN;

        private void append(String id, Instant time) {
            Applied applied = new Applied(id, time, appends++);
            if (byId.putIfAbsent(id, applied) == null) {
                byTime.add(applied);
            }
            if (time.isAfter(newest)) {
                newest = time;
            }
            Instant oldest = newest.minus(WINDOW);
            while (!byTime.isEmpty() && byTime.peek().time.isBefore(oldest)) {
                byId.remove(byTime.poll().id);
            }
        }
    }
}
