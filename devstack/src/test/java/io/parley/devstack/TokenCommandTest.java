package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TokenCommandTest {

    @Test
    void prints_a_signed_jwt_with_tenant_and_groups() {
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("token", "--tenant", "acme", "--agent", "alice", "--admin");

        assertThat(exitCode).isZero();
        String[] parts = out.toString().strip().split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"tenant\":\"acme\"", "\"upn\":\"alice\"", "\"groups\":[\"agent\",\"admin\"]");
    }
}
