package io.parley.ticket.contacts;

import io.parley.events.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an agent may write on a contact, and what linking two contacts into one keeps: pure rules. */
public final class ContactRules {

    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1000;

    private ContactRules() {
    }

    /** Every problem with a set of attributes; empty when it may be saved. */
    public static List<String> attributeProblems(Map<String, String> attributes) {
        List<String> problems = new ArrayList<>();
        if (attributes.size() > MAX_ATTRIBUTES) {
            problems.add("at most " + MAX_ATTRIBUTES + " attributes, not " + attributes.size());
        }
        attributes.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                problems.add("attribute names are 1 to " + MAX_KEY_LENGTH + " characters: '" + key + "'");
            }
            if (value == null) {
                problems.add("attribute '" + key + "' has no value: leave it out to remove it");
            } else if (value.length() > MAX_VALUE_LENGTH) {
                problems.add("attribute '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
            }
        });
        return problems;
    }

    /** Every problem with an identity to link; empty when it may be linked. */
    public static List<String> identityProblems(String channel, String channelUserId) {
        List<String> problems = new ArrayList<>();
        try {
            Channel.fromWireName(channel);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (channelUserId == null || channelUserId.isBlank()) {
            problems.add("'channelUserId' is required: the contact's id on that channel (a WhatsApp number, a page-scoped"
                    + " id, an API channel's user id)");
        }
        return problems;
    }

    /**
     * The attributes of a contact another one is merged into: the kept contact's values win, the other's fill the
     * names it does not have.
     */
    public static Map<String, String> mergedAttributes(Map<String, String> kept, Map<String, String> merged) {
        Map<String, String> result = new LinkedHashMap<>(merged);
        result.putAll(kept);
        return result;
    }
}
