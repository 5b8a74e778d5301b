package io.parley.ticket.workspace;

import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.sla.Priorities;
import io.parley.events.sla.SlaPolicies;
import io.parley.events.sla.SlaTargets;
import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.Workspace;
import io.parley.events.web.WebChannelSettings;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the workspace API shows: never a secret, only whether it is set and when it last changed. */
public final class WorkspaceViews {

    private WorkspaceViews() {
    }

    public record AgentView(String id, String displayName, String email, String role, List<String> teams,
            List<String> skills, List<String> languages, Map<String, Integer> capacity, boolean active) {
        public static AgentView of(ProfileUpdated agent) {
            return new AgentView(agent.agentId(), agent.displayName(), agent.email(),
                    agent.role() == null ? "agent" : agent.role(), agent.teams(), agent.skills(), agent.languages(),
                    new TreeMap<>(agent.capacity()), agent.isActive());
        }
    }

    /** A priority's SLA policy; {@code source} is {@code workspace} when the workspace sets it, else configured. */
    public record SlaPolicyView(String priority, String firstReply, String nextReply, String resolution,
            boolean businessHours, int goalPercent, String source) {
    }

    /** Every priority's policy for the workspace, the workspace's own over the configured ones. */
    public static List<SlaPolicyView> slaPolicies(Map<Priority, SlaTargets> configured, Workspace workspace) {
        Map<Priority, SlaTargets> policies = SlaPolicies.of(configured, workspace);
        return java.util.Arrays.stream(Priority.values()).map(priority -> {
            String name = Priorities.wireName(priority);
            SlaTargets targets = SlaPolicies.targetsFor(policies, priority);
            return new SlaPolicyView(name, targets.firstReply().toString(), targets.nextReply().toString(),
                    targets.resolution().toString(), targets.businessHours(), targets.goalPercent(),
                    workspace.slaPolicies().containsKey(name) ? "workspace" : "configured");
        }).toList();
    }

    public record TeamView(String id, String name, String strategy, String offlinePolicy, String hoursCalendar,
            String slaPolicy, List<String> members) {
        public static TeamView of(TeamSaved team, Workspace workspace) {
            List<String> members = workspace.agents().values().stream().filter(ProfileUpdated::isActive)
                    .filter(agent -> agent.teams().contains(team.teamId())).map(ProfileUpdated::agentId).sorted()
                    .toList();
            return new TeamView(team.teamId(), team.name(), team.strategy(), team.offlinePolicy(),
                    team.hoursCalendar(), team.slaPolicy(), members);
        }
    }

    public record SecretState(boolean set, Instant changedAt) {
    }

    /** {@code allowedOrigins} is a web channel's (null for others). */
    public record ChannelView(String channel, String accountId, String name, boolean enabled, String callbackUrl,
            List<String> allowedOrigins, Map<String, SecretState> secrets) {
        public static ChannelView of(ChannelSaved account) {
            Map<String, SecretState> secrets = new TreeMap<>();
            Secrets.ACCEPTED.get(account.channel()).forEach(name -> secrets.put(name,
                    new SecretState(account.secrets().containsKey(name), account.secretsChangedAt().get(name))));
            return new ChannelView(account.channel(), account.accountId(), account.name(), account.enabled(),
                    account.settings().get(Secrets.CALLBACK_URL), "web".equals(account.channel())
                            ? WebChannelSettings.allowedOrigins(account.settings()) : null, secrets);
        }
    }

    public record CalendarView(String calendar, BusinessHours hours) {
    }

    public static List<AgentView> agents(Workspace workspace) {
        return workspace.agents().values().stream().sorted(Comparator.comparing(ProfileUpdated::agentId))
                .map(AgentView::of).toList();
    }

    public static List<TeamView> teams(Workspace workspace) {
        return workspace.teams().values().stream().sorted(Comparator.comparing(TeamSaved::teamId))
                .map(team -> TeamView.of(team, workspace)).toList();
    }

    public static List<ChannelView> channels(Workspace workspace) {
        return workspace.channels().values().stream().sorted(Comparator.comparing(ChannelSaved::key))
                .map(ChannelView::of).toList();
    }

    public static List<CalendarView> calendars(Workspace workspace) {
        return new TreeMap<>(workspace.hours()).entrySet().stream()
                .map(entry -> new CalendarView(entry.getKey(), entry.getValue())).toList();
    }
}
