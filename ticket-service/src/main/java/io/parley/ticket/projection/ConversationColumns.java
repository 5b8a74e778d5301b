package io.parley.ticket.projection;

import io.parley.events.sla.Priorities;
import io.parley.events.state.ConversationState;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** Writes the columns agents filter and sort on, all derived from the shared fold's answers. */
final class ConversationColumns {

    private ConversationColumns() {
    }

    static void fill(ConversationRow row, ConversationState state) {
        row.id = state.conversationId();
        row.tenant = state.tenant();
        row.channel = state.channel().wireName();
        if (state.contact() != null) {
            row.contactUserId = state.contact().value().channelUserId();
            row.contactName = state.contact().value().name();
            row.contactPhone = state.contact().value().phone();
        }
        row.status = Projector.wire(state.status());
        row.mode = state.mode().name().toLowerCase(Locale.ROOT);
        row.assignee = state.assignee();
        row.team = state.team();
        row.queuePosition = state.queuePosition();
        row.priority = Priorities.wireName(Priorities.of(state));
        row.language = state.language() == null ? null : state.language().value();
        row.labels = "," + String.join(",", state.currentLabels()) + (state.currentLabels().isEmpty() ? "" : ",");
        row.ticketId = state.ticket() == null ? null : state.ticket().value().ticketId();
        row.lastCustomerMessageAt = state.lastCustomerMessageAt();
        row.lastAgentMessageAt = state.lastAgentMessageAt();
        row.awaitingReplySince = state.awaitingAgentReplySince();
        row.lastActivityAt = latestActivity(state, row.lastActivityAt);
        row.csatScore = state.csatScore() == null ? null : state.csatScore().value();
        row.state = StateJson.write(state);
    }

    /** From the state alone, so that any replay order gives the same value; {@code current} until a message. */
    private static Instant latestActivity(ConversationState state, Instant current) {
        return Stream.of(state.lastCustomerMessageAt(), state.lastAgentMessageAt(),
                        state.statusChange() == null ? null : state.statusChange().stamp().time())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(current);
    }
}
