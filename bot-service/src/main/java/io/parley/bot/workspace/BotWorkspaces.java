package io.parley.bot.workspace;

import io.parley.bot.BotConfig;
import io.parley.events.Topics;
import io.parley.events.kafka.LogFollower;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.Workspaces;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every tenant's workspace (business-hours calendars, teams) as this instance has read it from
 * {@value Topics#WORKSPACE_EVENTS}: every instance follows the whole topic from the beginning with a private consumer,
 * so a change made through the workspace admin API (ticket-service) reaches the next decision without a rebuild.
 */
@ApplicationScoped
public class BotWorkspaces {

    private static final Logger LOG = Logger.getLogger(BotWorkspaces.class);

    private final Workspaces workspaces = new Workspaces();
    private final String bootstrapServers;
    private final Duration catchUp;
    private final Object startWait = new Object();
    private LogFollower follower;
    /** Set once the first wait for the follower ended, caught up or not: later decisions never wait again. */
    private volatile boolean startWaitOver;

    public BotWorkspaces(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, BotConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.catchUp = config.workspaceCatchUp();
    }

    void start(@Observes StartupEvent start) {
        follower();
    }

    /**
     * The tenant's workspace as read so far. Right after a start it first waits (at most
     * {@code parley.bot.workspace-catch-up}) until the follower has read what the topic held at the start: a
     * decision taken before that would see no hours and call a closed tenant open. When that wait runs out the
     * bot decides with what it has (readiness stays DOWN meanwhile) rather than stall every conversation.
     */
    public Workspace tenant(String tenant) {
        if (!startWaitOver) {
            awaitStartCatchUp();
        }
        return workspaces.tenant(tenant);
    }

    /** Whether everything the topic held when this instance started has been read (readiness). */
    public boolean caughtUp() {
        return follower().caughtUp();
    }

    /**
     * Started on first use, whichever comes first of the start-up event and a message: the consumer may be handed
     * a message before every start-up observer has run, and must not find nothing to wait for.
     */
    private synchronized LogFollower follower() {
        if (follower == null) {
            follower = new LogFollower(bootstrapServers, List.of(Topics.WORKSPACE_EVENTS), "bot-workspace-follower",
                    workspaces::apply).start();
        }
        return follower;
    }

    private void awaitStartCatchUp() {
        LogFollower started = follower();
        // a lock of its own: readiness checks must not queue behind a decision that is waiting
        synchronized (startWait) {
            if (!startWaitOver) {
                waitForCatchUp(started);
            }
        }
    }

    private void waitForCatchUp(LogFollower started) {
        try {
            if (!started.awaitCaughtUp(catchUp)) {
                LOG.warnf("%s not read to its end within %s of the first decision; deciding with the business hours"
                        + " read so far", Topics.WORKSPACE_EVENTS, catchUp);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            startWaitOver = true;
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (follower != null) {
            follower.close();
        }
    }
}
