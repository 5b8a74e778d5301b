package io.parley.analytics.figures;

import io.parley.events.Channel;

/** The dashboard's filters: a team and a channel (wire name); null means all. */
public record Filter(String team, String channel) {

    public static final Filter ALL = new Filter(null, null);

    public Filter {
        team = blankToNull(team);
        channel = blankToNull(channel);
    }

    public boolean matches(String conversationTeam, Channel conversationChannel) {
        return matchesTeam(conversationTeam)
                && (channel == null || (conversationChannel != null && conversationChannel.wireName().equals(channel)));
    }

    public boolean matchesTeam(String conversationTeam) {
        return team == null || team.equals(conversationTeam);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
