package io.parley.ticket.support;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parley.events.conversation.ConversationEvent.Assigned;
import io.parley.testkit.auth.AgentApi;
import java.time.Instant;

/** Conversations set up through the log, returned once the service's projection shows them. */
public final class Conversations {

    private Conversations() {
    }

    /** A new WhatsApp conversation in which the customer asked for help at {@code now}, assigned to alice. */
    public static String assignedToAlice(String tenant, Instant now) {
        String id = Events.whatsappConversation();
        Log.append(Events.customerMessage(id, tenant, "I need help", now),
                Events.of(id, tenant, now.plusMillis(10), new Assigned("alice", "support", null, "manual")));
        await().untilAsserted(() -> AgentApi.asAgent(tenant, "alice").get("/api/v1/conversations/{id}", id).then()
                .statusCode(200).body("assignee", equalTo("alice")));
        return id;
    }
}
