package io.parley.ingest.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryStatus;
import io.parley.events.conversation.ConversationEvent.MessageDeleted;
import io.parley.events.conversation.ConversationEvent.MessageEdited;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.MessageStatus;
import io.parley.events.ids.EventIds;
import io.parley.ingest.channel.TenantResolver;
import io.parley.ingest.normalize.Fixtures;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.normalize.WebhookNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppNormalizerTest {

    private static final String PHONE_ID = "106540352242922";

    private static Normalization fixture(String name) {
        return Fixtures.NORMALIZER.normalize(Channel.WHATSAPP, WebhookNormalizer.parse(Fixtures.meta(name)));
    }

    /** A messages change with one message object, as Meta sends it. */
    private static Normalization message(String messageJson) {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Sheena"},"wa_id":"16505551234"}],"messages":[%s]}}]}]}"""
                .formatted(PHONE_ID, messageJson);
        return Fixtures.NORMALIZER.normalize(Channel.WHATSAPP, WebhookNormalizer.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Content contentOf(String type, String fields) {
        Normalization result = message("{\"from\":\"16505551234\",\"id\":\"wamid.X\",\"timestamp\":\"1749416383\","
                + "\"type\":\"" + type + "\"," + fields + "}");
        assertThat(result.unhandled()).isEmpty();
        return ((MessageReceived) result.events().get(0).data()).content();
    }

    @Test
    void textWithNonAsciiBecomesOneReceivedEvent() {
        Normalization result = fixture("whatsapp-text.json");

        assertThat(result.unhandled()).isEmpty();
        Event event = result.events().get(0);
        assertThat(event.id()).isEqualTo(EventIds.forChannelMessage(Channel.WHATSAPP,
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="));
        assertThat(event.subject()).isEqualTo("whatsapp:106540352242922:16505551234");
        assertThat(event.source()).isEqualTo("/ingest/whatsapp");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1749416383));
        MessageReceived received = (MessageReceived) event.data();
        assertThat(received.content().text()).isEqualTo("Where is my order #4412? Olá, ¿dónde está? 你好 😀");
        assertThat(received.contact().name()).isEqualTo("Sheena Nelson");
        assertThat(received.contact().phone()).isEqualTo("16505551234");
        assertThat(received.channelAccount()).isEqualTo(PHONE_ID);
    }

    @Test
    void aBadFieldInOneMessageNeitherThrowsNorBlocksTheOthers() {
        Normalization result = message("""
                {"from":"16505551234","id":"wamid.BAD","timestamp":"yesterday","type":"text","text":{"body":"lost?"}},
                {"from":"16505551234","id":"wamid.GOOD","timestamp":"1749416383","type":"text","text":{"body":"kept"}}""");

        assertThat(result.events()).extracting(event -> ((MessageReceived) event.data()).channelMessageId())
                .containsExactly("wamid.GOOD");
        assertThat(result.unhandled()).singleElement().satisfies(unhandled -> {
            assertThat(unhandled.reason()).isEqualTo(Unhandled.UNREADABLE);
            assertThat(unhandled.detail()).contains("wamid.BAD", "yesterday");
        });
    }

    @Test
    void imageKeepsCaptionMimeAndHash() {
        Content content = ((MessageReceived) fixture("whatsapp-image.json").events().get(0).data()).content();

        assertThat(content.kind()).isEqualTo("image");
        assertThat(content.mediaId()).isEqualTo("1003383421387256");
        assertThat(content.caption()).isEqualTo("broken on arrival");
        assertThat(content.mimeType()).isEqualTo("image/jpeg");
        assertThat(content.sha256()).isEqualTo("QkVwK2dY5kGqWm1jYnZ4SWh0dXJ0aGVyZQ==");
    }

    @Test
    void buttonReplyIsInteractiveAndQuotesTheMenu() {
        MessageReceived received = (MessageReceived) fixture("whatsapp-button-reply.json").events().get(0).data();

        assertThat(received.content().kind()).isEqualTo(Content.INTERACTIVE);
        assertThat(received.content().replyId()).isEqualTo("talk-to-human");
        assertThat(received.content().replyTitle()).isEqualTo("Talk to a person");
        assertThat(received.replyToChannelMessageId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGQjM1RjM5QjlCRUI0MjYxQUEA");
    }

    @Test
    void statusesKeepTheirOrderAndTheFailureReason() {
        List<Event> events = fixture("whatsapp-status-failed.json").events();

        assertThat(events).extracting(e -> ((MessageStatus) e.data()).status())
                .containsExactly(DeliveryStatus.FAILED, DeliveryStatus.DELIVERED);
        MessageStatus failed = (MessageStatus) events.get(0).data();
        assertThat(failed.error().code()).isEqualTo(131047);
        assertThat(failed.error().title()).isEqualTo("Re-engagement message");
        assertThat(failed.error().detail()).startsWith("Message failed to send because more than 24 hours");
        assertThat(events.get(0).id()).isEqualTo(EventIds.forChannelStatus(Channel.WHATSAPP,
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3QjlFQUU0NDZFOTU2MkQ1QjQA", "failed"));
        assertThat(events.get(0).subject()).isEqualTo("whatsapp:106540352242922:16505551234");
    }

    @Test
    void sameBodyTwiceGivesSameIds() {
        assertThat(fixture("whatsapp-text.json").events()).isEqualTo(fixture("whatsapp-text.json").events());
    }

    @Test
    void mediaKinds() {
        assertThat(contentOf("video", "\"video\":{\"id\":\"v1\",\"mime_type\":\"video/mp4\"}").kind()).isEqualTo("video");
        assertThat(contentOf("audio", "\"audio\":{\"id\":\"a1\",\"voice\":false}").kind()).isEqualTo("audio");
        assertThat(contentOf("audio", "\"audio\":{\"id\":\"a1\",\"voice\":true}").kind()).isEqualTo("voice");
        Content document = contentOf("document",
                "\"document\":{\"id\":\"d1\",\"filename\":\"invoice.pdf\",\"caption\":\"here\",\"mime_type\":\"application/pdf\"}");
        assertThat(document.filename()).isEqualTo("invoice.pdf");
        assertThat(document.caption()).isEqualTo("here");
        Content sticker = contentOf("sticker", "\"sticker\":{\"id\":\"s1\",\"animated\":true,\"mime_type\":\"image/webp\"}");
        assertThat(sticker.kind()).isEqualTo("sticker");
        assertThat(sticker.animated()).isTrue();
    }

    @Test
    void locationAndContacts() {
        Content location = contentOf("location",
                "\"location\":{\"latitude\":38.72,\"longitude\":-9.14,\"name\":\"Shop\",\"address\":\"Rua 1\"}");
        assertThat(location.latitude()).isEqualTo(38.72);
        assertThat(location.longitude()).isEqualTo(-9.14);
        assertThat(location.address()).isEqualTo("Rua 1");
        Content contacts = contentOf("contacts", "\"contacts\":[{\"name\":{\"formatted_name\":\"Ana Lima\"},"
                + "\"phones\":[{\"phone\":\"+351 911\"}],\"emails\":[{\"email\":\"ana@example.com\"}]}]");
        assertThat(contacts.contacts()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Ana Lima");
            assertThat(c.phones()).containsExactly("+351 911");
            assertThat(c.emails()).containsExactly("ana@example.com");
        });
    }

    @Test
    void reactionAndUnreaction() {
        Content reaction = contentOf("reaction", "\"reaction\":{\"message_id\":\"wamid.OUR\",\"emoji\":\"👍\"}");
        assertThat(reaction.emoji()).isEqualTo("👍");
        assertThat(reaction.reactedTo()).isEqualTo("wamid.OUR");
        Content removed = contentOf("reaction", "\"reaction\":{\"message_id\":\"wamid.OUR\"}");
        assertThat(removed.kind()).isEqualTo(Content.REACTION);
        assertThat(removed.emoji()).isNull();
    }

    @Test
    void listFlowAndTemplateReplies() {
        Content list = contentOf("interactive",
                "\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"opt-2\",\"title\":\"Returns\",\"description\":\"d\"}}");
        assertThat(list.replyId()).isEqualTo("opt-2");
        Content flow = contentOf("interactive", "\"interactive\":{\"type\":\"nfm_reply\",\"nfm_reply\":"
                + "{\"name\":\"flow\",\"body\":\"Sent\",\"response_json\":\"{\\\"flow_token\\\":\\\"t\\\"}\"}}");
        assertThat(flow.kind()).isEqualTo(Content.INTERACTIVE);
        assertThat(flow.payload()).isEqualTo("{\"flow_token\":\"t\"}");
        Content button = contentOf("button", "\"button\":{\"payload\":\"STOP\",\"text\":\"Stop promotions\"}");
        assertThat(button.kind()).isEqualTo(Content.BUTTON);
        assertThat(button.payload()).isEqualTo("STOP");
        assertThat(button.text()).isEqualTo("Stop promotions");
    }

    @Test
    void order() {
        Content order = contentOf("order", "\"order\":{\"catalog_id\":\"c1\",\"text\":\"thanks\",\"product_items\":"
                + "[{\"product_retailer_id\":\"sku-1\",\"quantity\":\"2\",\"item_price\":\"9.5\",\"currency\":\"EUR\"}]}");
        assertThat(order.order().catalogId()).isEqualTo("c1");
        assertThat(order.order().items()).singleElement().satisfies(item -> {
            assertThat(item.productRetailerId()).isEqualTo("sku-1");
            assertThat(item.quantity()).isEqualTo(2);
            assertThat(item.itemPrice()).isEqualTo(9.5);
        });
    }

    @Test
    void referralForwardedAndUnsupported() {
        MessageReceived fromAd = (MessageReceived) message("{\"from\":\"16505551234\",\"id\":\"wamid.A\","
                + "\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"hi\"},\"referral\":{\"source_url\":\"https://fb.me/x\","
                + "\"source_id\":\"ad-1\",\"source_type\":\"ad\",\"headline\":\"Sale\",\"body\":\"50%\",\"media_type\":\"image\","
                + "\"ctwa_clid\":\"clid\"}}").events().get(0).data();
        assertThat(fromAd.referral().id()).isEqualTo("ad-1");
        assertThat(fromAd.referral().headline()).isEqualTo("Sale");
        assertThat(fromAd.referral().ref()).isEqualTo("clid");

        Content forwarded = contentOf("text", "\"text\":{\"body\":\"fwd\"},\"context\":{\"forwarded\":true}");
        assertThat(forwarded.forwarded()).isTrue();

        Content unsupported = contentOf("unsupported", "\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\","
                + "\"error_data\":{\"details\":\"Message type is currently not supported.\"}}]");
        assertThat(unsupported.kind()).isEqualTo(Content.UNSUPPORTED);
        assertThat(unsupported.error()).isEqualTo("131051 Message type unknown: Message type is currently not supported.");
    }

    @Test
    void editsAndDeletes() {
        Normalization edit = message("{\"from\":\"16505551234\",\"id\":\"wamid.E\",\"timestamp\":\"2\",\"type\":\"edit\","
                + "\"edit\":{\"original_message_id\":\"wamid.O\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"fixed\"}}}}");
        MessageEdited edited = (MessageEdited) edit.events().get(0).data();
        assertThat(edited.channelMessageId()).isEqualTo("wamid.O");
        assertThat(edited.content().text()).isEqualTo("fixed");

        Normalization revoke = message("{\"from\":\"16505551234\",\"id\":\"wamid.R\",\"timestamp\":\"3\",\"type\":\"revoke\","
                + "\"revoke\":{\"original_message_id\":\"wamid.O\"}}");
        assertThat(revoke.events().get(0).data()).isEqualTo(new MessageDeleted("wamid.O"));
    }

    @Test
    void contactKnownOnlyByBusinessScopedUserId() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "metadata":{"phone_number_id":"106540352242922"},
                "contacts":[{"profile":{"name":"Hidden","username":"@hidden"},"user_id":"US.13491208655302741918"}],
                "messages":[{"from_user_id":"US.13491208655302741918","id":"wamid.U","timestamp":"5","type":"text",
                "text":{"body":"hello"}}]}}]}]}""";
        Event event = Fixtures.NORMALIZER.normalize(Channel.WHATSAPP,
                WebhookNormalizer.parse(body.getBytes(StandardCharsets.UTF_8))).events().get(0);

        assertThat(event.subject()).isEqualTo("whatsapp:106540352242922:US.13491208655302741918");
        MessageReceived received = (MessageReceived) event.data();
        assertThat(received.contact().name()).isEqualTo("Hidden");
        assertThat(received.contact().phone()).isNull();
    }

    @Test
    void businessAppEchoesAreExternalOutbound() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"smb_message_echoes",
                "value":{"metadata":{"phone_number_id":"106540352242922"},"message_echoes":[{"from":"15550783881",
                "to":"16505551234","id":"wamid.ECHO","timestamp":"7","type":"text","text":{"body":"sent from the phone"}}]}}]}]}""";
        Event event = Fixtures.NORMALIZER.normalize(Channel.WHATSAPP,
                WebhookNormalizer.parse(body.getBytes(StandardCharsets.UTF_8))).events().get(0);

        MessageOutbound outbound = (MessageOutbound) event.data();
        assertThat(outbound.author().kind()).isEqualTo(AuthorKind.EXTERNAL);
        assertThat(outbound.channelMessageId()).isEqualTo("wamid.ECHO");
        assertThat(outbound.content().text()).isEqualTo("sent from the phone");
        assertThat(event.subject()).isEqualTo("whatsapp:106540352242922:16505551234");
    }

    @Test
    void severalEntriesChangesAndMessagesKeepTheirOrder() {
        Normalization result = message("{\"from\":\"16505551234\",\"id\":\"wamid.1\",\"timestamp\":\"1\",\"type\":\"text\","
                + "\"text\":{\"body\":\"one\"}},{\"from\":\"16505551234\",\"id\":\"wamid.2\",\"timestamp\":\"2\",\"type\":\"text\","
                + "\"text\":{\"body\":\"two\"}}");
        assertThat(result.events()).extracting(e -> ((MessageReceived) e.data()).content().text())
                .containsExactly("one", "two");
    }

    @Test
    void unknownObjectFieldAndAccountAreReportedNotDropped() {
        Normalization wrongObject = Fixtures.NORMALIZER.normalize(Channel.WHATSAPP,
                WebhookNormalizer.parse("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrongObject.unhandled()).extracting(Unhandled::reason).containsExactly(Unhandled.UNKNOWN_OBJECT);

        Normalization otherField = Fixtures.NORMALIZER.normalize(Channel.WHATSAPP, WebhookNormalizer.parse(
                ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":"
                        + "[{\"field\":\"account_alerts\",\"value\":{}}]}]}").getBytes(StandardCharsets.UTF_8)));
        assertThat(otherField.unhandled()).extracting(Unhandled::reason).containsExactly(Unhandled.UNKNOWN_FIELD);

        WebhookNormalizer nobody = new WebhookNormalizer((channel, account) -> Optional.empty(), Fixtures.CLOCK);
        Normalization unknownAccount = nobody.normalize(Channel.WHATSAPP,
                WebhookNormalizer.parse(Fixtures.meta("whatsapp-text.json")));
        assertThat(unknownAccount.events()).isEmpty();
        assertThat(unknownAccount.unhandled()).containsExactly(
                new Unhandled(Unhandled.UNKNOWN_ACCOUNT, "whatsapp:106540352242922"));
    }

    @Test
    void tenantComesFromTheAccount() {
        TenantResolver byAccount = (channel, account) -> Optional.of(account.equals(PHONE_ID) ? "globex" : "other");
        Event event = new WebhookNormalizer(byAccount, Fixtures.CLOCK)
                .normalize(Channel.WHATSAPP, WebhookNormalizer.parse(Fixtures.meta("whatsapp-text.json"))).events().get(0);
        assertThat(event.tenant()).isEqualTo("globex");
    }
}
