package io.parley.devstack.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.simulate.Phrasebook.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrowdTest {

    private static final String KB = """
            ## returns
            ### en
            Q: How do I return an item?
            A: Within 30 days.
            ### es
            Q: ¿Cómo devuelvo un artículo?
            A: En 30 días.
            """;
    private static final long SECOND = 1_000_000;

    private final Phrasebook phrases = Phrasebook.fromKnowledgeBase(KB, List.of("en", "es"));

    @Test
    void a_customer_writes_again_only_after_reading_the_answer() {
        Crowd crowd = new Crowd(1, Mix.parse("whatsapp:1"), phrases, new Random(1), "77", false);

        Crowd.Message first = crowd.next(0).orElseThrow();
        assertThat(crowd.next(100 * SECOND)).isEmpty();

        crowd.botAnswered(first.userId(), 10 * SECOND);
        assertThat(crowd.next(10 * SECOND + SECOND - 1)).isEmpty();
        Crowd.Message second = crowd.next(10 * SECOND + 4 * SECOND).orElseThrow();
        assertThat(second.userId()).isEqualTo(first.userId());
        assertThat(second.messageId()).isNotEqualTo(first.messageId()).startsWith("wamid.SIM77N");
    }

    @Test
    void a_reply_that_arrived_before_the_message_was_due_does_not_answer_it() {
        Crowd crowd = new Crowd(1, Mix.parse("whatsapp:1"), phrases, new Random(1), "77", false);
        Crowd.Message first = crowd.next(0).orElseThrow();
        crowd.botAnswered(first.userId(), 10 * SECOND);
        crowd.next(14 * SECOND).orElseThrow();

        // The first message's second reply ("did this help?"), seen only now but sent at 13 s: not the answer.
        crowd.botAnswered(first.userId(), 13 * SECOND);
        assertThat(crowd.next(100 * SECOND)).isEmpty();

        crowd.botAnswered(first.userId(), 101 * SECOND);
        assertThat(crowd.next(110 * SECOND)).isPresent();
    }

    @Test
    void customers_ask_thank_complain_and_ask_for_people_in_their_language() {
        Crowd crowd = new Crowd(50, Mix.parse("api:1"), phrases, new Random(3), "5", false);
        List<Crowd.Message> said = new ArrayList<>();
        long now = 0;
        for (int round = 0; round < 40; round++) {
            now += 5 * SECOND;
            for (Optional<Crowd.Message> next = crowd.next(now); next.isPresent(); next = crowd.next(now)) {
                said.add(next.get());
                crowd.botAnswered(next.get().userId(), now);
            }
        }

        assertThat(said).extracting(Crowd.Message::kind).contains(Kind.values());
        assertThat(said).filteredOn(message -> message.kind() == Kind.QUESTION).extracting(Crowd.Message::text)
                .containsOnly("How do I return an item?", "¿Cómo devuelvo un artículo?");
        assertThat(said).filteredOn(message -> message.language().equals("es") && message.kind() == Kind.THANKS)
                .extracting(Crowd.Message::text).containsOnly("Sí, gracias");
    }

    @Test
    void after_asking_for_a_person_a_customer_waits_for_an_agent_and_then_a_new_customer_comes() {
        Crowd crowd = new Crowd(1, Mix.parse("messenger:1"), phrases, new Random(11), "9", true);
        Crowd.Message message = crowd.next(0).orElseThrow();
        crowd.handedOff(message.userId(), SECOND);

        assertThat(crowd.next(60 * SECOND)).isEmpty();

        crowd.agentAnswered(message.userId(), 61 * SECOND);
        Crowd.Message next = crowd.next(70 * SECOND).orElseThrow();
        assertThat(next.userId()).isNotEqualTo(message.userId());
        assertThat(next.kind()).isIn(Kind.QUESTION, Kind.OFF_TOPIC);
    }

    @Test
    void the_same_seed_gives_the_same_traffic() {
        List<String> first = texts(new Crowd(20, Mix.parse(Mix.DEFAULT), phrases, new Random(42), "1", false));
        List<String> second = texts(new Crowd(20, Mix.parse(Mix.DEFAULT), phrases, new Random(42), "1", false));

        assertThat(first).isEqualTo(second).hasSize(20);
    }

    @Test
    void languages_without_questions_are_refused_naming_those_there_are() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Phrasebook.fromKnowledgeBase(KB, List.of("fr")))
                .hasMessage("No questions in 'fr': the knowledge base has [en, es]");
    }

    private static List<String> texts(Crowd crowd) {
        List<String> texts = new ArrayList<>();
        for (Optional<Crowd.Message> next = crowd.next(0); next.isPresent(); next = crowd.next(0)) {
            texts.add(next.get().channel() + " " + next.get().text());
        }
        return texts;
    }
}
