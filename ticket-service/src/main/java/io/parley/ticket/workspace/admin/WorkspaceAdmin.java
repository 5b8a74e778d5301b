package io.parley.ticket.workspace.admin;

import io.parley.edge.auth.Caller;
import io.parley.edge.problem.ApiErrors;
import io.parley.events.EventData;
import io.parley.events.workspace.SecretBox;
import io.parley.events.workspace.Workspace;
import io.parley.ticket.workspace.Decision;
import io.parley.ticket.workspace.WorkspaceDecider;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a workspace command for the caller: decides it against the tenant's current workspace and appends what was
 * decided, or answers with every problem (400), 404 or 409. One command at a time per instance, so a decision is
 * never made on a state another command of this instance is changing.
 */
@ApplicationScoped
public class WorkspaceAdmin {

    /** A command: the decider's method applied to the caller's workspace, their id and now. */
    @FunctionalInterface
    public interface Command {
        Decision decide(WorkspaceDecider decider, Workspace workspace, String actor, Instant now);
    }

    private final WorkspaceLog log;
    private final Caller caller;
    private final Clock clock;
    private final WorkspaceDecider decider;

    WorkspaceAdmin(WorkspaceLog log, Caller caller, Clock clock,
            @ConfigProperty(name = "parley.workspace.secret-key") String secretKey) {
        this.log = log;
        this.caller = caller;
        this.clock = clock;
        this.decider = new WorkspaceDecider(SecretBox.fromBase64Key(secretKey)::seal);
    }

    public Workspace workspace() {
        return log.workspace(caller.tenant());
    }

    /** Decides and appends; returns the change, the entity's whole settings after it. */
    public synchronized EventData run(Command command) {
        String tenant = caller.tenant();
        Decision decision = command.decide(decider, log.workspace(tenant), caller.agentId(), clock.instant());
        if (decision instanceof Decision.Rejected rejected) {
            throw switch (rejected.reason()) {
                case INVALID -> ApiErrors.problems(400, "The request is invalid", rejected.problems());
                case NOT_FOUND -> ApiErrors.problems(404, "Not found", rejected.problems());
                case CONFLICT -> ApiErrors.problems(409, "Conflict", rejected.problems());
            };
        }
        List<EventData> changes = ((Decision.Accepted) decision).changes();
        log.append(tenant, changes);
        return changes.get(0);
    }

    /** The entity a read names, or 404 (also for another tenant's ids). */
    public <T> T find(Function<Workspace, T> lookup, String missing) {
        T found = lookup.apply(workspace());
        if (found == null) {
            throw ApiErrors.problems(404, "Not found", List.of(missing));
        }
        return found;
    }

    /** The owner check a new channel account needs. */
    public Optional<String> ownerOf(String accountKey) {
        return log.ownerOf(accountKey);
    }
}
