package io.parley.testkit.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * The machine's PostgreSQL server (127.0.0.1:5432, user postgres, trust auth unless told otherwise), where each
 * test suite gets a database of its own. Overrides: system properties {@code parley.pg.host|port|user|password}
 * or environment variables {@code PARLEY_PG_HOST|PORT|USER|PASSWORD}.
 */
public record LocalPostgres(String host, int port, String user, String password) {

    static final String START_COMMAND = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    private static final int MAX_IDENTIFIER_LENGTH = 63;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public static LocalPostgres fromEnvironment() {
        return new LocalPostgres(
                setting("host", "127.0.0.1"),
                Integer.parseInt(setting("port", "5432")),
                setting("user", "postgres"),
                setting("password", ""));
    }

    /** Creates {@code parley_<suite>_<random>}, a database no other run uses. */
    public DatabaseCoordinates createDatabase(String suite) {
        String name = databaseName(suite);
        execute("CREATE DATABASE \"" + name + "\"");
        return new DatabaseCoordinates(host, port, name, user, password);
    }

    /** The database {@code name}, created if it does not exist yet (the local platform keeps its data across runs). */
    public DatabaseCoordinates ensureDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = connect();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery()) {
                if (!found.next()) {
                    execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " could not look up database "
                    + name + ": " + e.getMessage(), e);
        }
        return new DatabaseCoordinates(host, port, name, user, password);
    }

    /** Drops the database even while clients are still connected to it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    static String databaseName(String suite) {
        String suffix = "_" + HexFormat.of().toHexDigits(RANDOM.nextInt());
        String safeSuite = suite.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String prefix = "parley_" + safeSuite;
        return prefix.substring(0, Math.min(prefix.length(), MAX_IDENTIFIER_LENGTH - suffix.length())) + suffix;
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused `" + sql + "`: "
                    + e.getMessage(), e);
        }
    }

    private Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        try {
            // The driver directly, not DriverManager, which may not see it from a Quarkus test class loader.
            Connection connection = new Driver().connect(jdbcUrl("postgres"), properties);
            if (connection == null) {
                throw new IllegalStateException("The PostgreSQL driver rejected " + jdbcUrl("postgres"));
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL server answers at " + host + ":" + port + " for user "
                    + user + " (" + e.getMessage() + "). Start the local one with `" + START_COMMAND
                    + "`, point the tests elsewhere with PARLEY_PG_HOST/PARLEY_PG_PORT/PARLEY_PG_USER, or use"
                    + " Testcontainers (needs Docker) with -Dparley.test.containers=true.", e);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static String setting(String name, String fallback) {
        String property = System.getProperty("parley.pg." + name);
        if (property != null) {
            return property;
        }
        String environment = System.getenv("PARLEY_PG_" + name.toUpperCase(Locale.ROOT));
        return environment != null ? environment : fallback;
    }
}
