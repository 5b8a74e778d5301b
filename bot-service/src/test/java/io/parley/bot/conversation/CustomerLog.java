package io.parley.bot.conversation;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.Topics;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.envelope.EventCodec;
import io.parley.events.ids.ConversationId;
import io.parley.events.ids.EventIds;
import io.parley.testkit.kafka.TopicMark;
import io.parley.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** One customer's conversation on the real log: writes what the customer (or another service) does, reads the bot. */
final class CustomerLog {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TopicProbe probe;
    final String tenant;
    final ConversationId conversation;

    CustomerLog(TopicProbe probe, String tenant, ConversationId conversation) {
        this.probe = probe;
        this.tenant = tenant;
        this.conversation = conversation;
    }

    static CustomerLog api(TopicProbe probe, String tenant) {
        return new CustomerLog(probe, tenant, ConversationId.api("web-widget", "user-" + UUID.randomUUID()));
    }

    static CustomerLog whatsapp(TopicProbe probe, String tenant) {
        return new CustomerLog(probe, tenant, ConversationId.whatsapp("106540352242922",
                Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()))));
    }

    TopicMark mark() {
        return probe.mark(Topics.CONVERSATION_EVENTS);
    }

    /** Where the log ends now on the partitions written since {@code since} (this conversation's, in a quiet test). */
    Map<TopicPartition, Long> partitionsWrittenSince(TopicMark since) {
        return mark().offsets().entrySet().stream()
                .filter(end -> end.getValue() > since.offsets().getOrDefault(end.getKey(), 0L))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Event last;

    /** The customer writes; returns the mark before it. */
    TopicMark writes(Content content) {
        TopicMark before = mark();
        String channelMessageId = "m-" + UUID.randomUUID();
        Instant now = Instant.now();
        last = new Event(EventIds.forChannelMessage(conversation.channel(), channelMessageId),
                "/ingest/" + conversation.channel().wireName(), conversation.toString(), now, tenant, null,
                new MessageReceived(conversation.channel(), conversation.account(), channelMessageId,
                        new Contact(conversation.user(), "Sheena", null), content, null, null, null, now));
        append(last);
        return before;
    }

    /** The channel delivers the customer's last message again (a webhook retry): same event id. */
    void writesTheLastMessageAgain() {
        append(last);
    }

    TopicMark writes(String text) {
        return writes(Content.text(text));
    }

    /** Another service appends an event to this conversation. */
    void happens(String source, EventData data) {
        append(new Event(UUID.randomUUID().toString(), source, conversation.toString(), Instant.now(), tenant, null, data));
    }

    /** The first {@code count} events of this conversation since the mark that satisfy {@code match}. */
    <T extends EventData> List<T> await(TopicMark from, Class<T> type, int count, Predicate<T> match) {
        Predicate<ConsumerRecord<String, byte[]>> matches = record -> conversation.toString().equals(record.key())
                && decode(record).filter(type::isInstance).map(type::cast).filter(match).isPresent();
        return probe.await(from, count, matches, TIMEOUT).stream()
                .map(record -> type.cast(decode(record).orElseThrow())).toList();
    }

    <T extends EventData> T awaitOne(TopicMark from, Class<T> type) {
        return await(from, type, 1, any -> true).get(0);
    }

    /** Every event of this conversation since the mark, up to {@code count}. */
    List<EventData> events(TopicMark from, int count) {
        return probe.await(from, count, record -> conversation.toString().equals(record.key()), TIMEOUT).stream()
                .map(record -> decode(record).orElseThrow()).toList();
    }

    /** Every event of this conversation from the mark to where the log ends now, each as often as the log has it. */
    List<Event> history(TopicMark from) {
        return probe.between(from, mark()).stream()
                .filter(record -> conversation.toString().equals(record.key()))
                .map(record -> EventCodec.decode(record.value()).orElseThrow())
                .toList();
    }

    private void append(Event event) {
        probe.append(Topics.CONVERSATION_EVENTS, event.subject(), EventCodec.encode(event));
    }

    private static java.util.Optional<EventData> decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()).map(Event::data);
    }
}
