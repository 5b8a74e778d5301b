package io.parley.routing.decider;

import java.util.Map;

/**
 * A tenant's routing figures. Right first time: assigned conversations never transferred afterwards, over all
 * assigned. Waits are from handoff (or re-queue) to assignment.
 */
public record Figures(
        long assignedConversations,
        long transferredAfterAssignment,
        double rightFirstTimeRate,
        int queueLength,
        Map<String, Integer> queueLengthByTeam,
        Map<String, Long> longestCurrentWaitSecondsByTeam,
        long waitP50Millis,
        long waitP90Millis,
        long waitMaxMillis) {
}
