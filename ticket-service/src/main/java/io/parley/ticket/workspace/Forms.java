package io.parley.ticket.workspace;

import java.util.List;
import java.util.Map;

/**
 * What an administrator sends. On create every required field must be given; on update an absent (null) field keeps
 * its current value, so a form may carry only what changes. Secrets are write-only: given, they replace the stored one.
 */
public final class Forms {

    private Forms() {
    }

    /** An agent; {@code id} is the subject of their tokens (derived from the email when absent on create). */
    public record AgentForm(String id, String displayName, String email, String role, List<String> teams,
            List<String> skills, List<String> languages, Map<String, Integer> capacity, Boolean active) {
    }

    /** A team; {@code id} is what routing rules and agents name (derived from the name when absent on create). */
    public record TeamForm(String id, String name, String strategy, String offlinePolicy, String hoursCalendar,
            String slaPolicy) {
    }

    /**
     * A channel account (inbox). Meta channels take {@code appSecret}, {@code accessToken} (the page or system-user
     * token) and {@code verifyToken}; API channels take {@code bearerToken} and, to receive replies, {@code callbackUrl}
     * with {@code callbackSecret}; web channels (the chat widget) take {@code allowedOrigins}, the sites that may embed
     * it, and {@code identitySecret}, which checks the signed identities of a business's signed-in users.
     */
    public record ChannelForm(String channel, String accountId, String name, Boolean enabled, String callbackUrl,
            String appSecret, String accessToken, String verifyToken, String bearerToken, String callbackSecret,
            java.util.List<String> allowedOrigins, String identitySecret) {

        Map<String, String> secretsGiven() {
            Map<String, String> given = new java.util.LinkedHashMap<>();
            putIfGiven(given, Secrets.APP_SECRET, appSecret);
            putIfGiven(given, Secrets.ACCESS_TOKEN, accessToken);
            putIfGiven(given, Secrets.VERIFY_TOKEN, verifyToken);
            putIfGiven(given, Secrets.BEARER_TOKEN, bearerToken);
            putIfGiven(given, Secrets.CALLBACK_SECRET, callbackSecret);
            putIfGiven(given, Secrets.IDENTITY_SECRET, identitySecret);
            return given;
        }

        private static void putIfGiven(Map<String, String> map, String key, String value) {
            if (value != null) {
                map.put(key, value);
            }
        }
    }

    /**
     * An SLA policy of one priority for the workspace: ISO-8601 durations ({@code PT5M}); {@code businessHours}
     * (clocks run in business hours only) defaults to false and {@code goalPercent} to 90.
     */
    public record SlaForm(String firstReply, String nextReply, String resolution, Boolean businessHours,
            Integer goalPercent) {
    }
}
