package io.parley.ticket.canned;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders of a canned response, e.g. {@code {{contact.name}}}, {@code {{agent.id}}}.
 * An unknown placeholder, or one without a value, is left as written so the agent sees what still needs filling.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.]+)\\s*}}");

    private Placeholders() {
    }

    public static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
}
