package io.parley.bot.kb;

import java.util.List;

/** An import or a definition that cannot be used as it is; the problems say where and what to change. */
public class ImportException extends RuntimeException {

    private final List<String> problems;

    public ImportException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ImportException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
