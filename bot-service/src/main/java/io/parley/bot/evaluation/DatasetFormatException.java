package io.parley.bot.evaluation;

import java.nio.file.Path;

/** A dataset file that cannot be read; the message names the file and line. */
public class DatasetFormatException extends RuntimeException {

    public DatasetFormatException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    public DatasetFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
