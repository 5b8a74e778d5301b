package io.parley.bot.dialogue;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a customer's words say beyond their question: a request for a person, a yes or a no, strong anger. Word lists
 * for every supported language are checked whatever the detected language, because short messages are often
 * detected wrongly. Heuristics on purpose: cheap, predictable, and easy to extend.
 */
public final class CustomerSignals {

    /** Phrases that ask for a person whatever surrounds them. */
    private static final Pattern HUMAN_REQUEST = wordPattern(List.of(
            // en
            "real person", "live person", "live agent", "human agent", "talk to someone", "speak to someone",
            "speak with someone", "customer service rep", "support staff",
            // es
            "persona real", "hablar con alguien", "una persona de verdad",
            // pt
            "pessoa real", "falar com alguém", "falar com alguem",
            // fr
            "vraie personne", "vrai personne", "parler à quelqu'un", "parler a quelqu'un",
            // de
            "echte person", "echten menschen", "mit jemandem sprechen",
            // ru
            "живой человек", "живого человека", "живым человеком"));
    /**
     * Words that name somebody to talk to. Alone they are ambiguous ("can a person open two accounts?", "сколько
     * человек…"): they ask for a person as a short message of their own or next to an {@link #ASKING} word.
     */
    private static final Set<String> PERSON = Set.of(
            "human", "humans", "agent", "person", "someone", "somebody", "operator", "representative", "rep",
            "staff", "advisor", "adviser",
            "humano", "persona", "agente", "operador", "asesor", "alguien",
            "atendente", "pessoa", "alguém", "alguem",
            "humain", "personne", "conseiller", "conseillère", "quelqu'un", "opérateur",
            "mensch", "menschen", "mitarbeiter", "mitarbeiterin", "berater", "beraterin", "jemand", "jemandem",
            "оператор", "оператора", "оператором", "человек", "человека", "человеком", "сотрудник", "сотрудника",
            "сотрудником", "менеджер", "менеджера", "менеджером", "агент", "агента", "специалист", "специалиста",
            "специалистом");
    /** Verbs and wishes that, near a {@link #PERSON} word, make it a request: "talk", "quiero", "позовите"… */
    private static final Set<String> ASKING = Set.of(
            "talk", "speak", "chat", "connect", "transfer", "put", "get", "want", "need", "give", "contact", "reach",
            "call",
            "hablar", "quiero", "necesito", "comunicar", "comunicarme", "pasar", "pásame", "pasame", "contactar",
            "ponme", "ponerme",
            "falar", "quero", "preciso", "conversar", "passar", "contatar",
            "parler", "veux", "voudrais", "besoin", "contacter", "passer", "joindre",
            "sprechen", "reden", "möchte", "will", "brauche", "verbinden", "erreichen",
            "позовите", "позови", "соедините", "соедини", "переключите", "переключи", "хочу", "нужен", "нужна",
            "поговорить", "говорить", "связаться", "свяжите", "дайте", "позвать");
    /** How far an asking word may stand before a person word ("want to talk to a human") or after it (German). */
    private static final int ASKING_BEFORE = 4;
    private static final int ASKING_AFTER = 3;
    /** "Agent", "human please", "оператор!": a person word in a message this short is a request. */
    private static final int SHORT_REQUEST_WORDS = 3;
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
        if (text == null) {
            return false;
        }
        String normalised = normalised(text);
        if (HUMAN_REQUEST.matcher(normalised).find() || containsAny(text, HUMAN_REQUEST_HAN)) {
            return true;
        }
        List<String> words = Arrays.stream(normalised.split("[^\\p{L}']+")).filter(w -> !w.isEmpty()).toList();
        for (int i = 0; i < words.size(); i++) {
            if (PERSON.contains(words.get(i)) && (words.size() <= SHORT_REQUEST_WORDS || askingNear(words, i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean askingNear(List<String> words, int person) {
        for (int j = Math.max(0, person - ASKING_BEFORE); j <= Math.min(words.size() - 1, person + ASKING_AFTER); j++) {
            if (ASKING.contains(words.get(j))) {
                return true;
            }
        }
        return false;
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
