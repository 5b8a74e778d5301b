package io.parley.bot.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tenant's flow: a small IVR-like graph of steps the bot walks with the customer. A customer enters it by asking
 * for it (its {@code triggers} are trained into the tenant's intent model) and leaves it at an end or handoff step.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FlowDefinition(String id, Map<String, List<String>> triggers, String start, Map<String, Step> steps) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_OPTIONS = 10;

    public FlowDefinition {
        triggers = triggers == null ? Map.of() : Map.copyOf(triggers);
        steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public enum StepType { MENU, INPUT, HTTP, MESSAGE, HANDOFF, END }

    /**
     * One step. By type: menu (text, options), input (text, slot, pattern, invalid), http (method, url, reply,
     * onError), message (text), handoff (text), end (text); all but handoff and end go on to {@code next}. What the
     * customer reads (text, invalid, reply, option titles) may be given per language.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Step(StepType type, LocalizedText text, List<Option> options, String slot, String pattern,
                       LocalizedText invalid, String next, String method, String url, LocalizedText reply,
                       String onError) {

        public Step {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** Whether the flow waits here for the customer. */
        public boolean waits() {
            return type == StepType.MENU || type == StepType.INPUT;
        }
    }

    /** A menu choice; its id comes back as the channel's reply id. */
    public record Option(String id, LocalizedText title, String next) {
    }

    public Step step(String stepId) {
        return steps.get(stepId);
    }

    /** What is wrong with this flow, each problem saying what to change; empty when it can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String name = "flow '" + id + "'";
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("flow id must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
        }
        if (start == null || !steps.containsKey(start)) {
            problems.add(name + ": start '" + start + "' is not one of its steps " + steps.keySet());
        }
        if (triggers.values().stream().allMatch(List::isEmpty)) {
            problems.add(name + ": needs triggers, e.g. {\"en\": [\"where is my order\"]}, so customers can enter it");
        }
        steps.forEach((stepId, step) -> problems.addAll(stepProblems(name + " step '" + stepId + "'", step)));
        return problems;
    }

    private List<String> stepProblems(String where, Step step) {
        List<String> problems = new ArrayList<>();
        if (step == null || step.type() == null) {
            problems.add(where + ": type must be one of menu, input, http, message, handoff, end");
            return problems;
        }
        switch (step.type()) {
            case MENU -> {
                if (step.options().isEmpty() || step.options().size() > MAX_OPTIONS) {
                    problems.add(where + ": a menu needs 1 to " + MAX_OPTIONS + " options");
                }
                step.options().forEach(option -> {
                    if (option.id() == null || option.title() == null) {
                        problems.add(where + ": every option needs an id and a title");
                    }
                    requireStep(where + " option '" + option.id() + "'", option.next(), problems);
                });
            }
            case INPUT -> {
                if (step.slot() == null || step.slot().isBlank()) {
                    problems.add(where + ": an input needs the slot its answer is kept in");
                }
                if (step.pattern() != null) {
                    TenantPattern.problem(step.pattern()).ifPresent(problem -> problems.add(where + ": " + problem));
                }
                requireStep(where, step.next(), problems);
            }
            case HTTP -> {
                if (step.url() == null || !step.url().matches("https?://\\S+")) {
                    problems.add(where + ": an http step needs an http(s) url");
                }
                if (step.method() != null && !List.of("GET", "POST").contains(step.method())) {
                    problems.add(where + ": method must be GET or POST");
                }
                requireStep(where, step.next(), problems);
                if (step.onError() != null) {
                    requireStep(where + " onError", step.onError(), problems);
                }
            }
            case MESSAGE -> requireStep(where, step.next(), problems);
            case HANDOFF, END -> {
            }
        }
        if (step.type() != StepType.HTTP && step.type() != StepType.END && step.type() != StepType.HANDOFF
                && (step.text() == null || step.text().isBlank())) {
            problems.add(where + ": needs a text to show the customer");
        }
        return problems;
    }

    private void requireStep(String where, String next, List<String> problems) {
        if (next == null || !steps.containsKey(next)) {
            problems.add(where + ": next step '" + next + "' is not one of " + steps.keySet());
        }
    }
}
