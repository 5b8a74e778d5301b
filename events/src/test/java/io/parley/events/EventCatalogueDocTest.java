package io.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/events.md is the catalogue people read: it must name exactly the types the code and golden files have. */
class EventCatalogueDocTest {

    private static final Path CATALOGUE = Path.of("../docs/events.md");
    private static final Pattern TYPE_ROW = Pattern.compile("^\\| `(parley\\.[a-z.-]+\\.v\\d+)` \\|", Pattern.MULTILINE);

    @Test
    void catalogue_lists_every_type_and_nothing_else() throws IOException {
        Matcher rows = TYPE_ROW.matcher(Files.readString(CATALOGUE));
        Set<String> documented = rows.results().map(match -> match.group(1)).collect(Collectors.toSet());

        assertThat(documented).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }

    @Test
    void every_type_has_a_golden_file_and_every_golden_file_a_type() throws IOException {
        try (Stream<Path> files = Files.list(GoldenEventsTest.GOLDEN)) {
            Set<String> golden = files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", ""))
                    .collect(Collectors.toSet());
            assertThat(golden).containsExactlyInAnyOrderElementsOf(EventTypes.all());
        }
    }
}
