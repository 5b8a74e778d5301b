package io.parley.devstack.up;

import io.parley.testkit.postgres.LocalPostgres;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A platform of its own with the demo tenant set up, as {@code parley up --demo} runs it but on free ports, with a
 * fresh broker and throwaway databases: for benchmarks that drive the whole platform ({@code bench e2e}), or only some
 * of its services (then without the tenant). {@link #close()} stops it and drops its databases.
 */
public final class DemoPlatform implements AutoCloseable {

    private final LocalPlatform platform;
    private final DemoTenant demo;

    private DemoPlatform(LocalPlatform platform, DemoTenant demo) {
        this.platform = platform;
        this.demo = demo;
    }

    /** Every service, and the demo tenant seeded through the gateway. */
    public static DemoPlatform start(Path repositoryRoot, Path dataDir, PrintWriter progress) {
        DemoTenant demo = DemoTenant.start(0);
        DemoPlatform running = new DemoPlatform(new LocalPlatform(LocalPlatform.Settings.throwaway(repositoryRoot,
                dataDir, PlatformService.ALL, "parley_bench", Map.of()), progress), demo);
        running.startPlatform();
        demo.seed(running.platform.gatewayUrl());
        return running;
    }

    /**
     * Every service laid out by {@code settings} (brokers, instances), reaching PostgreSQL at {@code postgres}, and the
     * demo tenant: a fault run ({@code parley chaos}).
     */
    public static DemoPlatform start(LocalPlatform.Settings settings, LocalPostgres postgres, PrintWriter progress) {
        DemoTenant demo = DemoTenant.start(0);
        DemoPlatform running = new DemoPlatform(new LocalPlatform(settings, postgres, progress), demo);
        running.startPlatform();
        demo.seed(running.platform.gatewayUrl());
        return running;
    }

    /** Only these services (by name: ingest, bot, routing, ticket, analytics), with this configuration each. */
    public static DemoPlatform startOnly(Path repositoryRoot, Path dataDir, Map<String, Map<String, String>> services,
                                         PrintWriter progress) {
        List<PlatformService> chosen = PlatformService.ALL.stream()
                .filter(service -> services.containsKey(service.name())).toList();
        Map<PlatformService, Map<String, String>> config = new java.util.HashMap<>();
        chosen.forEach(service -> config.put(service, services.get(service.name())));
        DemoPlatform running = new DemoPlatform(new LocalPlatform(LocalPlatform.Settings.throwaway(repositoryRoot,
                dataDir, chosen, "parley_bench", config), progress), null);
        running.startPlatform();
        return running;
    }

    private void startPlatform() {
        try {
            platform.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The platform itself, for a fault scenario to reach its processes. */
    public LocalPlatform platform() {
        return platform;
    }

    public String gatewayUrl() {
        return platform.gatewayUrl();
    }

    public String graphArrivalsUrl() {
        return platform.graphArrivalsUrl();
    }

    /** Where the demo's API channel's replies arrive (only with the demo tenant). */
    public String callbackArrivalsUrl() {
        return demo.replyArrivalsUrl();
    }

    public String bootstrapServers() {
        return platform.bootstrapServers();
    }

    /** A service's own URL, by name (ingest, bot, routing, ticket, analytics). */
    public String serviceUrl(String name) {
        return platform.serviceUrl(PlatformService.ALL.stream().filter(service -> service.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no service " + name)));
    }

    @Override
    public void close() {
        platform.close();
        platform.dropDatabases();
        if (demo != null) {
            demo.close();
        }
    }
}
