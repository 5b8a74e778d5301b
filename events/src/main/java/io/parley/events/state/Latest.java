package io.parley.events.state;

/**
 * A last-writer-wins register: of two writes, the one with the later {@link Stamp} stays. Merging is commutative,
 * associative and idempotent, which is what makes the conversation fold indifferent to duplicates and interleavings.
 */
public record Latest<T>(T value, Stamp stamp) {

    static <T> Latest<T> merge(Latest<T> current, T value, Stamp stamp) {
        return current == null || stamp.isAfter(current.stamp()) ? new Latest<>(value, stamp) : current;
    }

    static Stamp stampOf(Latest<?> register) {
        return register == null ? null : register.stamp();
    }
}
