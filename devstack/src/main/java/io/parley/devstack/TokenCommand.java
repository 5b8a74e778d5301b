package io.parley.devstack;

import io.parley.ticket.auth.DevTokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "token",
        description = {"Print an agent token for the gateway API (Authorization: Bearer …), valid 12 hours.",
            "Signed with the DEVELOPMENT key pair in ticket-service: for local runs only."})
class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "the tenant the agent works for")
    String tenant;

    @Option(names = "--agent", required = true, description = "the agent id (the token's subject)")
    String agent;

    @Option(names = "--admin", description = "grant the admin role as well as agent")
    boolean admin;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(DevTokens.issue(tenant, agent, admin));
        return 0;
    }
}
