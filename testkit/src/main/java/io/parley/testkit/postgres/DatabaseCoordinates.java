package io.parley.testkit.postgres;

import java.util.Map;

/** How to reach one test database. */
public record DatabaseCoordinates(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    /** The Vert.x reactive client's form: the JDBC URL without {@code jdbc:}. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl());
    }
}
