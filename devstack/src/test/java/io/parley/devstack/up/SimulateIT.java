package io.parley.devstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.devstack.bench.EndToEndBenchmark;
import io.parley.devstack.simulate.SimulateCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code parley simulate} and a short {@code parley bench e2e} on the shared demo platform ({@link RunningDemo}): they
 * run, see replies where they leave Parley and print their summaries. No timing is asserted.
 */
class SimulateIT {

    private static RunningDemo demo;

    @BeforeAll
    static void platform() {
        demo = RunningDemo.get();
    }

    @Test
    void simulated_customers_are_answered_at_their_channels_and_agents_join_the_workspace() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new SimulateCommand());
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("--base-url", demo.gatewayUrl(),
                "--graph-arrivals", demo.platform.graphArrivalsUrl(),
                "--callback-arrivals", demo.demo.replyArrivalsUrl(),
                "--rate", "4", "--duration", "8s", "--contacts", "6", "--agents", "1", "--seed", "3",
                "--answer-wait", "90s");

        assertThat(exitCode).as(out.toString()).isZero();
        assertThat(out.toString()).contains("sent ", "acknowledged ", "answered ", "lost ", "duplicated ",
                "webhook -> bot reply at the channel", "handoff -> assignment", "agent reply -> channel");
        assertThat(out.toString()).containsPattern("answered [1-9]");
        assertThat(demo.getJson("/api/v1/admin/agents").toString()).contains("sim-agent-1");
    }

    @Test
    void a_short_e2e_benchmark_prints_its_line() throws Exception {
        EndToEndBenchmark.Step step = EndToEndBenchmark.measure(new EndToEndBenchmark.Target(demo.gatewayUrl(),
                demo.platform.graphArrivalsUrl(), demo.demo.replyArrivalsUrl(), demo.platform.bootstrapServers(),
                demo.platform.instanceUrls(PlatformService.BOT)),
                10, Duration.ofSeconds(3), new PrintStream(PrintStream.nullOutputStream()));

        assertThat(step.line()).matches("rate=10 sent=\\d+ answered=\\d+ lost=\\d+ duplicated=\\d+ p50_ms=\\d+\\.\\d"
                + " p99_ms=\\d+\\.\\d drain_s=(\\d+\\.\\d|never)");
        assertThat(step.result().summary().sent()).isPositive();
        assertThat(step.botDecisions()).hasValueSatisfying(decisions -> assertThat(decisions.line())
                .matches("bot_decision n=[1-9]\\d* p50_ms<=\\d+\\.\\d p99_ms<=\\d+\\.\\d cpu_p50_ms<=\\d+\\.\\d"
                        + " cpu_p99_ms<=\\d+\\.\\d"));
    }
}
