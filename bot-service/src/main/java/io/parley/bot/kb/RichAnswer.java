package io.parley.bot.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional rich part of an answer: quick-reply buttons (their titles come back as the customer's next message),
 * links appended to the text, and media sent after it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RichAnswer(List<String> buttons, List<Link> links, List<Media> media) {

    public RichAnswer {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        links = links == null ? List.of() : List.copyOf(links);
        media = media == null ? List.of() : List.copyOf(media);
    }

    public record Link(String title, String url) {
    }

    /** {@code kind} is a message content kind: image, video, document or audio. */
    public record Media(String kind, String url, String caption) {
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (buttons.size() > 10) {
            problems.add("at most 10 buttons (channels show no more), got " + buttons.size());
        }
        links.stream().filter(link -> link.url() == null || !link.url().matches("https?://\\S+"))
                .forEach(link -> problems.add("link '" + link.title() + "' needs an http(s) url"));
        media.stream().filter(item -> !List.of("image", "video", "document", "audio").contains(item.kind()))
                .forEach(item -> problems.add("media kind '" + item.kind() + "' must be image, video, document or audio"));
        media.stream().filter(item -> item.url() == null || !item.url().matches("https?://\\S+"))
                .forEach(item -> problems.add("media needs an http(s) url, got '" + item.url() + "'"));
        return problems;
    }
}
