package io.parley.routing;

import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.quarkus.ServiceContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HealthIT extends ServiceContract {
}
