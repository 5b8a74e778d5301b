package io.parley.ticket.visitor;

import io.parley.events.agent.AgentEvent.Presence;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.web.VisitorToken;
import io.parley.events.web.VisitorTokens;
import io.parley.events.web.WebChannelSettings;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.ticket.workspace.admin.WorkspaceLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who a web-widget request comes from: the visitor's token (issued by ingest, checked with the same workspace key) and
 * the web channel it names, looked up in this instance's workspace fold, with the channel's allowed origins.
 */
@ApplicationScoped
public class VisitorAccess {

    /** The scheme of the visitor's {@code Authorization} header; {@code Bearer} stays the agents' JWT. */
    public static final String SCHEME = "Visitor ";

    private final VisitorTokens tokens;
    private final WorkspaceLog workspaces;
    private final Clock clock;

    VisitorAccess(WorkspaceLog workspaces, Clock clock,
            @ConfigProperty(name = "parley.workspace.secret-key") String secretKey,
            @ConfigProperty(name = "parley.web.visitor-token-max-age", defaultValue = "P30D") Duration maxAge) {
        this.workspaces = workspaces;
        this.clock = clock;
        this.tokens = VisitorTokens.fromWorkspaceKey(secretKey, maxAge, clock);
    }

    /** A web channel that is connected and enabled, with its owner. */
    public record WebChannel(String tenant, ChannelSaved account) {
        public boolean allows(String origin) {
            return origin == null || WebChannelSettings.allows(WebChannelSettings.allowedOrigins(account.settings()),
                    origin);
        }
    }

    public Optional<WebChannel> channel(String channelId) {
        String key = "web:" + channelId;
        return workspaces.ownerOf(key).flatMap(tenant -> Optional.ofNullable(workspaces.workspace(tenant).channels()
                .get(key)).filter(ChannelSaved::enabled).map(account -> new WebChannel(tenant, account)));
    }

    /** The token of an {@code Authorization: Visitor <token>} header, when Parley issued it and it is current. */
    public Optional<VisitorToken> visitor(String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEME)) {
            return Optional.empty();
        }
        return tokens.verify(authorization.substring(SCHEME.length()).trim());
    }

    public ChannelNotice notice(WebChannel channel) {
        Workspace workspace = workspaces.workspace(channel.tenant());
        boolean anyoneOnline = workspace.agents().values().stream()
                .filter(agent -> agent.active() == null || agent.active())
                .map(ProfileUpdated::agentId)
                .anyMatch(agent -> workspaces.presenceOf(channel.tenant(), agent) == Presence.ONLINE);
        return ChannelNotice.of(channel.account().accountId(), channel.account().name(), workspace.hoursOf(null),
                anyoneOnline, clock.instant());
    }
}
