package io.parley.ticket.workspace;

import io.parley.events.Channel;
import io.parley.events.agent.AgentEvent.ProfileUpdated;
import io.parley.events.hours.BusinessHours;
import io.parley.events.conversation.ConversationEvent.Priority;
import io.parley.events.sla.BusinessCalendar;
import io.parley.events.sla.Priorities;
import io.parley.events.sla.SlaTargets;
import io.parley.events.web.WebChannelSettings;
import io.parley.events.workspace.Workspace;
import io.parley.events.workspace.WorkspaceEvent.ChannelSaved;
import io.parley.events.workspace.WorkspaceEvent.HoursCleared;
import io.parley.events.workspace.WorkspaceEvent.HoursSet;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicyCleared;
import io.parley.events.workspace.WorkspaceEvent.SlaPolicySet;
import io.parley.events.workspace.WorkspaceEvent.TeamDeleted;
import io.parley.events.workspace.WorkspaceEvent.TeamSaved;
import io.parley.ticket.workspace.Forms.AgentForm;
import io.parley.ticket.workspace.Forms.ChannelForm;
import io.parley.ticket.workspace.Forms.SlaForm;
import io.parley.ticket.workspace.Forms.TeamForm;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Decides workspace changes: a command against a tenant's current {@link Workspace} gives the events to append, or a
 * rejection listing every problem. Pure but for sealing secrets, which the caller supplies.
 */
public final class WorkspaceDecider {

    static final Set<String> ROLES = Set.of("agent", "admin");
    static final Set<String> STRATEGIES = Set.of("balanced", "round-robin");
    static final Set<String> OFFLINE_POLICIES = Set.of("requeue", "keep");
    static final Set<String> SLA_POLICIES = Set.of(BusinessCalendar.BUSINESS_HOURS_POLICY,
            BusinessCalendar.WALL_CLOCK_POLICY);
    /** The SLA policies' names: the priorities' wire names. */
    static final List<String> PRIORITIES = java.util.Arrays.stream(Priority.values()).map(Priorities::wireName)
            .toList();
    /** What a new agent can hold when the form says nothing: a few conversations on any channel. */
    static final Map<String, Integer> DEFAULT_CAPACITY = Map.of("*", 5);
    static final int MAX_CAPACITY = 100;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private final UnaryOperator<String> seal;

    public WorkspaceDecider(UnaryOperator<String> seal) {
        this.seal = seal;
    }

    // ---- agents

    public Decision createAgent(Workspace workspace, AgentForm form, String actor) {
        String id = form.id() != null ? form.id() : slug(form.email() == null ? form.displayName()
                : form.email().split("@")[0]);
        if (id != null && workspace.agents().containsKey(id)) {
            return Decision.conflict("agent '" + id + "' exists: change it with PUT /api/v1/admin/agents/" + id);
        }
        AgentForm complete = new AgentForm(id, form.displayName(), form.email(),
                Objects.requireNonNullElse(form.role(), "agent"), orEmpty(form.teams()), orEmpty(form.skills()),
                orEmpty(form.languages()), form.capacity() == null ? DEFAULT_CAPACITY : form.capacity(),
                form.active() == null || form.active());
        return saveAgent(workspace, complete, actor);
    }

    public Decision updateAgent(Workspace workspace, String agentId, AgentForm form, String actor) {
        ProfileUpdated current = workspace.agents().get(agentId);
        if (current == null) {
            return Decision.notFound(noAgent(agentId));
        }
        if (form.id() != null && !form.id().equals(agentId)) {
            return Decision.invalid(List.of("id cannot change ('" + agentId + "' → '" + form.id() + "'): create "
                    + "another agent and deactivate this one"));
        }
        return saveAgent(workspace, new AgentForm(agentId, or(form.displayName(), current.displayName()),
                or(form.email(), current.email()), or(form.role(), current.role()), or(form.teams(), current.teams()),
                or(form.skills(), current.skills()), or(form.languages(), current.languages()),
                or(form.capacity(), current.capacity()), or(form.active(), current.isActive())), actor);
    }

    public Decision deactivateAgent(Workspace workspace, String agentId, String actor) {
        ProfileUpdated current = workspace.agents().get(agentId);
        if (current == null) {
            return Decision.notFound(noAgent(agentId));
        }
        return Decision.accept(new ProfileUpdated(agentId, current.displayName(), current.teams(), current.skills(),
                current.languages(), current.capacity(), current.email(), current.role(), false, actor));
    }

    private Decision saveAgent(Workspace workspace, AgentForm agent, String actor) {
        List<String> problems = new ArrayList<>();
        if (agent.id() == null || !ID.matcher(agent.id()).matches()) {
            problems.add("id '" + agent.id() + "' must be 1-64 lower-case letters, digits, '.', '_' or '-' (the "
                    + "subject of the agent's tokens); give one, or an email to derive it from");
        }
        if (blank(agent.displayName())) {
            problems.add("displayName is required, e.g. \"Ada Lovelace\"");
        }
        if (blank(agent.email()) || !agent.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("email '" + agent.email() + "' is not an address such as ada@example.com");
        }
        if (!ROLES.contains(agent.role())) {
            problems.add("role '" + agent.role() + "' must be one of " + new TreeSet<>(ROLES));
        }
        agent.teams().stream().filter(team -> !workspace.teams().containsKey(team)).forEach(team -> problems.add(
                "team '" + team + "' does not exist: create it first with POST /api/v1/admin/teams"));
        agent.languages().stream().filter(language -> language == null || !LANGUAGE.matcher(language).matches())
                .forEach(language -> problems.add("language '" + language + "' is not an ISO 639-1 code such as 'en'"));
        agent.capacity().forEach((channel, max) -> {
            if (!"*".equals(channel) && !isChannel(channel)) {
                problems.add("capacity key '" + channel + "' must be a channel (" + channelNames() + ") or \"*\"");
            }
            if (max == null || max < 0 || max > MAX_CAPACITY) {
                problems.add("capacity of '" + channel + "' must be 0 to " + MAX_CAPACITY + ", not " + max);
            }
        });
        if (!problems.isEmpty()) {
            return Decision.invalid(problems);
        }
        Optional<ProfileUpdated> sameEmail = workspace.agents().values().stream()
                .filter(other -> !other.agentId().equals(agent.id()) && agent.email().equalsIgnoreCase(other.email()))
                .findFirst();
        if (sameEmail.isPresent()) {
            return Decision.conflict("email " + agent.email() + " belongs to agent '" + sameEmail.get().agentId()
                    + "' already");
        }
        return Decision.accept(new ProfileUpdated(agent.id(), agent.displayName(), agent.teams(), agent.skills(),
                agent.languages(), agent.capacity(), agent.email(), agent.role(), agent.active(), actor));
    }

    // ---- teams

    public Decision createTeam(Workspace workspace, TeamForm form, String actor) {
        String id = form.id() != null ? form.id() : slug(form.name());
        if (id != null && workspace.teams().containsKey(id)) {
            return Decision.conflict("team '" + id + "' exists: change it with PUT /api/v1/admin/teams/" + id);
        }
        return saveTeam(workspace, new TeamForm(id, form.name(), or(form.strategy(), "balanced"),
                or(form.offlinePolicy(), "requeue"), form.hoursCalendar(), form.slaPolicy()), actor);
    }

    public Decision updateTeam(Workspace workspace, String teamId, TeamForm form, String actor) {
        TeamSaved current = workspace.teams().get(teamId);
        if (current == null) {
            return Decision.notFound(noTeam(teamId));
        }
        if (form.id() != null && !form.id().equals(teamId)) {
            return Decision.invalid(List.of("id cannot change ('" + teamId + "' → '" + form.id() + "'): routing "
                    + "rules and agents name it"));
        }
        return saveTeam(workspace, new TeamForm(teamId, or(form.name(), current.name()),
                or(form.strategy(), current.strategy()), or(form.offlinePolicy(), current.offlinePolicy()),
                or(form.hoursCalendar(), current.hoursCalendar()), or(form.slaPolicy(), current.slaPolicy())), actor);
    }

    public Decision deleteTeam(Workspace workspace, String teamId, String actor) {
        if (!workspace.teams().containsKey(teamId)) {
            return Decision.notFound(noTeam(teamId));
        }
        List<String> members = workspace.agents().values().stream().filter(ProfileUpdated::isActive)
                .filter(agent -> agent.teams().contains(teamId)).map(ProfileUpdated::agentId).sorted().toList();
        if (!members.isEmpty()) {
            return Decision.conflict("team '" + teamId + "' still has members " + members
                    + ": move them to another team first");
        }
        return Decision.accept(new TeamDeleted(teamId, actor));
    }

    private Decision saveTeam(Workspace workspace, TeamForm team, String actor) {
        List<String> problems = new ArrayList<>();
        if (team.id() == null || !ID.matcher(team.id()).matches()) {
            problems.add("id '" + team.id() + "' must be 1-64 lower-case letters, digits, '.', '_' or '-'; give "
                    + "one, or a name to derive it from");
        }
        if (blank(team.name())) {
            problems.add("name is required, e.g. \"Billing\"");
        }
        if (!STRATEGIES.contains(team.strategy())) {
            problems.add("strategy '" + team.strategy() + "' must be one of " + new TreeSet<>(STRATEGIES));
        }
        if (!OFFLINE_POLICIES.contains(team.offlinePolicy())) {
            problems.add("offlinePolicy '" + team.offlinePolicy() + "' must be one of "
                    + new TreeSet<>(OFFLINE_POLICIES));
        }
        if (team.hoursCalendar() != null && !workspace.hours().containsKey(team.hoursCalendar())) {
            problems.add("hoursCalendar '" + team.hoursCalendar() + "' is not set: define it with PUT "
                    + "/api/v1/admin/hours/" + team.hoursCalendar() + " first");
        }
        if (team.slaPolicy() != null && !SLA_POLICIES.contains(team.slaPolicy())) {
            problems.add("slaPolicy '" + team.slaPolicy() + "' must be one of " + new TreeSet<>(SLA_POLICIES));
        }
        if (!problems.isEmpty()) {
            return Decision.invalid(problems);
        }
        Optional<TeamSaved> sameName = workspace.teams().values().stream()
                .filter(other -> !other.teamId().equals(team.id()) && other.name().equalsIgnoreCase(team.name()))
                .findFirst();
        if (sameName.isPresent()) {
            return Decision.conflict("a team named '" + team.name() + "' exists already: '"
                    + sameName.get().teamId() + "'");
        }
        return Decision.accept(new TeamSaved(team.id(), team.name(), team.strategy(), team.offlinePolicy(),
                team.hoursCalendar(), team.slaPolicy(), actor));
    }

    // ---- channels

    /** {@code ownerOf} tells which tenant, if any, has an account key ({@code channel:accountId}) already. */
    public Decision createChannel(Workspace workspace, Function<String, Optional<String>> ownerOf, ChannelForm form,
            String actor, Instant now) {
        List<String> problems = new ArrayList<>();
        if (form.channel() == null || !Secrets.ACCEPTED.containsKey(form.channel())) {
            problems.add("channel '" + form.channel() + "' must be one of " + new TreeSet<>(Secrets.ACCEPTED.keySet()));
        }
        if (form.accountId() == null || !ACCOUNT_ID.matcher(form.accountId()).matches()) {
            problems.add("accountId '" + form.accountId() + "' must be the phone number id, page id, Instagram "
                    + "account id, API or web channel id (letters, digits, '.', '_', '-')");
        }
        if (!problems.isEmpty()) {
            return Decision.invalid(problems);
        }
        String key = form.channel() + ":" + form.accountId();
        Optional<String> owner = ownerOf.apply(key);
        if (owner.isPresent()) {
            return Decision.conflict(owner.get().equals(workspace.tenant())
                    ? "channel " + key + " exists: change it with PUT /api/v1/admin/channels/" + form.channel() + "/"
                            + form.accountId()
                    : "channel " + key + " is connected to another workspace: one number, page or account belongs "
                            + "to one workspace");
        }
        ChannelSaved empty = new ChannelSaved(form.channel(), form.accountId(), null, true, Map.of(), Map.of(),
                Map.of(), actor);
        return saveChannel(empty, form, actor, now);
    }

    public Decision updateChannel(Workspace workspace, String channel, String accountId, ChannelForm form,
            String actor, Instant now) {
        ChannelSaved current = workspace.channels().get(channel + ":" + accountId);
        if (current == null) {
            return Decision.notFound(noChannel(channel, accountId));
        }
        if ((form.channel() != null && !form.channel().equals(channel))
                || (form.accountId() != null && !form.accountId().equals(accountId))) {
            return Decision.invalid(List.of("channel and accountId cannot change: connect the new account with POST "
                    + "/api/v1/admin/channels and disable this one"));
        }
        return saveChannel(current, form, actor, now);
    }

    public Decision disableChannel(Workspace workspace, String channel, String accountId, String actor) {
        ChannelSaved current = workspace.channels().get(channel + ":" + accountId);
        if (current == null) {
            return Decision.notFound(noChannel(channel, accountId));
        }
        return Decision.accept(new ChannelSaved(current.channel(), current.accountId(), current.name(), false,
                current.settings(), current.secrets(), current.secretsChangedAt(), actor));
    }

    private Decision saveChannel(ChannelSaved current, ChannelForm form, String actor, Instant now) {
        String channel = current.channel();
        List<String> problems = new ArrayList<>();
        Map<String, String> given = form.secretsGiven();
        given.forEach((name, value) -> {
            if (!Secrets.ACCEPTED.get(channel).contains(name)) {
                problems.add(name + " does not apply to " + channel + " channels, which take "
                        + Secrets.ACCEPTED.get(channel));
            } else if (value.isBlank()) {
                problems.add(name + " must not be blank");
            }
        });
        Map<String, String> sealed = new HashMap<>(current.secrets());
        Map<String, Instant> changedAt = new HashMap<>(current.secretsChangedAt());
        Secrets.REQUIRED.get(channel).stream().filter(name -> !given.containsKey(name) && !sealed.containsKey(name))
                .forEach(name -> problems.add(name + " is required for " + channel + " channels"));
        Map<String, String> settings = new HashMap<>(current.settings());
        if (form.callbackUrl() != null) {
            if (!"api".equals(channel)) {
                problems.add("callbackUrl only applies to api channels; Meta channels reply through the Graph API");
            } else if (!isHttpUrl(form.callbackUrl())) {
                problems.add("callbackUrl '" + form.callbackUrl() + "' is not an http(s) URL");
            } else {
                settings.put(Secrets.CALLBACK_URL, form.callbackUrl());
            }
        }
        if (form.allowedOrigins() != null) {
            if (!"web".equals(channel)) {
                problems.add("allowedOrigins only applies to web channels (the chat widget)");
            } else {
                List<String> origins = new ArrayList<>();
                for (String origin : form.allowedOrigins()) {
                    String normalised = origin == null ? null : WebChannelSettings.normalise(origin);
                    if (normalised == null) {
                        problems.add("allowedOrigins entry '" + origin + "' is not an origin like https://shop.example "
                                + "or http://localhost:8080 (scheme, host and port only)");
                    } else {
                        origins.add(normalised);
                    }
                }
                settings.put(Secrets.ALLOWED_ORIGINS, String.join(" ", origins));
            }
        }
        if ("web".equals(channel) && WebChannelSettings.allowedOrigins(settings).isEmpty()) {
            problems.add("allowedOrigins is required for web channels: the sites that may embed the widget, e.g. "
                    + "[\"https://shop.example\"]");
        }
        boolean hasCallbackSecret = given.containsKey(Secrets.CALLBACK_SECRET)
                || sealed.containsKey(Secrets.CALLBACK_SECRET);
        if (settings.containsKey(Secrets.CALLBACK_URL) && !hasCallbackSecret) {
            problems.add("a callbackUrl needs a callbackSecret, which signs every reply Parley posts to it");
        }
        if (!problems.isEmpty()) {
            return Decision.invalid(problems);
        }
        given.forEach((name, value) -> {
            sealed.put(name, seal.apply(value));
            changedAt.put(name, now);
        });
        String name = or(form.name(), or(current.name(), channel + " " + current.accountId()));
        return Decision.accept(new ChannelSaved(channel, current.accountId(), name,
                or(form.enabled(), current.enabled()), settings, sealed, changedAt, actor));
    }

    // ---- business hours

    public Decision setHours(Workspace workspace, String calendar, BusinessHours hours, String actor) {
        List<String> problems = new ArrayList<>();
        if (!ID.matcher(calendar).matches()) {
            problems.add("calendar '" + calendar + "' must be 'default' or 1-64 lower-case letters, digits, '.', '_'"
                    + " or '-'");
        }
        if (hours == null) {
            problems.add("send {\"timeZone\": \"Europe/Berlin\", \"weekly\": {\"MONDAY\": [{\"from\": \"09:00\", "
                    + "\"to\": \"17:00\"}]}, \"holidays\": [\"2026-12-25\"]}");
        } else {
            problems.addAll(hours.problems());
        }
        return problems.isEmpty() ? Decision.accept(new HoursSet(calendar, hours, actor)) : Decision.invalid(problems);
    }

    public Decision clearHours(Workspace workspace, String calendar, String actor) {
        if (!workspace.hours().containsKey(calendar)) {
            return Decision.notFound(noCalendar(calendar));
        }
        List<String> users = workspace.teams().values().stream()
                .filter(team -> calendar.equals(team.hoursCalendar())).map(TeamSaved::teamId).sorted().toList();
        if (!users.isEmpty()) {
            return Decision.conflict("teams " + users + " work by calendar '" + calendar + "': give them another "
                    + "hoursCalendar first");
        }
        return Decision.accept(new HoursCleared(calendar, actor));
    }

    // ---- SLA policies

    public Decision setSlaPolicy(Workspace workspace, String priority, SlaForm form, String actor) {
        List<String> problems = new ArrayList<>();
        if (!PRIORITIES.contains(priority)) {
            problems.add("priority '" + priority + "' must be one of " + PRIORITIES);
        }
        if (form == null) {
            return Decision.invalid(List.of("send {\"firstReply\": \"PT5M\", \"nextReply\": \"PT10M\", "
                    + "\"resolution\": \"PT24H\", \"businessHours\": false, \"goalPercent\": 90}"));
        }
        Duration firstReply = target("firstReply", form.firstReply(), problems);
        Duration nextReply = target("nextReply", form.nextReply(), problems);
        Duration resolution = target("resolution", form.resolution(), problems);
        int goal = form.goalPercent() == null ? 90 : form.goalPercent();
        if (goal < 1 || goal > 100) {
            problems.add("goalPercent " + goal + " must be 1 to 100, e.g. 90");
        }
        if (!problems.isEmpty()) {
            return Decision.invalid(problems);
        }
        return Decision.accept(SlaPolicySet.of(priority, new SlaTargets(firstReply, nextReply, resolution,
                Boolean.TRUE.equals(form.businessHours()), goal), actor));
    }

    public Decision clearSlaPolicy(Workspace workspace, String priority, String actor) {
        if (!workspace.slaPolicies().containsKey(priority)) {
            return Decision.notFound(noSlaPolicy(priority));
        }
        return Decision.accept(new SlaPolicyCleared(priority, actor));
    }

    private static Duration target(String name, String value, List<String> problems) {
        if (blank(value)) {
            problems.add(name + " is required, an ISO-8601 duration such as PT5M or PT24H");
            return null;
        }
        try {
            Duration target = Duration.parse(value.trim());
            if (target.isNegative() || target.isZero()) {
                problems.add(name + " '" + value + "' must be longer than zero");
            }
            return target;
        } catch (DateTimeParseException e) {
            problems.add(name + " '" + value + "' is not an ISO-8601 duration such as PT5M or PT24H");
            return null;
        }
    }

    // ---- helpers

    public static String noSlaPolicy(String priority) {
        return "your workspace sets no SLA policy of priority '" + priority + "' (the configured one applies)";
    }

    public static String noAgent(String agentId) {
        return "no agent '" + agentId + "' in your workspace";
    }

    public static String noTeam(String teamId) {
        return "no team '" + teamId + "' in your workspace";
    }

    public static String noCalendar(String calendar) {
        return "no business-hours calendar '" + calendar + "' in your workspace";
    }

    public static String noChannel(String channel, String accountId) {
        return "no channel " + channel + ":" + accountId + " in your workspace";
    }

    /** A lower-case id from a name: letters and digits kept, every other run of characters one '-'. */
    static String slug(String name) {
        if (name == null) {
            return null;
        }
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug;
    }

    private static boolean isChannel(String wireName) {
        try {
            Channel.fromWireName(wireName);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String channelNames() {
        return String.join(", ", java.util.Arrays.stream(Channel.values()).map(Channel::wireName).toList());
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
