package io.parley.devstack.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * What simulated customers say, per language: the questions of the knowledge base (the demo's markdown, {@code ### en}
 * sections with {@code Q:} lines), text the knowledge base cannot answer, and the replies people give to "did this
 * solve it?" or when they want a person.
 */
public final class Phrasebook {

    /** What a customer says; the kind tells the reconciliation what to expect back. */
    public enum Kind { QUESTION, OFF_TOPIC, THANKS, NOT_HELPED, WANTS_PERSON }

    private record Replies(String thanks, String notHelped, String wantsPerson, List<String> offTopic) {
    }

    private static final Map<String, Replies> REPLIES = Map.of(
            "en", new Replies("Yes, thanks", "No", "I want to talk to a real person",
                    List.of("Do you sell tickets for the football match on Saturday?", "What is the capital of Peru?",
                            "My cat likes to sleep on the keyboard")),
            "es", new Replies("Sí, gracias", "No", "Quiero hablar con una persona de verdad",
                    List.of("¿Qué tiempo hará mañana en Sevilla?", "¿Venden entradas para el concierto?")),
            "zh", new Replies("是的，谢谢", "没有", "转人工",
                    List.of("明天北京天气怎么样？", "你们卖演唱会门票吗？")),
            "ru", new Replies("Да, спасибо", "Нет", "Позовите живого человека",
                    List.of("Какая завтра погода в Москве?", "Вы продаёте билеты в театр?")),
            "pt", new Replies("Sim, obrigado", "Não", "Quero falar com uma pessoa de verdade",
                    List.of("Vocês vendem bilhetes para o jogo de sábado?")),
            "fr", new Replies("Oui, merci", "Non", "Je veux parler à une vraie personne",
                    List.of("Vendez-vous des billets pour le concert ?")),
            "de", new Replies("Ja, danke", "Nein", "Ich möchte mit einem echten Menschen sprechen",
                    List.of("Verkaufen Sie Karten für das Konzert am Samstag?")));

    private final Map<String, List<String>> questions;

    private Phrasebook(Map<String, List<String>> questions) {
        this.questions = questions;
    }

    /** The questions of a knowledge base in the demo's markdown format, restricted to {@code languages}. */
    public static Phrasebook fromKnowledgeBase(String markdown, List<String> languages) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        String language = null;
        for (String line : markdown.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("### ")) {
                language = trimmed.substring(4).strip();
            } else if (trimmed.startsWith("## ")) {
                language = null;
            } else if (trimmed.startsWith("Q:") && language != null) {
                all.computeIfAbsent(language, ignored -> new ArrayList<>()).add(trimmed.substring(2).strip());
            }
        }
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (String wanted : languages) {
            if (!all.containsKey(wanted) || !REPLIES.containsKey(wanted)) {
                throw new IllegalArgumentException("No questions in '" + wanted + "': the knowledge base has "
                        + new TreeSet<>(all.keySet()).stream().filter(REPLIES::containsKey).toList());
            }
            chosen.put(wanted, List.copyOf(all.get(wanted)));
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Name at least one language");
        }
        return new Phrasebook(chosen);
    }

    public List<String> languages() {
        return List.copyOf(questions.keySet());
    }

    public String pickLanguage(Random random) {
        List<String> languages = languages();
        return languages.get(random.nextInt(languages.size()));
    }

    /** A text of this kind in this language. */
    public String say(Kind kind, String language, Random random) {
        Replies replies = REPLIES.get(language);
        return switch (kind) {
            case QUESTION -> pick(questions.get(language), random);
            case OFF_TOPIC -> pick(replies.offTopic(), random);
            case THANKS -> replies.thanks();
            case NOT_HELPED -> replies.notHelped();
            case WANTS_PERSON -> replies.wantsPerson();
        };
    }

    private static String pick(List<String> texts, Random random) {
        return texts.get(random.nextInt(texts.size()));
    }
}
