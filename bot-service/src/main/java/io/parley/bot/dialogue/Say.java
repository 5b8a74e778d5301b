package io.parley.bot.dialogue;

import io.parley.events.conversation.Content;
import java.util.List;

/** Something the bot says: text, with choices when it asks the customer to pick one. Rendered per channel later. */
public record Say(String text, List<Content.Option> options, Content media) {

    public Say {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static Say text(String text) {
        return new Say(text, List.of(), null);
    }

    public static Say menu(String text, List<Content.Option> options) {
        return new Say(text, options, null);
    }

    public static Say media(Content media) {
        return new Say(null, List.of(), media);
    }
}
