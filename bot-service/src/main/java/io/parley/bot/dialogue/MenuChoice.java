package io.parley.bot.dialogue;

import io.parley.events.conversation.Content;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which option of a menu the customer chose: the channel's reply id (buttons, lists, quick replies), the option's
 * number (menus rendered as numbered text), or its title typed out.
 */
public final class MenuChoice {

    private MenuChoice() {
    }

    public static Optional<Content.Option> of(List<Content.Option> options, Content reply) {
        if (reply == null) {
            return Optional.empty();
        }
        if (reply.replyId() != null) {
            Optional<Content.Option> byId = options.stream().filter(o -> o.id().equals(reply.replyId())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        String text = reply.readableText();
        if (text == null) {
            return Optional.empty();
        }
        String typed = text.strip().replaceAll("[.)]$", "");
        if (typed.matches("\\d{1,2}")) {
            int number = Integer.parseInt(typed);
            return number >= 1 && number <= options.size() ? Optional.of(options.get(number - 1)) : Optional.empty();
        }
        String lower = typed.toLowerCase(Locale.ROOT);
        return options.stream().filter(o -> o.title().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
