package io.parley.ticket.contacts;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.testkit.auth.AgentApi;
import io.parley.testkit.kafka.KafkaTestResource;
import io.parley.testkit.postgres.PostgresTestResource;
import io.parley.ticket.support.ControlledClock;
import io.parley.ticket.support.Events;
import io.parley.ticket.support.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ContactsIT {

    private static final String TENANT = "contact-co";

    @Inject
    ControlledClock clock;

    @Test
    void a_contacts_ids_on_two_channels_linked_into_one_give_one_timeline_with_attributes() {
        String whatsapp = Events.whatsappConversation();
        String user = ConversationId.parse(whatsapp).user();
        String api = ConversationId.api("shop", "u-" + UUID.randomUUID()).toString();
        String apiUser = ConversationId.parse(api).user();
        Log.append(Events.customerMessage(whatsapp, TENANT, "my parcel is late", clock.instant()),
                apiMessage(api, "did you get my WhatsApp?", clock.instant().plusSeconds(60)));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations/{id}", api).then().statusCode(200));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations/{id}", whatsapp).then()
                .statusCode(200));

        // Unlinked, each id is a contact of its own, standing for itself until an agent writes on it.
        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}", "api:" + apiUser).then().statusCode(200)
                .body("id", nullValue()).body("name", equalTo("Dana on the web"))
                .body("identities.key", contains("api:" + apiUser));
        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}/conversations", "api:" + apiUser).then()
                .body("id", contains(api));

        // Ann links the WhatsApp number to the web contact and gives it attributes.
        AgentApi.asAgent(TENANT, "ann").body(Map.of("channel", "whatsapp", "channelUserId", user))
                .post("/api/v1/contacts/{key}/identities", "api:" + apiUser).then().statusCode(200)
                .body("id", notNullValue())
                .body("identities.key", containsInAnyOrder("api:" + apiUser, "whatsapp:" + user))
                .body("phone", equalTo("+" + user));
        AgentApi.asAgent(TENANT, "ann").body(Map.of("attributes", Map.of("plan", "gold", "city", "Porto")))
                .put("/api/v1/contacts/{key}", "whatsapp:" + user).then().statusCode(200)
                .body("attributes.plan", equalTo("gold")).body("name", equalTo("Dana on the web"));

        // Either id, or the phone, is the same contact now: both conversations, one timeline across channels.
        for (String key : new String[] {"whatsapp:" + user, "api:" + apiUser, "+" + user}) {
            AgentApi.asAgent(TENANT, "bob").get("/api/v1/contacts/{key}", key).then().statusCode(200)
                    .body("attributes.city", equalTo("Porto"));
            AgentApi.asAgent(TENANT, "bob").get("/api/v1/contacts/{key}/conversations", key).then()
                    .body("id", contains(api, whatsapp));
        }
        AgentApi.asAgent(TENANT, "bob").get("/api/v1/contacts/{key}/messages", "api:" + apiUser).then().statusCode(200)
                .body("text", contains("my parcel is late", "did you get my WhatsApp?"))
                .body("conversationId", contains(whatsapp, api));

        // Unlinking gives the WhatsApp id its own history back; a contact keeps its last id.
        AgentApi.asAgent(TENANT, "ann").delete("/api/v1/contacts/{key}/identities/whatsapp/{user}", "api:" + apiUser, user)
                .then().statusCode(200).body("identities.key", contains("api:" + apiUser));
        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}/conversations", "api:" + apiUser).then()
                .body("id", contains(api));
        AgentApi.asAgent(TENANT, "ann").delete("/api/v1/contacts/{key}/identities/api/{user}", "api:" + apiUser, apiUser)
                .then().statusCode(409).body("detail", containsString("only channel id"));
    }

    @Test
    void linking_an_id_that_has_a_contact_merges_it_in_and_bad_input_is_named() {
        String first = Events.whatsappConversation();
        String second = Events.whatsappConversation();
        String firstUser = ConversationId.parse(first).user();
        String secondUser = ConversationId.parse(second).user();
        Log.append(Events.customerMessage(first, TENANT, "hello", clock.instant()),
                Events.customerMessage(second, TENANT, "hello again", clock.instant()));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations/{id}", second).then()
                .statusCode(200));
        AgentApi.asAgent(TENANT, "ann").body(Map.of("attributes", Map.of("plan", "free", "vip", "yes")))
                .put("/api/v1/contacts/{key}", "whatsapp:" + secondUser).then().statusCode(200);
        AgentApi.asAgent(TENANT, "ann").body(Map.of("name", "Dana L.", "attributes", Map.of("plan", "gold")))
                .put("/api/v1/contacts/{key}", "whatsapp:" + firstUser).then().statusCode(200);

        AgentApi.asAgent(TENANT, "ann").body(Map.of("channel", "whatsapp", "channelUserId", secondUser))
                .post("/api/v1/contacts/{key}/identities", "whatsapp:" + firstUser).then().statusCode(200)
                .body("name", equalTo("Dana L.")).body("attributes.plan", equalTo("gold"))
                .body("attributes.vip", equalTo("yes"));
        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}/conversations", "whatsapp:" + secondUser).then()
                .body("id", hasItem(first)).body("id", hasItem(second));

        AgentApi.asAgent(TENANT, "ann").body(Map.of("channel", "fax", "channelUserId", " "))
                .post("/api/v1/contacts/{key}/identities", "whatsapp:" + firstUser).then().statusCode(400)
                .body("problems.size()", equalTo(2));
        AgentApi.asAgent(TENANT, "ann").body(Map.of("attributes", Map.of(" ", "x")))
                .put("/api/v1/contacts/{key}", "whatsapp:" + firstUser).then().statusCode(400)
                .body("detail", containsString("attribute names"));
        // Another tenant's agent finds no such contact, by any key.
        AgentApi.asAgent("contact-other", "zoe").get("/api/v1/contacts/{key}", "whatsapp:" + firstUser).then().statusCode(404);
        AgentApi.asAgent("contact-other", "zoe").get("/api/v1/contacts/{key}/messages", "+" + firstUser).then().statusCode(404);
        AgentApi.asAgent("contact-other", "zoe").body(Map.of("attributes", Map.of("x", "y")))
                .put("/api/v1/contacts/{key}", "whatsapp:" + firstUser).then().statusCode(404);
    }

    @Test
    void a_phone_number_a_visitor_typed_joins_no_one_elses_conversations() {
        String whatsapp = Events.whatsappConversation();
        String victim = ConversationId.parse(whatsapp).user();
        String api = ConversationId.api("shop", "u-" + UUID.randomUUID()).toString();
        String visitor = ConversationId.parse(api).user();
        Log.append(Events.customerMessage(whatsapp, TENANT, "my card number is on the invoice", clock.instant()),
                apiMessage(api, "hi, what did I write before?", "+" + victim, clock.instant().plusSeconds(60)));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations/{id}", api).then()
                .statusCode(200).body("contact.phone", equalTo("+" + victim)));
        await().untilAsserted(() -> AgentApi.asAgent(TENANT, "ann").get("/api/v1/conversations/{id}", whatsapp).then()
                .statusCode(200));

        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}/conversations", "api:" + visitor).then()
                .statusCode(200).body("id", contains(api));
        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}/messages", "api:" + visitor).then()
                .statusCode(200).body("conversationId", contains(api));
        // The WhatsApp number, by itself, is still the WhatsApp customer alone.
        AgentApi.asAgent(TENANT, "ann").get("/api/v1/contacts/{key}/conversations", "+" + victim).then()
                .statusCode(200).body("id", contains(whatsapp));
    }

    private static Event apiMessage(String conversationId, String text, Instant at) {
        return apiMessage(conversationId, text, null, at);
    }

    private static Event apiMessage(String conversationId, String text, String phone, Instant at) {
        ConversationId id = ConversationId.parse(conversationId);
        String messageId = "m-" + UUID.randomUUID();
        return new Event(EventIds.forChannelMessage(Channel.API, messageId), "/ingest/api", conversationId, at, TENANT,
                null, new MessageReceived(Channel.API, id.account(), messageId,
                        new Contact(id.user(), "Dana on the web", phone), Content.text(text), null, null, null, at));
    }
}
