package io.parley.ticket.lifecycle;

import io.parley.events.conversation.Content;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a satisfaction score out of a customer's answer: "4", "5 thanks!", or a button/list reply {@code csat-3}. */
public final class CsatReply {

    public static final String OPTION_PREFIX = "csat-";
    private static final Pattern SCORE_FIRST = Pattern.compile("^\\s*([1-5])(?:\\s*(?:/\\s*5)?)(?:[\\s,.:;!-]+(.*))?$",
            Pattern.DOTALL);

    private CsatReply() {
    }

    public record Score(int score, String comment) {
    }

    public static Optional<Score> parse(Content content) {
        if (content == null) {
            return Optional.empty();
        }
        for (String id : new String[] {content.replyId(), content.payload()}) {
            if (id != null && id.startsWith(OPTION_PREFIX)) {
                return scoreOf(id.substring(OPTION_PREFIX.length()).trim(), null);
            }
        }
        String text = content.readableText();
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SCORE_FIRST.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String comment = matcher.group(2);
        return scoreOf(matcher.group(1), comment == null || comment.isBlank() ? null : comment.trim());
    }

    private static Optional<Score> scoreOf(String digits, String comment) {
        try {
            int score = Integer.parseInt(digits);
            return score >= 1 && score <= 5 ? Optional.of(new Score(score, comment)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
