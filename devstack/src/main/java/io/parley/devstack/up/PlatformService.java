package io.parley.devstack.up;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One service of the local platform: the module whose packaged application runs, its port as an offset from the
 * gateway's (DESIGN §4: gateway 8080, ingest 8081 … analytics 8085), and the database it keeps, if any.
 */
public record PlatformService(String name, int portOffset, Optional<String> database) {

    public static final PlatformService INGEST = new PlatformService("ingest", 1, Optional.empty());
    public static final PlatformService BOT = new PlatformService("bot", 2, Optional.of("bot"));
    public static final PlatformService ROUTING = new PlatformService("routing", 3, Optional.empty());
    public static final PlatformService TICKET = new PlatformService("ticket", 4, Optional.of("ticket"));
    public static final PlatformService ANALYTICS = new PlatformService("analytics", 5, Optional.of("analytics"));

    /** In start order: whoever publishes first, the agent gateway last but one, the dashboards last. */
    public static final List<PlatformService> ALL = List.of(INGEST, BOT, ROUTING, TICKET, ANALYTICS);

    String module() {
        return name + "-service";
    }

    /** Where {@code ./mvnw package} leaves the module's runnable application. */
    Path packagedApp(Path repositoryRoot) {
        return repositoryRoot.resolve(module()).resolve("target").resolve("quarkus-app");
    }
}
