package io.parley.bot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.bot.dialogue.MenuChoice;
import io.parley.bot.dialogue.Phrases;
import io.parley.bot.dialogue.Say;
import io.parley.bot.dialogue.Templates;
import io.parley.bot.flow.FlowDefinition.Step;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Walks a flow: from one waiting step (menu, input) to the next, running the steps in between (messages, HTTP calls).
 * Its whole memory is the {@link BotFlow} position it returns, which goes to the log, so a restarted service resumes
 * from the log where the customer left off. A customer who twice gives what a step cannot use is handed to a person:
 * a flow never loops.
 */
public final class FlowEngine {

    /** Slot counting the customer's unusable answers at the current step. */
    static final String INVALID_ANSWERS = "_invalid";
    private static final int MAX_INVALID_ANSWERS = 2;
    private static final int MAX_STEPS_PER_TURN = 20;

    /** Calls an HTTP step's URL with the slots; a failure is an exception. */
    public interface HttpCaller {
        JsonNode call(String method, String url, Map<String, String> slots) throws Exception;
    }

    /** A person is needed; {@code note} tells the agent why. */
    public record Handoff(String reason, String note) {
    }

    /** What one customer message did to the flow: what to say, where the flow stands, whether to hand off. */
    public record Turn(List<Say> says, BotFlow position, Optional<Handoff> handoff) {
        public boolean finished() {
            return handoff.isPresent() || position.step() == null;
        }
    }

    private final HttpCaller http;

    public FlowEngine(HttpCaller http) {
        this.http = http;
    }

    public Turn start(FlowDefinition flow, String language) {
        return run(flow, flow.start(), new HashMap<>(), new ArrayList<>(), language);
    }

    /** Whether a position is a step of this flow that waits for the customer. */
    public static boolean isWaiting(FlowDefinition flow, BotFlow position) {
        Step step = position.step() == null ? null : flow.step(position.step());
        return step != null && step.waits();
    }

    public Turn resume(FlowDefinition flow, BotFlow position, Content reply, String language) {
        Step step = flow.step(position.step());
        Map<String, String> slots = new HashMap<>(position.slots());
        List<Say> says = new ArrayList<>();
        Optional<String> next = switch (step.type()) {
            case MENU -> MenuChoice.of(options(step, language), reply).map(choice -> {
                slots.put(position.step(), choice.id());
                return optionNext(step, choice.id());
            });
            case INPUT -> accepted(step, reply).map(value -> {
                slots.put(step.slot(), value);
                return step.next();
            });
            default -> Optional.empty();
        };
        if (next.isPresent()) {
            slots.remove(INVALID_ANSWERS);
            return run(flow, next.get(), slots, says, language);
        }
        int invalid = Integer.parseInt(slots.getOrDefault(INVALID_ANSWERS, "0")) + 1;
        if (invalid >= MAX_INVALID_ANSWERS) {
            return handoff(flow, slots, says, "the customer gave no usable answer at step '" + position.step() + "'");
        }
        slots.put(INVALID_ANSWERS, Integer.toString(invalid));
        says.add(step.type() == FlowDefinition.StepType.INPUT && step.invalid() != null
                ? Say.text(step.invalid().in(language))
                : Say.menu(Phrases.get(Phrases.Key.TRY_AGAIN, language), options(step, language)));
        return new Turn(says, new BotFlow(flow.id(), position.step(), slots), Optional.empty());
    }

    private Turn run(FlowDefinition flow, String stepId, Map<String, String> slots, List<Say> says, String language) {
        String current = stepId;
        for (int visited = 0; visited < MAX_STEPS_PER_TURN; visited++) {
            Step step = flow.step(current);
            switch (step.type()) {
                case MENU -> {
                    says.add(Say.menu(shown(step.text(), slots, language), options(step, language)));
                    return new Turn(says, new BotFlow(flow.id(), current, slots), Optional.empty());
                }
                case INPUT -> {
                    says.add(Say.text(shown(step.text(), slots, language)));
                    return new Turn(says, new BotFlow(flow.id(), current, slots), Optional.empty());
                }
                case MESSAGE -> {
                    says.add(Say.text(shown(step.text(), slots, language)));
                    current = step.next();
                }
                case HTTP -> {
                    Optional<JsonNode> response = call(step, slots);
                    if (response.isPresent()) {
                        if (step.reply() != null) {
                            says.add(Say.text(Templates.render(step.reply().in(language), slots, response.get(),
                                    UnaryOperator.identity())));
                        }
                        current = step.next();
                    } else if (step.onError() != null) {
                        current = step.onError();
                    } else {
                        says.add(Say.text(Phrases.get(Phrases.Key.FLOW_PROBLEM, language)));
                        return handoff(flow, slots, says, "the HTTP step '" + current + "' failed");
                    }
                }
                case HANDOFF -> {
                    if (step.text() != null) {
                        says.add(Say.text(shown(step.text(), slots, language)));
                    }
                    return handoff(flow, slots, says, "the flow reached its handoff step '" + current + "'");
                }
                case END -> {
                    if (step.text() != null) {
                        says.add(Say.text(shown(step.text(), slots, language)));
                    }
                    return new Turn(says, new BotFlow(flow.id(), null, slots), Optional.empty());
                }
            }
        }
        return handoff(flow, slots, says, "the flow ran " + MAX_STEPS_PER_TURN + " steps without waiting: it loops");
    }

    private Optional<JsonNode> call(Step step, Map<String, String> slots) {
        String url = Templates.render(step.url(), slots, null, value -> URLEncoder.encode(value, StandardCharsets.UTF_8));
        try {
            return Optional.of(http.call(step.method() == null ? "GET" : step.method(), url, slots));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Turn handoff(FlowDefinition flow, Map<String, String> slots, List<Say> says, String note) {
        return new Turn(says, new BotFlow(flow.id(), null, slots),
                Optional.of(new Handoff("flow", "Flow '" + flow.id() + "': " + note + ". Collected: " + visible(slots) + ".")));
    }

    private static Map<String, String> visible(Map<String, String> slots) {
        Map<String, String> visible = new HashMap<>(slots);
        visible.remove(INVALID_ANSWERS);
        return visible;
    }

    private static Optional<String> accepted(Step step, Content reply) {
        String text = reply == null ? null : reply.readableText();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        return step.pattern() == null || TenantPattern.matches(step.pattern(), value) ? Optional.of(value)
                : Optional.empty();
    }

    private static String shown(LocalizedText text, Map<String, String> slots, String language) {
        return Templates.render(text.in(language), slots, null, UnaryOperator.identity());
    }

    private static List<Content.Option> options(Step step, String language) {
        return step.options().stream().map(o -> new Content.Option(o.id(), o.title().in(language), null)).toList();
    }

    private static String optionNext(Step step, String optionId) {
        return step.options().stream().filter(o -> o.id().equals(optionId)).findFirst().orElseThrow().next();
    }
}
