package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ParleyCommandTest {

    @Test
    void help_lists_the_commands() {
        Result result = run("help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: parley", "version", "help");
    }

    @Test
    void version_prints_the_built_versions() {
        Result result = run("version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("parley \\d+\\.\\d+\\.\\d+").contains("quarkus 3.32.1", "kafka 4.1.1");
    }

    @Test
    void an_unknown_command_fails_and_names_it() {
        Result result = run("teleport");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "'teleport'");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
    }
}
