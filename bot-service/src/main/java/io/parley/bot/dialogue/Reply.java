package io.parley.bot.dialogue;

import io.parley.events.Channel;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Author;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.ids.EventIds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The bot's reaction to one customer message, in the order it goes to the log. Message ids derive from the
 * customer's event id, so a reprocessed message yields the same ids and is never sent twice.
 */
final class Reply {

    private final String causeId;
    private final Channel channel;
    private final List<EventData> events = new ArrayList<>();
    private int messages;

    Reply(String causeId, Channel channel) {
        this.causeId = causeId;
        this.channel = channel;
    }

    /** Sends what the bot says, rendered for the channel; returns the message id. */
    String say(Say say) {
        String messageId = EventIds.derived(causeId, "message-" + messages++);
        events.add(new MessageOutbound(messageId, new Author(AuthorKind.BOT, null), render(say), null, null));
        return messageId;
    }

    void sayAll(List<Say> says) {
        says.forEach(this::say);
    }

    void emit(EventData data) {
        events.add(data);
    }

    List<EventData> events() {
        return List.copyOf(events);
    }

    /** Menus natively where the channel has them (ingest renders buttons, lists, quick replies); numbered text elsewhere. */
    private Content render(Say say) {
        if (say.media() != null) {
            return say.media();
        }
        if (say.options().isEmpty()) {
            return Content.text(say.text());
        }
        if (channel != Channel.API) {
            return Content.menu(say.text(), say.options());
        }
        String numbered = IntStream.range(0, say.options().size())
                .mapToObj(i -> (i + 1) + ". " + say.options().get(i).title())
                .collect(Collectors.joining("\n"));
        return Content.text(say.text() + "\n" + numbered);
    }
}
