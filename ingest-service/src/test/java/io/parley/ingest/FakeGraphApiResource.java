package io.parley.ingest;

import io.parley.testkit.graph.FakeGraphApi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the testkit's fake Graph API and points the service's Graph base URL at it. */
public class FakeGraphApiResource implements QuarkusTestResourceLifecycleManager {

    private static FakeGraphApi api;

    public static FakeGraphApi api() {
        return api;
    }

    @Override
    public Map<String, String> start() {
        api = FakeGraphApi.start();
        return Map.of("parley.ingest.graph.base-url", api.baseUrl());
    }

    @Override
    public void stop() {
        api.close();
    }
}
