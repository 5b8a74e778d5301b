package io.parley.bot;

import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.testkit.quarkus.ServiceContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class HealthIT extends ServiceContract {
}
