package io.parley.devstack;

import io.parley.testkit.auth.DevTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "token",
        description = {"Print an agent token for the gateway API (Authorization: Bearer …), valid 12 hours.",
            "Signed with the DEVELOPMENT key pair in testkit: for local runs only."})
class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "the tenant the agent works for")
    String tenant;

    @Option(names = "--agent", required = true, description = "the agent id (the token's subject)")
    String agent;

    @Option(names = "--admin", description = "grant the admin role as well as agent")
    boolean admin;

    @Option(names = "--platform", description = "grant the platform operator role (projection rebuilds across tenants)")
    boolean platform;

    @Override
    public Integer call() {
        List<String> groups = new ArrayList<>(List.of("agent"));
        if (admin) {
            groups.add("admin");
        }
        if (platform) {
            groups.add("platform");
        }
        spec.commandLine().getOut().println(DevTokens.issue(tenant, agent, groups.toArray(String[]::new)));
        return 0;
    }
}
