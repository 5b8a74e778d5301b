package io.parley.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.DeliveryStatus;
import io.parley.events.conversation.ConversationEvent.MessageDeleted;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.MessageStatus;
import io.parley.events.ids.EventIds;
import io.parley.ingest.normalize.Fixtures;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.normalize.WebhookNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagingNormalizerTest {

    private static final String PAGE = "108464318921034";
    private static final String USER = "6783409285011824";
    private static final String IG_ACCOUNT = "17841405309211844";
    private static final String IG_USER = "1288301955071263";

    private static Normalization normalize(Channel channel, byte[] body) {
        return Fixtures.NORMALIZER.normalize(channel, WebhookNormalizer.parse(body));
    }

    /** One messaging item, from the customer unless it says otherwise. */
    private static Normalization item(Channel channel, String itemJson) {
        String object = channel == Channel.MESSENGER ? "page" : "instagram";
        String account = channel == Channel.MESSENGER ? PAGE : IG_ACCOUNT;
        String user = channel == Channel.MESSENGER ? USER : IG_USER;
        String body = "{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"" + account + "\",\"time\":1,\"messaging\":[{"
                + "\"sender\":{\"id\":\"" + user + "\"},\"recipient\":{\"id\":\"" + account + "\"},\"timestamp\":1749416383201,"
                + itemJson + "}]}]}";
        return normalize(channel, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Content contentOf(Normalization result) {
        assertThat(result.unhandled()).isEmpty();
        return ((MessageReceived) result.events().get(0).data()).content();
    }

    @Test
    void messengerBatchInOrder() {
        Normalization result = normalize(Channel.MESSENGER, Fixtures.meta("messenger-batch.json"));

        assertThat(result.unhandled()).isEmpty();
        List<Event> events = result.events();
        assertThat(events).hasSize(5);
        assertThat(events).extracting(Event::type).containsExactly("parley.message.received.v1",
                "parley.message.received.v1", "parley.message.outbound.v1", "parley.message.status.v1",
                "parley.message.status.v1");
        assertThat(events).extracting(Event::subject).containsOnly("messenger:" + PAGE + ":" + USER);

        MessageReceived text = (MessageReceived) events.get(0).data();
        assertThat(text.content().text()).isEqualTo("Hi, can I change my delivery address?");
        assertThat(events.get(0).time()).isEqualTo(Instant.ofEpochMilli(1749416383201L));
        assertThat(events.get(0).id()).isEqualTo(EventIds.forChannelMessage(Channel.MESSENGER,
                "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P"));

        Content postback = ((MessageReceived) events.get(1).data()).content();
        assertThat(postback.kind()).isEqualTo(Content.POSTBACK);
        assertThat(postback.payload()).isEqualTo("TRACK_ORDER");
        assertThat(postback.replyTitle()).isEqualTo("Track my order");

        MessageOutbound echo = (MessageOutbound) events.get(2).data();
        assertThat(echo.author().kind()).isEqualTo(AuthorKind.EXTERNAL);
        assertThat(echo.channelMessageId()).isEqualTo("m_echo_9Xk2LmQ7rT");
        assertThat(echo.content().text()).isEqualTo("Sure — what is the new address?");

        MessageStatus delivered = (MessageStatus) events.get(3).data();
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.channelMessageId()).isEqualTo("m_echo_9Xk2LmQ7rT");
        assertThat(((MessageStatus) events.get(4).data()).status()).isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void instagramStoryReplyCarriesTheStory() {
        Normalization result = normalize(Channel.INSTAGRAM, Fixtures.meta("instagram-story-reply.json"));

        Event event = result.events().get(0);
        assertThat(event.subject()).isEqualTo("instagram:" + IG_ACCOUNT + ":" + IG_USER);
        assertThat(event.source()).isEqualTo("/ingest/instagram");
        MessageReceived received = (MessageReceived) event.data();
        assertThat(received.content().text()).isEqualTo("Is this jacket still available in M?");
        assertThat(received.referral().type()).isEqualTo("story_reply");
        assertThat(received.referral().id()).isEqualTo("17966546282727331");
        assertThat(received.referral().url()).startsWith("https://lookaside.fbsbx.com/");
    }

    @Test
    void attachmentsQuickRepliesAndReplies() {
        Content image = contentOf(item(Channel.MESSENGER, "\"message\":{\"mid\":\"m1\",\"attachments\":"
                + "[{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn/x.jpg\"}}]}"));
        assertThat(image.kind()).isEqualTo("image");
        assertThat(image.url()).isEqualTo("https://cdn/x.jpg");

        Content quick = contentOf(item(Channel.MESSENGER,
                "\"message\":{\"mid\":\"m2\",\"text\":\"Yes\",\"quick_reply\":{\"payload\":\"CONFIRM\"}}"));
        assertThat(quick.kind()).isEqualTo(Content.INTERACTIVE);
        assertThat(quick.replyId()).isEqualTo("CONFIRM");

        Normalization twoFiles = item(Channel.MESSENGER, "\"message\":{\"mid\":\"m3\",\"reply_to\":{\"mid\":\"m0\"},"
                + "\"attachments\":[{\"type\":\"file\",\"payload\":{\"url\":\"https://cdn/a.pdf\"}},"
                + "{\"type\":\"location\",\"payload\":{\"coordinates\":{\"lat\":1.5,\"long\":2.5}}}]}");
        assertThat(twoFiles.events()).extracting(e -> ((MessageReceived) e.data()).channelMessageId())
                .containsExactly("m3", "m3#1");
        MessageReceived second = (MessageReceived) twoFiles.events().get(1).data();
        assertThat(second.content().latitude()).isEqualTo(1.5);
        assertThat(second.replyToChannelMessageId()).isEqualTo("m0");
    }

    @Test
    void reactionsAndReferrals() {
        Content love = contentOf(item(Channel.MESSENGER,
                "\"reaction\":{\"mid\":\"m_ours\",\"action\":\"react\",\"reaction\":\"love\",\"emoji\":\"❤\"}"));
        assertThat(love.emoji()).isEqualTo("❤");
        assertThat(love.reactedTo()).isEqualTo("m_ours");
        Content unreact = contentOf(item(Channel.INSTAGRAM,
                "\"reaction\":{\"mid\":\"m_ours\",\"action\":\"unreact\"}"));
        assertThat(unreact.emoji()).isNull();

        Normalization referral = item(Channel.MESSENGER,
                "\"referral\":{\"ref\":\"spring-sale\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}");
        MessageReceived received = (MessageReceived) referral.events().get(0).data();
        assertThat(received.referral().ref()).isEqualTo("spring-sale");
        assertThat(received.referral().source()).isEqualTo("SHORTLINK");
    }

    @Test
    void instagramShareMentionUnsendAndRead() {
        Content share = contentOf(item(Channel.INSTAGRAM,
                "\"message\":{\"mid\":\"i1\",\"attachments\":[{\"type\":\"share\",\"payload\":{\"url\":\"https://ig/p/1\"}}]}"));
        assertThat(share.kind()).isEqualTo("share");
        assertThat(share.url()).isEqualTo("https://ig/p/1");

        Content mention = contentOf(item(Channel.INSTAGRAM, "\"message\":{\"mid\":\"i2\",\"attachments\":"
                + "[{\"type\":\"story_mention\",\"payload\":{\"url\":\"https://cdn/story\"}}]}"));
        assertThat(mention.kind()).isEqualTo("story_mention");

        Normalization unsend = item(Channel.INSTAGRAM, "\"message\":{\"mid\":\"i3\",\"is_deleted\":true}");
        assertThat(unsend.events().get(0).data()).isEqualTo(new MessageDeleted("i3"));

        Normalization read = item(Channel.INSTAGRAM, "\"read\":{\"mid\":\"i_ours\"}");
        assertThat(read.events().get(0).data()).isEqualTo(new MessageStatus("i_ours", DeliveryStatus.READ, null));
    }

    @Test
    void echoesOfParleysOwnSendsAreCountedNotRepublished() {
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"messaging\":[{\"sender\":{\"id\":\""
                + PAGE + "\"},\"recipient\":{\"id\":\"" + USER + "\"},\"timestamp\":1,\"message\":{\"is_echo\":true,"
                + "\"mid\":\"m_e\",\"text\":\"hi\",\"metadata\":\"parley:msg-1\"}}]}]}";
        Normalization result = normalize(Channel.MESSENGER, body.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).isEmpty();
        assertThat(result.unhandled()).extracting(Unhandled::reason).containsExactly(Unhandled.OWN_ECHO);
    }

    @Test
    void unknownItemsAndChangesAreReported() {
        assertThat(item(Channel.MESSENGER, "\"optin\":{\"ref\":\"x\"}").unhandled())
                .extracting(Unhandled::reason).containsExactly(Unhandled.UNKNOWN_EVENT);
        String comments = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":"
                + "[{\"field\":\"comments\",\"value\":{}}]}]}";
        assertThat(normalize(Channel.INSTAGRAM, comments.getBytes(StandardCharsets.UTF_8)).unhandled())
                .extracting(Unhandled::reason).containsExactly(Unhandled.UNKNOWN_FIELD);
        assertThat(normalize(Channel.MESSENGER, Fixtures.meta("instagram-story-reply.json")).unhandled())
                .extracting(Unhandled::reason).containsExactly(Unhandled.UNKNOWN_OBJECT);
    }

    @Test
    void anEntryThatCannotBeReadNeitherThrowsNorBlocksTheOthers() {
        String body = """
                {"object":"instagram","entry":[
                {"id":"bad:account","time":1,"messaging":[{"sender":{"id":"1"},"recipient":{"id":"bad:account"},
                 "timestamp":1749416383201,"message":{"mid":"m-bad","text":"lost?"}}]},
                {"id":"%s","time":1,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":1749416383202,"message":{"mid":"m-good","text":"kept"}}]}]}"""
                .formatted(IG_ACCOUNT, IG_USER, IG_ACCOUNT);

        Normalization result = normalize(Channel.INSTAGRAM, body.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).extracting(event -> ((MessageReceived) event.data()).channelMessageId())
                .containsExactly("m-good");
        assertThat(result.unhandled()).extracting(Unhandled::reason).containsExactly(Unhandled.UNREADABLE);
    }
}
