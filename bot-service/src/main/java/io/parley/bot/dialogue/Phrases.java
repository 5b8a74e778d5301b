package io.parley.bot.dialogue;

import java.util.Map;

/** What the bot itself says, per supported language; English stands in for a language without a phrase. */
public final class Phrases {

    public enum Key {
        FEEDBACK_QUESTION, YES, NO, GLAD, NOT_SURE, TALK_TO_PERSON, HANDING_OFF, AFTER_HOURS, NO_TRANSLATION,
        TRY_AGAIN, FLOW_PROBLEM, OTHER_LANGUAGE_MATCH, OTHER_LANGUAGE_LIST, SHOW_ANSWER
    }

    private static final String FALLBACK = "en";

    private static final Map<String, Map<Key, String>> PHRASES = Map.of(
            "en", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "Did this solve your problem?"),
                    Map.entry(Key.YES, "Yes"),
                    Map.entry(Key.NO, "No"),
                    Map.entry(Key.GLAD, "Glad I could help! Write any time if you need anything else."),
                    Map.entry(Key.NOT_SURE, "I'm not sure I understood. Could you say it in other words, or shall I get a person?"),
                    Map.entry(Key.TALK_TO_PERSON, "Talk to a person"),
                    Map.entry(Key.HANDING_OFF, "I'm passing you to a person from our team, who will see this conversation."),
                    Map.entry(Key.AFTER_HOURS, "Our team is away right now; a person will answer from {when}. I'll keep helping where I can."),
                    Map.entry(Key.NO_TRANSLATION, "(This answer is only available in {language}.)"),
                    Map.entry(Key.TRY_AGAIN, "Please choose one of the options."),
                    Map.entry(Key.FLOW_PROBLEM, "Sorry, something went wrong on our side."),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "I have an answer to this, but only in {language}. Shall I show it, or would you like a person?"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "I couldn't find an answer in {own}. Some of our answers are only in {language}: is your question one of these? Or I can get you a person."),
                    Map.entry(Key.SHOW_ANSWER, "Show the answer in {language}"))
            , "es", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "¿Esto resolvió tu problema?"),
                    Map.entry(Key.YES, "Sí"),
                    Map.entry(Key.NO, "No"),
                    Map.entry(Key.GLAD, "¡Me alegra haber ayudado! Escríbenos cuando quieras."),
                    Map.entry(Key.NOT_SURE, "No estoy seguro de haberte entendido. ¿Puedes decirlo de otra forma, o prefieres hablar con una persona?"),
                    Map.entry(Key.TALK_TO_PERSON, "Hablar con una persona"),
                    Map.entry(Key.HANDING_OFF, "Te paso con una persona de nuestro equipo, que verá esta conversación."),
                    Map.entry(Key.AFTER_HOURS, "Nuestro equipo no está disponible ahora; una persona te responderá a partir de {when}. Mientras tanto sigo ayudándote."),
                    Map.entry(Key.NO_TRANSLATION, "(Esta respuesta solo está disponible en {language}.)"),
                    Map.entry(Key.TRY_AGAIN, "Por favor, elige una de las opciones."),
                    Map.entry(Key.FLOW_PROBLEM, "Lo siento, algo salió mal por nuestra parte."),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "Tengo una respuesta para esto, pero solo en {language}. ¿Te la muestro, o prefieres hablar con una persona?"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "No encontré una respuesta en {own}. Algunas de nuestras respuestas solo están en {language}: ¿tu pregunta es una de estas? O te paso con una persona."),
                    Map.entry(Key.SHOW_ANSWER, "Ver la respuesta en {language}"))
            , "pt", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "Isso resolveu o seu problema?"),
                    Map.entry(Key.YES, "Sim"),
                    Map.entry(Key.NO, "Não"),
                    Map.entry(Key.GLAD, "Que bom que ajudei! Escreva quando precisar."),
                    Map.entry(Key.NOT_SURE, "Não tenho certeza se entendi. Pode dizer de outra forma, ou prefere falar com uma pessoa?"),
                    Map.entry(Key.TALK_TO_PERSON, "Falar com uma pessoa"),
                    Map.entry(Key.HANDING_OFF, "Vou passar você para uma pessoa da nossa equipe, que verá esta conversa."),
                    Map.entry(Key.AFTER_HOURS, "Nossa equipe não está disponível agora; uma pessoa responderá a partir de {when}. Enquanto isso, continuo ajudando."),
                    Map.entry(Key.NO_TRANSLATION, "(Esta resposta só está disponível em {language}.)"),
                    Map.entry(Key.TRY_AGAIN, "Por favor, escolha uma das opções."),
                    Map.entry(Key.FLOW_PROBLEM, "Desculpe, algo deu errado do nosso lado."),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "Tenho uma resposta para isso, mas só em {language}. Quer vê-la, ou prefere falar com uma pessoa?"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "Não encontrei uma resposta em {own}. Algumas das nossas respostas só existem em {language}: a sua pergunta é uma destas? Ou passo você para uma pessoa."),
                    Map.entry(Key.SHOW_ANSWER, "Ver a resposta em {language}"))
            , "fr", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "Est-ce que cela a résolu votre problème ?"),
                    Map.entry(Key.YES, "Oui"),
                    Map.entry(Key.NO, "Non"),
                    Map.entry(Key.GLAD, "Ravi d'avoir pu aider ! Écrivez-nous quand vous voulez."),
                    Map.entry(Key.NOT_SURE, "Je ne suis pas sûr d'avoir compris. Pouvez-vous le dire autrement, ou voulez-vous parler à une personne ?"),
                    Map.entry(Key.TALK_TO_PERSON, "Parler à une personne"),
                    Map.entry(Key.HANDING_OFF, "Je vous passe à une personne de notre équipe, qui verra cette conversation."),
                    Map.entry(Key.AFTER_HOURS, "Notre équipe est absente pour le moment ; une personne vous répondra à partir de {when}. Je continue à vous aider en attendant."),
                    Map.entry(Key.NO_TRANSLATION, "(Cette réponse n'existe qu'en {language}.)"),
                    Map.entry(Key.TRY_AGAIN, "Veuillez choisir une des options."),
                    Map.entry(Key.FLOW_PROBLEM, "Désolé, un problème est survenu de notre côté."),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "J'ai une réponse, mais seulement en {language}. Voulez-vous la voir, ou parler à une personne ?"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "Je n'ai pas trouvé de réponse en {own}. Certaines de nos réponses n'existent qu'en {language} : votre question est-elle l'une d'elles ? Sinon, je vous passe une personne."),
                    Map.entry(Key.SHOW_ANSWER, "Voir la réponse en {language}"))
            , "de", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "Hat das Ihr Problem gelöst?"),
                    Map.entry(Key.YES, "Ja"),
                    Map.entry(Key.NO, "Nein"),
                    Map.entry(Key.GLAD, "Schön, dass ich helfen konnte! Schreiben Sie jederzeit wieder."),
                    Map.entry(Key.NOT_SURE, "Ich bin nicht sicher, ob ich das verstanden habe. Können Sie es anders formulieren, oder soll ich einen Menschen holen?"),
                    Map.entry(Key.TALK_TO_PERSON, "Mit einem Menschen sprechen"),
                    Map.entry(Key.HANDING_OFF, "Ich verbinde Sie mit jemandem aus unserem Team, der dieses Gespräch sieht."),
                    Map.entry(Key.AFTER_HOURS, "Unser Team ist gerade nicht erreichbar; ein Mensch antwortet ab {when}. Bis dahin helfe ich, wo ich kann."),
                    Map.entry(Key.NO_TRANSLATION, "(Diese Antwort gibt es nur auf {language}.)"),
                    Map.entry(Key.TRY_AGAIN, "Bitte wählen Sie eine der Optionen."),
                    Map.entry(Key.FLOW_PROBLEM, "Entschuldigung, bei uns ist etwas schiefgelaufen."),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "Dazu habe ich eine Antwort, aber nur auf {language}. Soll ich sie zeigen, oder möchten Sie mit einem Menschen sprechen?"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "Ich habe keine Antwort auf {own} gefunden. Einige unserer Antworten gibt es nur auf {language}: Ist Ihre Frage dabei? Sonst hole ich einen Menschen."),
                    Map.entry(Key.SHOW_ANSWER, "Antwort auf {language} zeigen"))
            , "ru", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "Это решило вашу проблему?"),
                    Map.entry(Key.YES, "Да"),
                    Map.entry(Key.NO, "Нет"),
                    Map.entry(Key.GLAD, "Рад был помочь! Пишите в любое время."),
                    Map.entry(Key.NOT_SURE, "Не уверен, что понял вас. Можете сказать иначе, или позвать сотрудника?"),
                    Map.entry(Key.TALK_TO_PERSON, "Связаться с сотрудником"),
                    Map.entry(Key.HANDING_OFF, "Передаю вас сотруднику нашей команды, он увидит этот разговор."),
                    Map.entry(Key.AFTER_HOURS, "Сейчас наша команда не работает; сотрудник ответит с {when}. А пока я продолжу помогать."),
                    Map.entry(Key.NO_TRANSLATION, "(Этот ответ есть только на языке: {language}.)"),
                    Map.entry(Key.TRY_AGAIN, "Пожалуйста, выберите один из вариантов."),
                    Map.entry(Key.FLOW_PROBLEM, "Извините, у нас что-то пошло не так."),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "У меня есть ответ на этот вопрос, но только на языке: {language}. Показать его или позвать сотрудника?"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "Я не нашёл ответа на языке: {own}. Некоторые наши ответы есть только на языке: {language}. Может быть, ваш вопрос среди них? Или я позову сотрудника."),
                    Map.entry(Key.SHOW_ANSWER, "Показать ответ ({language})"))
            , "zh", Map.ofEntries(
                    Map.entry(Key.FEEDBACK_QUESTION, "这解决了您的问题吗？"),
                    Map.entry(Key.YES, "是"),
                    Map.entry(Key.NO, "否"),
                    Map.entry(Key.GLAD, "很高兴能帮到您！有需要随时留言。"),
                    Map.entry(Key.NOT_SURE, "我不确定是否理解了您的意思。您可以换个说法，或者需要人工客服吗？"),
                    Map.entry(Key.TALK_TO_PERSON, "转人工客服"),
                    Map.entry(Key.HANDING_OFF, "正在为您转接人工客服，客服会看到这段对话。"),
                    Map.entry(Key.AFTER_HOURS, "我们的团队现在不在线；人工客服将于 {when} 起回复。在此期间我会继续为您提供帮助。"),
                    Map.entry(Key.NO_TRANSLATION, "（此答案仅提供 {language} 版本。）"),
                    Map.entry(Key.TRY_AGAIN, "请选择其中一个选项。"),
                    Map.entry(Key.FLOW_PROBLEM, "抱歉，我们这边出了点问题。"),
                    Map.entry(Key.OTHER_LANGUAGE_MATCH, "我有这个问题的答案，但只有{language}版本。要查看吗，还是转人工客服？"),
                    Map.entry(Key.OTHER_LANGUAGE_LIST, "没有找到{own}的答案。我们有些答案只有{language}版本：您的问题是其中之一吗？或者我为您转人工客服。"),
                    Map.entry(Key.SHOW_ANSWER, "查看{language}答案")));

    private Phrases() {
    }

    public static String get(Key key, String language) {
        return PHRASES.getOrDefault(language, PHRASES.get(FALLBACK)).getOrDefault(key, PHRASES.get(FALLBACK).get(key));
    }

    public static String get(Key key, String language, String placeholder, String value) {
        return get(key, language).replace("{" + placeholder + "}", value);
    }

    /** The phrase with every {@code {placeholder}} replaced by its value. */
    public static String get(Key key, String language, Map<String, String> values) {
        String phrase = get(key, language);
        for (Map.Entry<String, String> value : values.entrySet()) {
            phrase = phrase.replace("{" + value.getKey() + "}", value.getValue());
        }
        return phrase;
    }
}
