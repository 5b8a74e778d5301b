package io.parley.testkit.graph;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request the {@link FakeGraphApi} received. Header names are case-insensitive; the query is raw ("" if none). */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        byte[] body) {

    public String bodyAsString() {
        return new String(body, UTF_8);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
