package io.parley.bot.kb;

import java.util.List;
import java.util.Map;

/**
 * Things customers say that no support article answers (small talk, other topics), per language. Trained as the
 * {@code oos} intent, they let a small knowledge base say "none of my articles" instead of forcing the nearest one.
 */
final class OutOfScopeExamples {

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "en", List.of("what is the weather like tomorrow", "tell me a joke", "who won the football game",
                    "what is the capital of france", "recommend a good movie", "how old are you",
                    "what time is it in tokyo", "play some music", "what is the meaning of life",
                    "how do I cook pasta", "translate hello into italian", "what is your favourite colour",
                    "what is in the news today", "book me a flight to rome"),
            "es", List.of("qué tiempo hará mañana", "cuéntame un chiste", "quién ganó el partido de fútbol",
                    "cuál es la capital de francia", "recomiéndame una película", "cuántos años tienes",
                    "pon algo de música", "cómo cocino pasta", "cuál es el sentido de la vida",
                    "cuáles son las noticias de hoy", "resérvame un vuelo a roma"),
            "pt", List.of("como vai estar o tempo amanhã", "conta uma piada", "quem ganhou o jogo de futebol",
                    "qual é a capital da frança", "recomenda um filme", "quantos anos você tem",
                    "toca uma música", "como cozinho macarrão",
                    "quais são as notícias de hoje", "reserva um voo para roma"),
            "fr", List.of("quel temps fera-t-il demain", "raconte-moi une blague", "qui a gagné le match de foot",
                    "quelle est la capitale de l'italie", "recommande-moi un film", "quel âge as-tu",
                    "mets de la musique", "comment cuire des pâtes",
                    "quelles sont les nouvelles du jour", "réserve-moi un vol pour rome"),
            "de", List.of("wie wird das wetter morgen", "erzähl mir einen witz", "wer hat das fußballspiel gewonnen",
                    "was ist die hauptstadt von frankreich", "empfiehl mir einen film", "wie alt bist du",
                    "spiel etwas musik", "wie koche ich nudeln",
                    "was gibt es heute für nachrichten", "buch mir einen flug nach rom"),
            "ru", List.of("какая погода будет завтра", "расскажи анекдот", "кто выиграл футбольный матч",
                    "какая столица франции", "посоветуй хороший фильм", "сколько тебе лет",
                    "включи музыку", "как сварить макароны", "в чём смысл жизни",
                    "какие сегодня новости", "забронируй мне билет в рим"),
            "zh", List.of("明天天气怎么样", "给我讲个笑话", "谁赢了足球比赛", "法国的首都是哪里", "推荐一部好电影",
                    "你几岁了", "放点音乐", "怎么煮意大利面", "生活的意义是什么",
                    "今天有什么新闻", "帮我订一张去罗马的机票"));

    private OutOfScopeExamples() {
    }

    static List<String> forLanguage(String language) {
        return EXAMPLES.getOrDefault(language, EXAMPLES.get("en"));
    }
}
