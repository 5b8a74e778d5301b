package io.parley.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.bot.BotJson;
import io.parley.bot.dialogue.Say;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class FlowEngineTest {

    private final List<String> calledUrls = new ArrayList<>();
    private final FlowEngine engine = new FlowEngine((method, url, slots) -> {
        calledUrls.add(method + " " + url);
        return BotJson.JSON.readTree("{\"status\": \"shipped\", \"eta\": \"2026-11-25\"}");
    });

    static FlowDefinition orderTracking() throws Exception {
        try (InputStream yaml = FlowEngineTest.class.getResourceAsStream("/flows/order-tracking.yaml")) {
            return BotJson.YAML.readValue(yaml, FlowDefinition.class);
        }
    }

    @Test
    void the_shipped_example_flow_is_valid() throws Exception {
        assertThat(orderTracking().problems()).isEmpty();
    }

    @Test
    void tracking_an_order_walks_menu_input_and_http_from_positions_alone() throws Exception {
        FlowDefinition flow = orderTracking();
        FlowEngine.Turn started = engine.start(flow, "en");
        assertThat(started.says()).singleElement().satisfies(say -> assertThat(say.options()).hasSize(3));
        assertThat(started.position()).isEqualTo(new BotFlow("order-tracking", "menu", Map.of()));

        // Only the position (what the log keeps) carries the flow from one message to the next.
        FlowEngine.Turn asked = engine.resume(flow, copy(started.position()), Content.text("1"), "en");
        assertThat(asked.position().step()).isEqualTo("ask-order");
        assertThat(asked.position().slots()).containsEntry("menu", "track");

        FlowEngine.Turn invalid = engine.resume(flow, copy(asked.position()), Content.text("my order 12"), "en");
        assertThat(invalid.says()).singleElement().extracting(Say::text).asString().contains("AB-123456");
        assertThat(invalid.position().step()).isEqualTo("ask-order");

        FlowEngine.Turn done = engine.resume(flow, copy(invalid.position()), Content.text("AB-123456"), "en");
        assertThat(calledUrls).containsExactly("GET https://shop.example.com/api/orders/AB-123456");
        assertThat(done.says()).extracting(Say::text)
                .containsExactly("Order AB-123456 is shipped; expected delivery 2026-11-25.", "Anything else? Just write.");
        assertThat(done.finished()).isTrue();
        assertThat(done.handoff()).isEmpty();
    }

    @Test
    void two_unusable_answers_hand_off_instead_of_looping() throws Exception {
        FlowDefinition flow = orderTracking();
        BotFlow atMenu = engine.start(flow, "en").position();
        FlowEngine.Turn first = engine.resume(flow, atMenu, Content.text("banana"), "en");
        assertThat(first.handoff()).isEmpty();
        FlowEngine.Turn second = engine.resume(flow, first.position(), Content.text("banana"), "en");
        assertThat(second.handoff()).hasValueSatisfying(h -> assertThat(h.reason()).isEqualTo("flow"));
    }

    @Test
    void a_failing_http_step_goes_to_its_error_step() throws Exception {
        FlowDefinition flow = orderTracking();
        FlowEngine failing = new FlowEngine((method, url, slots) -> {
            throw new java.io.IOException("connection refused");
        });
        BotFlow atInput = new BotFlow("order-tracking", "ask-order", Map.of());
        FlowEngine.Turn turn = failing.resume(flow, atInput, Content.builder("interactive").replyId("x")
                .replyTitle("AB-123456").build(), "en");
        assertThat(turn.handoff()).isPresent();
        assertThat(turn.says()).extracting(Say::text).containsExactly("I'll get a person from our team to look at your order.");
    }

    @Test
    void the_customer_reads_the_flow_in_their_language_and_answers_in_it() throws Exception {
        FlowDefinition flow = orderTracking();
        FlowEngine.Turn started = engine.start(flow, "ru");
        assertThat(started.says()).singleElement().satisfies(say -> {
            assertThat(say.text()).isEqualTo("Я помогу с вашим заказом. Что вам нужно?");
            assertThat(say.options()).extracting(Content.Option::title).first().isEqualTo("Отследить заказ");
        });
        FlowEngine.Turn asked = engine.resume(flow, started.position(), Content.text("Отследить заказ"), "ru");
        assertThat(asked.position().step()).isEqualTo("ask-order");
        assertThat(asked.says()).extracting(Say::text).containsExactly("Введите номер заказа, он выглядит так: AB-123456.");

        // A language the flow lacks reads English.
        assertThat(engine.start(flow, "de").says()).extracting(Say::text)
                .containsExactly("I can help with your order. What do you need?");
    }

    @Test
    void a_text_is_one_string_for_everyone_or_one_per_language_and_reads_back_as_written() throws Exception {
        String json = """
                {"id": "hi", "triggers": {"en": ["hi"]}, "start": "a", "steps": {
                 "a": {"type": "MESSAGE", "text": "Hello {{name}}", "next": "b"},
                 "b": {"type": "END", "text": {"es": "Adiós", "en": "Bye"}}}}""";
        FlowDefinition flow = BotJson.JSON.readValue(json, FlowDefinition.class);
        assertThat(flow.step("a").text().in("zh")).isEqualTo("Hello {{name}}");
        assertThat(flow.step("b").text().in("es")).isEqualTo("Adiós");
        assertThat(BotJson.JSON.readTree(BotJson.JSON.writeValueAsString(flow))).isEqualTo(BotJson.JSON.readTree(json));
        assertThatThrownBy(() -> BotJson.JSON.readValue(json.replace("\"Hello {{name}}\"", "42"), FlowDefinition.class))
                .hasMessageContaining("a text is a string, or an object of language codes");
    }

    @Test
    void broken_definitions_list_every_problem() {
        FlowDefinition broken = new FlowDefinition("Bad!", Map.of(), "nowhere", Map.of(
                "a", new FlowDefinition.Step(FlowDefinition.StepType.INPUT, LocalizedText.of("Type"), null, null, "([",
                        null, "b",
                        null, null, null, null)));
        assertThat(broken.problems()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void a_catastrophic_backtracking_pattern_answers_at_once() throws Exception {
        FlowDefinition flow = BotJson.JSON.readValue("""
                {"id": "redos", "triggers": {"en": ["code"]}, "start": "ask", "steps": {
                 "ask": {"type": "INPUT", "text": "Your code?", "slot": "code", "pattern": "(a+)+b",
                         "invalid": "No.", "next": "done"},
                 "done": {"type": "END"}}}""", FlowDefinition.class);
        assertThat(flow.problems()).isEmpty();
        BotFlow asking = new BotFlow("redos", "ask", Map.of());
        // Exponential for a backtracking engine (2^48 ways to split the a's); linear for RE2/J. Liveness bound only.
        CompletableFuture<FlowEngine.Turn> turn = CompletableFuture.supplyAsync(
                () -> engine.resume(flow, asking, Content.text("a".repeat(48) + "!"), "en"), daemonThread());
        await().atMost(Duration.ofSeconds(30)).until(turn::isDone);
        assertThat(turn.get().says()).extracting(Say::text).containsExactly("No.");
        assertThat(engine.resume(flow, asking, Content.text("aaab"), "en").position().slots()).containsEntry("code", "aaab");
    }

    @Test
    void a_pattern_the_linear_engine_cannot_run_is_a_problem_of_the_definition() {
        FlowDefinition lookbehind = new FlowDefinition("lb", Map.of("en", List.of("x")), "a", Map.of(
                "a", new FlowDefinition.Step(FlowDefinition.StepType.INPUT, LocalizedText.of("Type"), null, "slot",
                        "(?<=A)B", null, "b", null, null, null, null),
                "b", new FlowDefinition.Step(FlowDefinition.StepType.END, null, null, null, null, null, null, null,
                        null, null, null)));
        assertThat(lookbehind.problems()).singleElement().asString().contains("RE2 syntax");
    }

    private static Executor daemonThread() {
        return task -> {
            Thread thread = new Thread(task, "flow-regex-test");
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static BotFlow copy(BotFlow position) throws Exception {
        JsonNode json = BotJson.JSON.valueToTree(position);
        return BotJson.JSON.treeToValue(json, BotFlow.class);
    }
}
