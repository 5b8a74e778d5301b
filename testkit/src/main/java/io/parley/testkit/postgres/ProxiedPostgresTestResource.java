package io.parley.testkit.postgres;

import io.parley.testkit.net.TcpProxy;
import java.util.Map;

/**
 * {@link PostgresTestResource} behind a {@link TcpProxy}: the service under test reaches its fresh database only
 * through the proxy, so an outage test can {@link TcpProxy#cut()} PostgreSQL for this service alone while the
 * machine's shared server, and the test's own look inside the database ({@link #direct()}), stay up. One suite at
 * a time per test JVM uses it (the proxy and the coordinates are static so the test class can reach them). It starts
 * after a module's shared {@link PostgresTestResource} (one a module gives every test class), so its settings win.
 * Used by the outage tests of analytics, ticket and bot.
 */
public class ProxiedPostgresTestResource extends PostgresTestResource {

    private static volatile TcpProxy proxy;
    private static volatile DatabaseCoordinates direct;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        super.start();
        DatabaseCoordinates database = super.database();
        direct = database;
        proxy = TcpProxy.start(database.host(), database.port());
        DatabaseCoordinates proxied = new DatabaseCoordinates("127.0.0.1", proxy.port(), database.database(),
                database.user(), database.password());
        return proxied.quarkusConfig();
    }

    @Override
    public void stop() {
        TcpProxy open = proxy;
        if (open != null) {
            open.close();
            proxy = null;
        }
        super.stop();
    }

    /** The proxy the service's datasources go through. */
    public static TcpProxy proxy() {
        return proxy;
    }

    /** The database itself, not through the proxy: for the test's own reads while the service's path is cut. */
    public static DatabaseCoordinates direct() {
        return direct;
    }
}
