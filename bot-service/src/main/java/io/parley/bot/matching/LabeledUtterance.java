package io.parley.bot.matching;

import java.util.Objects;

/** One training example: what a customer wrote and the intent (or FAQ article id) it means. */
public record LabeledUtterance(String text, String label) {

    public LabeledUtterance {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank (utterance: \"" + text + "\")");
        }
    }
}
