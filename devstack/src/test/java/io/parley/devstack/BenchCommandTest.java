package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void routing_bench_ends_with_the_summary_line() {
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("bench", "routing", "--agents", "50", "--queued", "200", "--decisions", "300");

        assertThat(exitCode).isZero();
        assertThat(out.toString().strip().lines().reduce((first, second) -> second).orElseThrow())
                .matches("p50_ms=\\d+\\.\\d\\d p99_ms=\\d+\\.\\d\\d agents=50 queued=200 decisions=300");
    }
}
