package io.parley.bot.dialogue;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a customer's words say beyond their question: a request for a person, a yes or a no, strong anger. Word lists
 * for every supported language are checked whatever the detected language, because short messages are often
 * detected wrongly. Heuristics on purpose: cheap, predictable, and easy to extend.
 */
public final class CustomerSignals {

    private static final Pattern HUMAN_REQUEST = wordPattern(List.of(
            // en
            "human", "humans", "agent", "real person", "a person", "live person", "representative", "operator",
            "someone real", "talk to someone", "speak to someone", "customer service rep", "support staff",
            // es
            "humano", "persona real", "una persona", "agente", "operador", "asesor", "hablar con alguien",
            // pt
            "atendente", "pessoa real", "uma pessoa", "falar com alguém", "falar com alguem",
            // fr
            "humain", "une personne", "conseiller", "vrai personne", "parler à quelqu'un", "parler a quelqu'un",
            // de
            "mensch", "menschen", "mitarbeiter", "berater", "echte person",
            // ru
            "оператор", "оператора", "человек", "человеком", "живой", "сотрудник", "сотрудника", "менеджер",
            "менеджера", "агент"));
    private static final List<String> HUMAN_REQUEST_HAN = List.of("人工", "真人", "客服人员", "转人工", "找客服");

    private static final Pattern YES = wordPattern(List.of("yes", "yep", "yeah", "it did", "solved", "sí", "si",
            "claro", "sim", "oui", "ja", "да", "thanks", "thank you", "gracias", "obrigado", "obrigada", "merci",
            "danke", "спасибо"));
    private static final List<String> YES_HAN = List.of("是", "是的", "对", "解决了", "谢谢", "好的");
    private static final Pattern NO = wordPattern(List.of("no", "nope", "not really", "didn't", "did not",
            "não", "nao", "non", "nein", "нет", "не помогло"));
    private static final List<String> NO_HAN = List.of("否", "不", "没有", "不是", "没解决");

    private static final Pattern ANGRY = Pattern.compile("(?iu)(?<![\\p{L}])(" + String.join("|", List.of(
            "terrible", "awful", "horrible", "worst", "useless", "ridiculous", "disgusting", "furious", "hate",
            "scam", "fraud", "unacceptable", "pathetic", "incompetent", "garbage", "rubbish",
            "pésim\\p{L}*", "inútil", "odio", "estafa", "vergüenza", "inaceptable", "harto", "harta",
            "péssim\\p{L}*", "odeio", "golpe", "absurdo", "vergonha", "inaceitável",
            "nul", "inadmissible", "honteux", "arnaque", "déteste", "inutile", "furieux",
            "schrecklich", "furchtbar", "nutzlos", "unverschämt", "betrug", "hasse", "katastrophe", "wütend",
            "ужасн\\p{L}*", "отвратительн\\p{L}*", "бесполезн\\p{L}*", "мошенни\\p{L}*", "ненавижу", "позор",
            "безобразие", "кошмар")) + ")");
    private static final List<String> ANGRY_HAN = List.of("垃圾", "太差", "骗子", "愤怒", "恶心", "差劲", "气死");

    private CustomerSignals() {
    }

    public static boolean asksForPerson(String text) {
        return text != null && (HUMAN_REQUEST.matcher(normalised(text)).find() || containsAny(text, HUMAN_REQUEST_HAN));
    }

    public static boolean saysYes(String text) {
        return text != null && isShort(text)
                && (YES.matcher(normalised(text)).find() || containsAny(text, YES_HAN)) && !saysNo(text);
    }

    public static boolean saysNo(String text) {
        return text != null && isShort(text) && (NO.matcher(normalised(text)).find() || startsWithAny(text, NO_HAN));
    }

    /** Two strongly negative words, or one said loudly (exclamation marks, capitals). */
    public static boolean isStronglyNegative(String text) {
        if (text == null) {
            return false;
        }
        long hits = ANGRY.matcher(normalised(text)).results().count()
                + ANGRY_HAN.stream().filter(text::contains).count();
        return hits >= 2 || hits == 1 && isLoud(text);
    }

    private static boolean isLoud(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        long capitals = text.codePoints().filter(Character::isUpperCase).count();
        return text.contains("!!") || letters >= 8 && capitals * 10 >= letters * 7;
    }

    /** A yes or no is an answer only as a short reply, not inside a new question. */
    private static boolean isShort(String text) {
        return text.strip().split("\\s+").length <= 4;
    }

    private static boolean containsAny(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }

    private static boolean startsWithAny(String text, List<String> prefixes) {
        String stripped = text.strip();
        return prefixes.stream().anyMatch(stripped::startsWith);
    }

    private static Pattern wordPattern(List<String> phrases) {
        return Pattern.compile("(?iu)(?<![\\p{L}])(" + String.join("|", phrases.stream().map(Pattern::quote).toList())
                + ")(?![\\p{L}])");
    }

    private static String normalised(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
