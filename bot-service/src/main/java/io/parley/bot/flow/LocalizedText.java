package io.parley.bot.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text a flow shows the customer, in one or several languages: {@code "Track an order"} for every customer, or
 * {@code {"en": "Track an order", "es": "Seguir un pedido"}}. The customer's language is used when the flow has it;
 * otherwise English, otherwise the first language given.
 */
public record LocalizedText(Map<String, String> byLanguage) {

    private static final String ANY_LANGUAGE = "*";
    private static final String FALLBACK_LANGUAGE = "en";

    public LocalizedText {
        byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
    }

    public static LocalizedText of(String text) {
        return new LocalizedText(Map.of(ANY_LANGUAGE, text));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LocalizedText fromJson(Object json) {
        if (json instanceof String text) {
            return of(text);
        }
        if (json instanceof Map<?, ?> map && !map.isEmpty() && map.entrySet().stream()
                .allMatch(entry -> entry.getKey() instanceof String && entry.getValue() instanceof String)) {
            Map<String, String> texts = new LinkedHashMap<>();
            map.forEach((language, text) -> texts.put((String) language, (String) text));
            return new LocalizedText(texts);
        }
        throw new IllegalArgumentException("a text is a string, or an object of language codes to strings such as"
                + " {\"en\": \"Track an order\", \"es\": \"Seguir un pedido\"}");
    }

    @JsonValue
    Object toJson() {
        boolean forEveryone = byLanguage.size() == 1 && byLanguage.containsKey(ANY_LANGUAGE);
        return forEveryone ? byLanguage.get(ANY_LANGUAGE) : byLanguage;
    }

    public String in(String language) {
        String text = byLanguage.get(language);
        if (text == null) {
            text = byLanguage.getOrDefault(ANY_LANGUAGE, byLanguage.get(FALLBACK_LANGUAGE));
        }
        return text != null ? text : byLanguage.values().iterator().next();
    }

    public boolean isBlank() {
        return byLanguage.values().stream().allMatch(String::isBlank);
    }
}
