package io.parley.testkit.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** The output file of a child process, quoted in failure messages so that a test report says why it failed. */
public final class ProcessOutput {

    private static final int TAIL_BYTES = 6_000;

    private ProcessOutput() {
    }

    /** "Its output is in FILE; it ends with:" and the last few kilobytes of the file. */
    public static String describe(Path logFile) {
        return "Its output is in " + logFile.toAbsolutePath() + "; it ends with:\n" + tail(logFile);
    }

    private static String tail(Path logFile) {
        try (RandomAccessFile log = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(0, log.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(tail);
            return new String(tail, UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
