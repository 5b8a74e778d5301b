package io.parley.ticket.lifecycle;

/** The timers a conversation can have; at most one of each kind per conversation, callbacks aside. */
public final class TimerKind {

    public static final String SLA_FIRST_REPLY = "sla-first-reply";
    public static final String SLA_NEXT_REPLY = "sla-next-reply";
    public static final String SLA_RESOLUTION = "sla-resolution";
    public static final String IDLE_REMINDER = "idle-reminder";
    public static final String IDLE_CLOSE = "idle-close";
    public static final String SNOOZE_WAKE = "snooze-wake";
    public static final String CSAT_REQUEST = "csat-request";
    public static final String UNASSIGNED_TICKET = "unassigned-ticket";
    /** Prefix of callback timers, one per scheduled callback: they come from events, not from the folded state. */
    public static final String CALLBACK_PREFIX = "callback:";

    private TimerKind() {
    }

    public static boolean isCallback(String kind) {
        return kind.startsWith(CALLBACK_PREFIX);
    }
}
