package io.parley.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

class PostgresTestResourceIT {

    @Test
    void createsAFreshDatabaseAndDropsItEvenWhileConnected() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("suite", "Testkit IT"));

        Map<String, String> config = resource.start();
        String name = resource.database().database();

        assertThat(name).matches("parley_testkit_it_[0-9a-f]{8}");
        assertThat(config).containsOnlyKeys("quarkus.datasource.username", "quarkus.datasource.password",
                        "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url")
                .containsEntry("quarkus.datasource.username", "postgres")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + name)
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + name);

        try (Connection connection = connect(config.get("quarkus.datasource.jdbc.url"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int PRIMARY KEY)");
            statement.execute("INSERT INTO probe VALUES (1)");

            resource.stop();
        }

        assertThat(databaseExists(name)).isFalse();
    }

    @Test
    void namesTheServerAndHowToStartItWhenNoneAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        LocalPostgres absent = new LocalPostgres("127.0.0.1", closedPort, "postgres", "");

        assertThatThrownBy(() -> absent.createDatabase("suite"))
                .hasMessageContaining("No PostgreSQL server answers at 127.0.0.1:" + closedPort)
                .hasMessageContaining("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection connection = connect("jdbc:postgresql://127.0.0.1:5432/postgres");
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        return new Driver().connect(url, properties);
    }
}
