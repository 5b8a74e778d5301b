package io.parley.events.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.events.EventData;
import io.parley.events.hours.BusinessHours;
import io.parley.events.sla.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The events of the {@code workspace-events} stream, keyed by tenant and written by the workspace-administration API:
 * a tenant's teams, channel accounts, business hours and SLA policies. Every event names who made the change ({@code changedBy}),
 * so the stream is also the audit trail. Agents' profiles are on {@code agent-events}.
 */
public sealed interface WorkspaceEvent extends EventData {

    /** The agent id of the administrator who made the change. */
    String changedBy();

    /**
     * A team's whole settings after a change (last one wins). {@code strategy} is {@code balanced} or
     * {@code round-robin}, {@code offlinePolicy} {@code requeue} or {@code keep}; {@code hoursCalendar} names the
     * business-hours calendar the team works by (its own id, or {@code default}) and {@code slaPolicy} the SLA
     * policy its conversations are measured by.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TeamSaved(String teamId, String name, String strategy, String offlinePolicy, String hoursCalendar,
            String slaPolicy, String changedBy) implements WorkspaceEvent {
    }

    record TeamDeleted(String teamId, String changedBy) implements WorkspaceEvent {
    }

    /** A calendar's business hours: {@code default} for the tenant, otherwise a team's own. */
    record HoursSet(String calendar, BusinessHours hours, String changedBy) implements WorkspaceEvent {
    }

    record HoursCleared(String calendar, String changedBy) implements WorkspaceEvent {
    }

    /**
     * A channel account's whole settings after a change (last one wins). {@code channel} is the wire name
     * (whatsapp, messenger, instagram, api) and {@code accountId} the phone number id, page id, Instagram account id
     * or API channel id. {@code settings} holds what may be shown ({@code callbackUrl}); {@code secrets} holds what
     * may not, each sealed by {@link SecretBox} (appSecret, accessToken, verifyToken, bearerToken, callbackSecret),
     * and {@code secretsChangedAt} when each was last set. A disabled account keeps its tenant but takes no intake.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ChannelSaved(String channel, String accountId, String name, boolean enabled, Map<String, String> settings,
            Map<String, String> secrets, Map<String, Instant> secretsChangedAt, String changedBy)
            implements WorkspaceEvent {
        public ChannelSaved {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
            secretsChangedAt = secretsChangedAt == null ? Map.of() : Map.copyOf(secretsChangedAt);
        }

        /** The registry key of the account, unique across tenants: one number or page belongs to one tenant. */
        public String key() {
            return channel + ":" + accountId;
        }
    }

    /**
     * A priority's SLA policy for the tenant (last one wins): {@code priority} is its wire name (urgent, high, normal,
     * low) and the targets replace the configured policy of that priority ({@code parley.tickets.sla.*}) for this
     * tenant only. Durations are ISO-8601 ({@code PT5M}).
     */
    record SlaPolicySet(String priority, String firstReply, String nextReply, String resolution, boolean businessHours,
            int goalPercent, String changedBy) implements WorkspaceEvent {

        public static SlaPolicySet of(String priority, SlaTargets targets, String changedBy) {
            return new SlaPolicySet(priority, targets.firstReply().toString(), targets.nextReply().toString(),
                    targets.resolution().toString(), targets.businessHours(), targets.goalPercent(), changedBy);
        }

        /** The targets; throws when the event does not hold a valid policy (the API never writes one). */
        public SlaTargets targets() {
            return new SlaTargets(Duration.parse(firstReply), Duration.parse(nextReply), Duration.parse(resolution),
                    businessHours, goalPercent);
        }
    }

    /** A priority's tenant policy removed: the configured policy applies again. */
    record SlaPolicyCleared(String priority, String changedBy) implements WorkspaceEvent {
    }
}
