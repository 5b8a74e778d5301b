package io.parley.events.sla;

import io.parley.events.hours.BusinessHours;
import io.parley.events.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When SLA clocks run. A tenant's hours come from its workspace ({@link Workspace#hoursOf}: the team's calendar, then
 * the tenant's {@code default}), the same lookup the bot makes for its after-hours handoff, so both reach the same
 * decision at the same instant. Static configuration (key {@code tenant} or {@code tenant/team}) covers tenants whose
 * workspace has no hours, for single-tenant deployments; a tenant with neither is open around the clock. A team's
 * {@code slaPolicy} ({@value #BUSINESS_HOURS_POLICY} or {@value #WALL_CLOCK_POLICY}) overrides whether its clocks
 * count business hours, whatever the priority's targets say.
 */
public final class BusinessCalendar {

    public static final String BUSINESS_HOURS_POLICY = "business-hours";
    public static final String WALL_CLOCK_POLICY = "wall-clock";
    public static final BusinessCalendar ALWAYS_OPEN = new BusinessCalendar(Map.of(), Workspace::empty);

    private final Map<String, BusinessHours> configured;
    private final Function<String, Workspace> workspaces;

    public BusinessCalendar(Map<String, BusinessHours> configured, Function<String, Workspace> workspaces) {
        this.configured = Map.copyOf(configured);
        this.workspaces = workspaces;
    }

    /** The configuration keys' prefix: {@code parley.tickets.business-hours.<tenant>.zone}, {@code .weekly}, ... */
    public static final String CONFIG_PREFIX = "parley.tickets.business-hours.";

    /**
     * The static calendars the shared keys set, by {@link #key}: {@code <key>.zone}, {@code <key>.weekly} (compact
     * form, {@link BusinessHours#parse}) and {@code <key>.holidays} (ISO dates, comma-separated); a key with a slash is
     * quoted ({@code ."acme/support".weekly}).
     */
    public static Map<String, BusinessHours> configured(Iterable<String> propertyNames,
            Function<String, Optional<String>> config) {
        Map<String, BusinessHours> calendars = new HashMap<>();
        for (String name : propertyNames) {
            if (!name.startsWith(CONFIG_PREFIX) || !name.endsWith(".weekly")) {
                continue;
            }
            String quoted = name.substring(CONFIG_PREFIX.length(), name.length() - ".weekly".length());
            String key = quoted.replace("\"", "");
            Set<LocalDate> holidays = config.apply(CONFIG_PREFIX + quoted + ".holidays").stream()
                    .flatMap(list -> Arrays.stream(list.split(","))).map(String::trim).filter(day -> !day.isEmpty())
                    .map(LocalDate::parse).collect(Collectors.toSet());
            calendars.put(key, BusinessHours.parse(config.apply(CONFIG_PREFIX + quoted + ".zone").orElse("UTC"),
                    config.apply(name).orElseThrow(), holidays));
        }
        return Map.copyOf(calendars);
    }

    public static String key(String tenant, String team) {
        return team == null ? tenant : tenant + "/" + team;
    }

    /** The deadline {@code amount} after {@code start}, in business time when the policy counts business hours. */
    public Instant deadline(String tenant, String team, Instant start, Duration amount, boolean businessHours) {
        return hoursCounted(tenant, team, businessHours).map(open -> open.plus(start, amount))
                .orElseGet(() -> start.plus(amount));
    }

    /** The time that counts against a target between two instants. */
    public Duration elapsed(String tenant, String team, Instant start, Instant end, boolean businessHours) {
        return hoursCounted(tenant, team, businessHours).map(open -> open.between(start, end))
                .orElseGet(() -> end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO);
    }

    private Optional<BusinessHours> hoursCounted(String tenant, String team, boolean businessHours) {
        Workspace workspace = workspaces.apply(tenant);
        if (!countsBusinessHours(workspace, team, businessHours)) {
            return Optional.empty();
        }
        return workspace.hoursOf(team).or(() -> configuredHours(tenant, team));
    }

    private static boolean countsBusinessHours(Workspace workspace, String team, boolean byTargets) {
        String policy = team == null || !workspace.teams().containsKey(team) ? null
                : workspace.teams().get(team).slaPolicy();
        if (BUSINESS_HOURS_POLICY.equals(policy)) {
            return true;
        }
        return !WALL_CLOCK_POLICY.equals(policy) && byTargets;
    }

    private Optional<BusinessHours> configuredHours(String tenant, String team) {
        BusinessHours teamHours = team == null ? null : configured.get(key(tenant, team));
        return Optional.ofNullable(teamHours != null ? teamHours : configured.get(tenant));
    }
}
