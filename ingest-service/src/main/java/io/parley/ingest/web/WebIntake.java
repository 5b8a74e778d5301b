package io.parley.ingest.web;

import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.Contact;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageContext;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.ids.EventIds;
import io.parley.events.web.VisitorToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A visitor's post from the widget, checked and turned into the same events every channel writes: a
 * {@code message.received} (text, or the option a visitor clicked as an interactive reply, with the page URL and
 * locale as context); a message left outside hours adds a {@code handoff-requested} with reason
 * {@value #LEAVE_MESSAGE}, on which ticket-service opens a ticket.
 */
public final class WebIntake {

    public static final String LEAVE_MESSAGE = "leave-message";
    private static final String SOURCE = "/ingest/web";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{5,32}");
    private static final int MAX_FIELD = 2048;

    private final int maxTextLength;

    public WebIntake(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    public record PageContext(String pageUrl, String locale) {
    }

    public record Reply(String id, String title) {
    }

    /** {@code id} is {@code <visitor>.<client id>}: the widget names its messages, so a retry is deduplicated. */
    public record Post(String id, String text, Reply reply, PageContext context) {
    }

    public record LeftMessage(String id, String text, String name, String email, String phone, PageContext context) {
    }

    /** What is wrong with a post; empty when it can be taken. */
    public List<String> problems(VisitorToken visitor, Post post) {
        List<String> problems = new ArrayList<>();
        checkId(visitor, post.id(), problems);
        boolean hasText = post.text() != null && !post.text().isBlank();
        boolean hasReply = post.reply() != null && post.reply().id() != null && post.reply().title() != null;
        if (hasText == hasReply) {
            problems.add("send either \"text\" or the clicked option as \"reply\": {\"id\", \"title\"}");
        }
        checkLength("text", post.text(), maxTextLength, problems);
        if (post.reply() != null) {
            checkLength("reply.id", post.reply().id(), 256, problems);
            checkLength("reply.title", post.reply().title(), 256, problems);
        }
        checkContext(post.context(), problems);
        return problems;
    }

    public List<String> problems(VisitorToken visitor, LeftMessage left) {
        List<String> problems = new ArrayList<>();
        checkId(visitor, left.id(), problems);
        if (left.text() == null || left.text().isBlank()) {
            problems.add("\"text\" is required: the message to answer later");
        }
        checkLength("text", left.text(), maxTextLength, problems);
        checkLength("name", left.name(), 200, problems);
        boolean hasEmail = left.email() != null && !left.email().isBlank();
        boolean hasPhone = left.phone() != null && !left.phone().isBlank();
        if (!hasEmail && !hasPhone) {
            problems.add("leave an \"email\" or a \"phone\" so that someone can answer later");
        }
        if (hasEmail && !EMAIL.matcher(left.email().trim()).matches()) {
            problems.add("email '" + left.email() + "' is not an e-mail address like ana@example.com");
        }
        if (hasPhone && !PHONE.matcher(left.phone().trim()).matches()) {
            problems.add("phone '" + left.phone() + "' is not a phone number like +34 600 123 456");
        }
        checkContext(left.context(), problems);
        return problems;
    }

    public List<Event> message(VisitorToken visitor, Post post, Instant now) {
        Content content = post.reply() != null && post.reply().id() != null
                ? Content.builder("interactive").replyId(post.reply().id()).replyTitle(post.reply().title()).build()
                : Content.text(post.text());
        return List.of(received(visitor, post.id(), new Contact(contactId(visitor), null, null), content,
                post.context(), now));
    }

    public List<Event> leaveMessage(VisitorToken visitor, LeftMessage left, Instant now) {
        String phone = blankToNull(left.phone());
        String email = blankToNull(left.email());
        Event message = received(visitor, left.id(), new Contact(contactId(visitor), blankToNull(left.name()),
                phone == null ? null : phone.trim()), Content.text(left.text()), left.context(), now);
        String reachAt = String.join(", ", List.of(email == null ? "" : "e-mail " + email.trim(),
                phone == null ? "" : "phone " + phone.trim()).stream().filter(s -> !s.isEmpty()).toList());
        String summary = "Left a message while nobody was available; answer at " + reachAt + ": " + left.text();
        Event handoff = new Event(EventIds.derived(message.id(), LEAVE_MESSAGE), SOURCE, message.subject(), now,
                visitor.tenant(), message.id(), new HandoffRequested(LEAVE_MESSAGE, summary,
                        languageOf(left.context()), List.of()));
        return List.of(message, handoff);
    }

    private Event received(VisitorToken visitor, String id, Contact contact, Content content, PageContext context,
            Instant now) {
        MessageContext messageContext = context == null ? null
                : new MessageContext(blankToNull(context.pageUrl()), blankToNull(context.locale()));
        return new Event(EventIds.forChannelMessage(Channel.WEB, id), SOURCE, visitor.conversation().toString(), now,
                visitor.tenant(), null, new MessageReceived(Channel.WEB, visitor.channelId(), id, contact, content,
                        null, null, messageContext, now));
    }

    /** A signed-in user is known by the business's own id, across devices and in the agents' contact history. */
    private static String contactId(VisitorToken visitor) {
        return visitor.userId() != null ? visitor.userId() : visitor.visitor();
    }

    private static void checkId(VisitorToken visitor, String id, List<String> problems) {
        String prefix = visitor.visitor() + ".";
        if (id == null || !id.startsWith(prefix) || !CLIENT_ID.matcher(id.substring(prefix.length())).matches()) {
            problems.add("\"id\" must be your visitor id, a dot and 1-64 letters, digits, '_' or '-' (e.g. "
                    + prefix + "9f2c…), not '" + id + "': it names the message, so a retry is not kept twice");
        }
    }

    private static void checkLength(String field, String value, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(field + " has " + value.length() + " characters; at most " + max + " are taken");
        }
    }

    private static void checkContext(PageContext context, List<String> problems) {
        if (context != null) {
            checkLength("context.pageUrl", context.pageUrl(), MAX_FIELD, problems);
            checkLength("context.locale", context.locale(), 35, problems);
        }
    }

    private static String languageOf(PageContext context) {
        if (context == null || context.locale() == null || context.locale().isBlank()) {
            return null;
        }
        return Locale.forLanguageTag(context.locale()).getLanguage();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
