package io.parley.bot.conversation;

import static io.parley.bot.conversation.TenantSetup.knowledgeBase;
import static io.parley.bot.conversation.TenantSetup.orderTrackingFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.bot.BotChannels;
import io.parley.events.Topics;
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
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's memory bounded by eviction, with every conversation evicted and the memory checkpointed after every batch:
 * a conversation that comes back mid-flow is read back from its saved memory and goes on where it was, and a process
 * that starts afresh folds its partitions from their checkpoint, not from their beginning.
 */
@QuarkusTest
@TestProfile(MemoryEvictionIT.EvictAfterEveryBatch.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class MemoryEvictionIT {

    public static class EvictAfterEveryBatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.bot.memory-idle-after", "0s", "parley.bot.memory-sweep-every", "0s",
                    "parley.bot.memory-checkpoint-every", "0s");
        }
    }

    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    private final String tenant = "t-" + UUID.randomUUID();

    @Inject
    ConversationStore store;

    @Inject
    @Identifier(BotChannels.REPLAY_LISTENER)
    ConversationReplay replay;

    @Inject
    MemorySnapshots snapshots;

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void a_conversation_evicted_while_a_flow_waits_resumes_the_flow_from_its_saved_memory() throws Exception {
        try (FakeShop shop = FakeShop.start()) {
            CustomerLog customer = customerAskedForTheOrderNumber(shop);

            await().atMost(Duration.ofSeconds(30)).until(() -> store.size() == 0);

            assertTheFlowFinishes(customer);
        }
    }

    @Test
    void a_process_starting_afresh_folds_its_partition_from_the_checkpoint_and_the_flow_goes_on() throws Exception {
        try (FakeShop shop = FakeShop.start()) {
            TopicMark before = probe.mark(Topics.CONVERSATION_EVENTS);
            CustomerLog customer = customerAskedForTheOrderNumber(shop);
            Map<TopicPartition, Long> partitionEnd = customer.partitionsWrittenSince(before);
            await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.checkpoints(partitionEnd.keySet())
                    .entrySet().stream().filter(covered -> covered.getValue() >= partitionEnd.get(covered.getKey()))
                    .count() == partitionEnd.size());

            store.clear(); // what a new process remembers: nothing
            assertThat(replay.catchUp(partitionEnd)).as("events folded from the checkpoint").isZero();

            assertTheFlowFinishes(customer);
        }
    }

    /** The order-tracking flow, started by a customer and waiting for the order number. */
    private CustomerLog customerAskedForTheOrderNumber(FakeShop shop) {
        knowledgeBase(tenant);
        orderTrackingFlow(tenant, shop);
        CustomerLog customer = CustomerLog.api(probe, tenant);
        TopicMark asked = customer.writes("Where is my order?");
        assertThat(customer.awaitOne(asked, BotFlow.class).step()).isEqualTo("menu");
        TopicMark chose = customer.writes("1");
        assertThat(customer.awaitOne(chose, BotFlow.class).step()).isEqualTo("ask-order");
        return customer;
    }

    private static void assertTheFlowFinishes(CustomerLog customer) {
        TopicMark typed = customer.writes(FakeShop.KNOWN_ORDER);
        assertThat(customer.await(typed, MessageOutbound.class, 2, any -> true))
                .extracting(outbound -> outbound.content().text())
                .containsExactly("Order AB-123456 is shipped; expected delivery Friday.", "Anything else? Just write.");
    }
}
