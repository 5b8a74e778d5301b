package io.parley.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void databaseNamesAreSafeIdentifiersThatFitPostgres() {
        assertThat(LocalPostgres.databaseName("ticket-service")).matches("parley_ticket_service_[0-9a-f]{8}");
        assertThat(LocalPostgres.databaseName("x".repeat(100))).hasSize(63).matches("parley_x+_[0-9a-f]{8}");
    }

    @Test
    void twoSuitesWithTheSameNameGetDifferentDatabases() {
        assertThat(LocalPostgres.databaseName("suite")).isNotEqualTo(LocalPostgres.databaseName("suite"));
    }
}
