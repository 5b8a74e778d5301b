package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ParleyCommandTest {

    private static final String FIXTURES = "../ingest-service/src/test/resources/meta/";

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

    @Test
    void normalize_prints_one_cloud_event_per_line_for_a_whatsapp_webhook() {
        Result result = run("normalize", "--channel", "whatsapp", "--tenant", "acme", FIXTURES + "whatsapp-text.json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).singleElement().asString()
                .contains("\"type\":\"parley.message.received.v1\"", "\"tenant\":\"acme\"",
                        "\"subject\":\"whatsapp:106540352242922:16505551234\"", "你好 😀");
    }

    @Test
    void normalize_takes_tenants_from_a_registry_and_reports_unknown_accounts() throws IOException {
        Path registry = Files.createTempFile("registry", ".properties");
        Files.writeString(registry, "parley.channels.messenger.accounts.nobody.tenant=acme\n");

        Result result = run("normalize", "--channel", "messenger", "--registry", registry.toString(),
                FIXTURES + "messenger-batch.json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("unhandled unknown-account");
    }

    @Test
    void normalize_rejects_a_body_that_is_not_json_clearly() throws IOException {
        Path body = Files.createTempFile("body", ".json");
        Files.writeString(body, "hello");

        Result result = run("normalize", "--channel", "instagram", "--tenant", "acme", body.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not JSON");
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
