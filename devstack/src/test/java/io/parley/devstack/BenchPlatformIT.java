package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmarks that start a platform of their own (a broker and one service), run briefly as smoke tests: they
 * complete and end with their summary line. No timing is asserted; the figures are in docs/performance.md.
 */
class BenchPlatformIT {

    @Test
    void ingest_bench_ends_with_the_summary_line() {
        assertThat(lastLine("bench", "ingest", "--seconds", "1"))
                .matches("signed_per_s=\\d+ bare_per_s=\\d+ ratio=\\d+\\.\\d\\d p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d");
    }

    @Test
    void rebuild_bench_ends_with_the_summary_line() {
        assertThat(lastLine("bench", "rebuild", "--events", "2000"))
                .matches("events=\\d+ per_s=\\d+ raw_per_s=\\d+ ratio=\\d+\\.\\d\\d");
    }

    @Test
    void routing_restart_bench_ends_with_the_summary_line_and_the_restart_folds_from_the_snapshot() {
        assertThat(lastLine("bench", "restart", "--service", "routing", "--events", "2000"))
                .matches("events=2000 checkpoints=true first_ready_s=\\d+\\.\\d first_answered_s=\\d+\\.\\d"
                        + " first_folded=2000 restart_ready_s=\\d+\\.\\d restart_answered_s=\\d+\\.\\d"
                        + " restart_folded=[0-9]");
    }

    private static String lastLine(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));
        int exitCode = command.execute(args);
        assertThat(exitCode).as(out.toString()).isZero();
        return out.toString().strip().lines().reduce((first, second) -> second).orElseThrow();
    }
}
