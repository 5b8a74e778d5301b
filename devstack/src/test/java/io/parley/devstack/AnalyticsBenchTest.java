package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A short run of {@code parley bench analytics}: it completes and ends with the summary line (no timing asserted). */
class AnalyticsBenchTest {

    @Test
    void analytics_bench_ends_with_the_summary_line() {
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("bench", "analytics", "--events", "3000", "--tenants", "2", "--rate", "200",
                "--seconds", "2");

        assertThat(exitCode).isZero();
        assertThat(out.toString().strip().lines().reduce((first, second) -> second).orElseThrow())
                .matches("events=3000 per_s=\\d+ raw_per_s=\\d+ ratio=\\d+\\.\\d\\d push_p50_ms=\\d+\\.\\d"
                        + " push_p99_ms=\\d+\\.\\d");
    }
}
