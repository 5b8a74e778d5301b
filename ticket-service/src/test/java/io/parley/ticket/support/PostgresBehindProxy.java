package io.parley.ticket.support;

import io.parley.testkit.net.TcpProxy;
import io.parley.testkit.postgres.DatabaseCoordinates;
import io.parley.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh test database ({@link PostgresTestResource}) that the service reaches through a {@link TcpProxy} with both
 * its clients (JDBC: the projection and Flyway's migrations at start; reactive: the API and the timers), so that a
 * test can take PostgreSQL away from this service alone without stopping the machine's shared server. It starts after
 * the module's shared {@link PostgresTestResource} (which every test class of the module gets), and its settings win.
 */
public class PostgresBehindProxy implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;
    private final PostgresTestResource database = new PostgresTestResource();

    /** The proxy between the running service and its database. */
    public static TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("PostgresBehindProxy has not started");
        }
        return proxy;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        DatabaseCoordinates direct = database.database();
        proxy = TcpProxy.start(direct.host(), direct.port());
        DatabaseCoordinates proxied = new DatabaseCoordinates("127.0.0.1", proxy.port(), direct.database(),
                direct.user(), direct.password());
        config.put("quarkus.datasource.reactive.url", proxied.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", proxied.jdbcUrl());
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        database.stop();
    }
}
