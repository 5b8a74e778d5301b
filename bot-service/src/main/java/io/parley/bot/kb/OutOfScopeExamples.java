package io.parley.bot.kb;

import java.util.List;
import java.util.Map;

/**
 * Things customers say that no support article answers (small talk, other topics), per language. Many begin with the
 * question words support questions begin with too ("how long", "сколько", "哪里"), so that a small knowledge base
 * learns that a question word alone is no evidence for its one article that has it. Trained as the
 * {@code oos} intent, they let a small knowledge base say "none of my articles" instead of forcing the nearest one.
 */
final class OutOfScopeExamples {

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "en", List.of("what is the weather like tomorrow", "tell me a joke", "who won the football game",
                    "what is the capital of france", "recommend a good movie", "how old are you",
                    "what time is it in tokyo", "play some music", "what is the meaning of life",
                    "how do I cook pasta", "translate hello into italian", "what is your favourite colour",
                    "what is in the news today", "book me a flight to rome",
                    "how much does a house cost in london", "where is the nearest train station",
                    "when does the sun set today", "how many people live in china",
                    "can you help me with my homework", "where do penguins live",
                    "how long does it take to boil an egg", "which phone should I buy",
                    "is it going to snow this week", "who is the president of brazil"),
            "es", List.of("qué tiempo hará mañana", "cuéntame un chiste", "quién ganó el partido de fútbol",
                    "cuál es la capital de francia", "recomiéndame una película", "cuántos años tienes",
                    "pon algo de música", "cómo cocino pasta", "cuál es el sentido de la vida",
                    "cuáles son las noticias de hoy", "resérvame un vuelo a roma",
                    "cuánto cuesta una casa en madrid", "dónde está la estación de tren más cercana",
                    "cuándo se pone el sol hoy", "cuántas personas viven en china", "ayúdame con mis deberes",
                    "dónde viven los pingüinos", "cuánto tarda en hervir un huevo", "qué móvil me compro",
                    "va a nevar esta semana", "quién es el presidente de brasil"),
            "pt", List.of("como vai estar o tempo amanhã", "conta uma piada", "quem ganhou o jogo de futebol",
                    "qual é a capital da frança", "recomenda um filme", "quantos anos você tem",
                    "toca uma música", "como cozinho macarrão",
                    "quais são as notícias de hoje", "reserva um voo para roma",
                    "quanto custa uma casa em lisboa", "onde fica a estação de comboios mais próxima",
                    "quando é o pôr do sol hoje", "quantas pessoas vivem na china",
                    "ajuda-me com os trabalhos de casa", "onde vivem os pinguins",
                    "quanto tempo demora a cozer um ovo", "que telemóvel devo comprar", "vai nevar esta semana",
                    "quem é o presidente do brasil"),
            "fr", List.of("quel temps fera-t-il demain", "raconte-moi une blague", "qui a gagné le match de foot",
                    "quelle est la capitale de l'italie", "recommande-moi un film", "quel âge as-tu",
                    "mets de la musique", "comment cuire des pâtes",
                    "quelles sont les nouvelles du jour", "réserve-moi un vol pour rome",
                    "combien coûte une maison à paris", "où est la gare la plus proche",
                    "à quelle heure se couche le soleil", "combien de personnes vivent en chine",
                    "aide-moi pour mes devoirs", "où vivent les pingouins",
                    "combien de temps faut-il pour cuire un œuf", "quel téléphone acheter",
                    "va-t-il neiger cette semaine", "qui est le président du brésil"),
            "de", List.of("wie wird das wetter morgen", "erzähl mir einen witz", "wer hat das fußballspiel gewonnen",
                    "was ist die hauptstadt von frankreich", "empfiehl mir einen film", "wie alt bist du",
                    "spiel etwas musik", "wie koche ich nudeln",
                    "was gibt es heute für nachrichten", "buch mir einen flug nach rom",
                    "wie viel kostet ein haus in berlin", "wo ist der nächste bahnhof",
                    "wann geht heute die sonne unter", "wie viele menschen leben in china",
                    "hilf mir bei den hausaufgaben", "wo leben pinguine", "wie lange kocht man ein ei",
                    "welches handy soll ich kaufen", "schneit es diese woche", "wer ist der präsident von brasilien"),
            "ru", List.of("какая погода будет завтра", "расскажи анекдот", "кто выиграл футбольный матч",
                    "какая столица франции", "посоветуй хороший фильм", "сколько тебе лет",
                    "включи музыку", "как сварить макароны", "в чём смысл жизни",
                    "какие сегодня новости", "забронируй мне билет в рим",
                    "сколько стоит квартира в москве", "где ближайшая станция метро", "когда сегодня заходит солнце",
                    "сколько людей живёт в китае", "помоги мне с домашним заданием", "где живут пингвины",
                    "сколько варить яйцо", "какой телефон лучше купить", "будет ли снег на этой неделе",
                    "кто президент бразилии"),
            "zh", List.of("明天天气怎么样", "给我讲个笑话", "谁赢了足球比赛", "法国的首都是哪里", "推荐一部好电影",
                    "你几岁了", "放点音乐", "怎么煮意大利面", "生活的意义是什么",
                    "今天有什么新闻", "帮我订一张去罗马的机票",
                    "北京的房子多少钱", "最近的火车站在哪里", "今天几点日落", "中国有多少人口", "帮我做作业",
                    "企鹅住在哪里", "鸡蛋要煮多久", "买什么手机好", "这周会下雪吗", "巴西总统是谁"));

    private OutOfScopeExamples() {
    }

    static List<String> forLanguage(String language) {
        return EXAMPLES.getOrDefault(language, EXAMPLES.get("en"));
    }
}
