package io.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.envelope.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Approval tests of the wire contract: each event type has a golden JSON file; writing the sample must give the file
 * and reading the file must give the sample. To approve a deliberate change, run with {@code -Dgolden.update=true}
 * and review the diff of {@code src/test/resources/golden}.
 */
class GoldenEventsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void every_type_has_a_sample() {
        assertThat(EventSamples.all().keySet()).containsExactlyElementsOf(EventTypes.all());
    }

    @TestFactory
    Stream<DynamicTest> samples_match_their_golden_files() {
        return EventSamples.all().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey(),
                () -> assertMatchesGolden(sample.getKey(), sample.getValue())));
    }

    /**
     * The record value itself, byte for byte: the golden file's JSON written compactly, as events were written when
     * the codec still built a tree first (attribute order, escaping and numbers included: characters outside the
     * basic plane are written as escaped surrogate pairs), so the log's bytes do not change with how they are made.
     */
    @TestFactory
    Stream<DynamicTest> samples_are_written_byte_for_byte_as_their_compacted_golden_files() {
        return EventSamples.all().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey(), () -> {
            JsonNode golden = EventCodec.mapper().readTree(Files.readAllBytes(GOLDEN.resolve(sample.getKey() + ".json")));
            assertThat(new String(EventCodec.encode(sample.getValue()), StandardCharsets.UTF_8))
                    .isEqualTo(new String(EventCodec.mapper().writeValueAsBytes(golden), StandardCharsets.UTF_8));
        }));
    }

    private static void assertMatchesGolden(String type, Event sample) throws IOException {
        Path file = GOLDEN.resolve(type + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, EventCodec.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(EventCodec.toJson(sample)) + "\n");
        }
        assertThat(file).as("golden file for %s (run with -Dgolden.update=true to create it)", type).exists();
        byte[] golden = Files.readAllBytes(file);

        JsonNode written = EventCodec.mapper().readTree(EventCodec.encode(sample));
        assertThat(written).isEqualTo(EventCodec.mapper().readTree(golden));
        assertThat(EventCodec.decode(golden)).contains(sample);
    }
}
