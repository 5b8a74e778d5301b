package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CI subset of the fault suite (issue 18): {@code parley chaos} on real processes (the packaged services, a real
 * broker, PostgreSQL behind the suite's proxy), one broker and one instance of each service, at a low rate so that it
 * fits the verify budget. Copies of every webhook, forgeries among valid ones, and {@code kill -9} of every service
 * mid-stream: each scenario must end with nothing lost and nothing duplicated, which the command checks and turns
 * into its exit code; the lines are checked here too, so that a reconciliation that stopped counting fails as well.
 */
class ChaosIT {

    private static final List<String> SCENARIOS = List.of("duplicates", "bad-signatures", "kill-instance");

    @Test
    void copies_forgeries_and_a_killed_instance_of_every_service_lose_and_duplicate_nothing() {
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        // Ports outside the ephemeral range, where the JVM's other platforms (LocalPlatformIT's) take theirs.
        int exitCode = command.execute(concat(List.of("chaos", "--brokers", "1", "--instances", "1", "--rate", "2",
                "--duration", "10s", "--contacts", "40", "--gateway-port", "28080", "--kafka-port", "29092",
                "--data-dir", Path.of("target", "chaos-it").toAbsolutePath().toString()), SCENARIOS));

        String printed = out.toString();
        System.out.print(printed);
        assertThat(exitCode).as(printed).isZero();
        List<String> lines = printed.lines().filter(line -> line.startsWith("scenario=")).toList();
        assertThat(lines).as(printed).hasSize(SCENARIOS.size());
        for (int i = 0; i < SCENARIOS.size(); i++) {
            assertThat(lines.get(i)).as(printed)
                    .startsWith("scenario=" + SCENARIOS.get(i) + " ")
                    .contains(" lost=0 duplicated=0 ")
                    .doesNotContain(" acked=0 ", " answered=0 ");
        }
    }

    private static String[] concat(List<String> options, List<String> scenarios) {
        return Stream.concat(options.stream(), scenarios.stream()).toArray(String[]::new);
    }
}
