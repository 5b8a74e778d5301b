package io.parley.devstack.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.devstack.up.DemoAccounts;
import io.parley.testkit.auth.DevTokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Simulated agents ({@code --agents N}): {@code sim-agent-1…N} of the demo's triage team, added through the workspace
 * API as an admin would (kept between runs), go online through the gateway, and answer each conversation routing
 * assigns to them after a moment of typing, then mark it solved. They go offline when the simulation ends.
 */
final class SimAgents implements AutoCloseable {

    private static final String TEAM = "triage";
    private static final long TYPING_MILLIS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform platform;
    private final List<String> agents;
    private final String runId;
    private final Ledger ledger;
    private final LongSupplier nowMicros;
    private final ScheduledExecutorService typing = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "simulate-agents");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong replies = new AtomicLong();

    private SimAgents(Platform platform, List<String> agents, String runId, Ledger ledger, LongSupplier nowMicros) {
        this.platform = platform;
        this.agents = agents;
        this.runId = runId;
        this.ledger = ledger;
        this.nowMicros = nowMicros;
    }

    static SimAgents online(Platform platform, int count, String runId, Ledger ledger, LongSupplier nowMicros) {
        List<String> agents = new ArrayList<>();
        String admin = adminToken();
        for (int i = 1; i <= count; i++) {
            String agent = "sim-agent-" + i;
            String profile = json(Map.of("id", agent, "displayName", "Simulated agent " + i,
                    "email", agent + "@demo.parley.dev", "role", "agent", "teams", List.of(TEAM),
                    "languages", List.of("en", "es", "ru", "zh"), "capacity", Map.of("*", 20), "active", true));
            HttpResponse<String> created = platform.call("POST", "/api/v1/admin/agents", admin, profile);
            if (created.statusCode() == 409) {
                created = platform.call("PUT", "/api/v1/admin/agents/" + agent, admin, profile);
            }
            expect2xx(created, "adding agent " + agent);
            agents.add(agent);
        }
        SimAgents simAgents = new SimAgents(platform, agents, runId, ledger, nowMicros);
        simAgents.presence("online");
        return simAgents;
    }

    Set<String> ids() {
        return Set.copyOf(agents);
    }

    /** Routing assigned a conversation of this run to one of us: answer it after typing, then solve it. */
    void assigned(String agent, String conversationId) {
        if (!agents.contains(agent)) {
            return;
        }
        typing.schedule(() -> answer(agent, conversationId), TYPING_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void answer(String agent, String conversationId) {
        long reply = replies.incrementAndGet();
        String marker = Replies.AGENT_MARKER + runId + "-" + reply;
        String token = DevTokens.issue(DemoAccounts.TENANT, agent, "agent");
        long due = nowMicros.getAsLong();
        // The gateway needs a message id (or an Idempotency-Key) so a client retry never sends twice.
        String messageId = "sim-agent-reply-" + runId + "-" + reply;
        HttpResponse<String> sent = platform.call("POST", "/api/v1/conversations/" + conversationId + "/messages",
                token, json(Map.of("messageId", messageId, "text", "Hello, this is " + agent
                        + ": I have looked into it and sorted it out. " + marker)));
        if (sent.statusCode() / 100 == 2) {
            ledger.agentReplied(marker, due);
            platform.call("POST", "/api/v1/conversations/" + conversationId + "/status", token,
                    json(Map.of("status", "solved")));
        }
    }

    private void presence(String presence) {
        for (String agent : agents) {
            expect2xx(platform.call("PUT", "/api/v1/agents/me/presence", DevTokens.issue(DemoAccounts.TENANT, agent,
                    "agent"), json(Map.of("presence", presence))), agent + " going " + presence);
        }
    }

    static String adminToken() {
        return DevTokens.issue(DemoAccounts.TENANT, "ada", "agent", "admin");
    }

    private static void expect2xx(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " failed: " + response.statusCode() + " " + response.body()
                    + " (is the demo tenant set up? ./parley up --demo)");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    @Override
    public void close() {
        typing.shutdownNow();
        presence("offline");
    }
}
