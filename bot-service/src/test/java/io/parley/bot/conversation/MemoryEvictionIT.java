package io.parley.bot.conversation;

import static io.parley.bot.conversation.TenantSetup.knowledgeBase;
import static io.parley.bot.conversation.TenantSetup.orderTrackingFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.kafka.SharedKafka;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import io.parley.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's memory bounded by eviction, with every conversation evicted after every batch: a conversation that comes
 * back mid-flow is read back from its saved memory and goes on where it was.
 */
@QuarkusTest
@TestProfile(MemoryEvictionIT.EvictAfterEveryBatch.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class MemoryEvictionIT {

    public static class EvictAfterEveryBatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.bot.memory-idle-after", "0s", "parley.bot.memory-sweep-every", "0s");
        }
    }

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final String tenant = "t-" + UUID.randomUUID();

    @Inject
    ConversationStore store;

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void a_conversation_evicted_while_a_flow_waits_resumes_the_flow_from_its_saved_memory() throws Exception {
        try (FakeShop shop = FakeShop.start()) {
            knowledgeBase(tenant);
            orderTrackingFlow(tenant, shop);
            CustomerLog customer = CustomerLog.api(probe, tenant);
            TopicMark asked = customer.writes("Where is my order?");
            assertThat(customer.awaitOne(asked, BotFlow.class).step()).isEqualTo("menu");
            TopicMark chose = customer.writes("1");
            assertThat(customer.awaitOne(chose, BotFlow.class).step()).isEqualTo("ask-order");

            await().atMost(Duration.ofSeconds(30)).until(() -> store.size() == 0);

            TopicMark typed = customer.writes(FakeShop.KNOWN_ORDER);
            assertThat(customer.await(typed, MessageOutbound.class, 2, any -> true))
                    .extracting(outbound -> outbound.content().text())
                    .containsExactly("Order AB-123456 is shipped; expected delivery Friday.", "Anything else? Just write.");
        }
    }
}
