package io.parley.bot.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders: a slot the customer filled, or {@code {{response.a.b}}}, a field of an HTTP step's
 * JSON response. Unknown names become empty text.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([\\w.-]+)\\s*}}");
    private static final String RESPONSE = "response.";

    private Templates() {
    }

    public static String render(String template, Map<String, String> slots, JsonNode response,
                                UnaryOperator<String> escape) {
        if (template == null) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value(matcher.group(1), slots, response))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String value(String name, Map<String, String> slots, JsonNode response) {
        if (name.startsWith(RESPONSE) && response != null) {
            JsonNode node = response.at("/" + name.substring(RESPONSE.length()).replace('.', '/'));
            return node.isMissingNode() || node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
        }
        return slots.getOrDefault(name, "");
    }
}
