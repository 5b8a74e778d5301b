package io.parley.ticket.workspace;

import io.parley.events.EventData;
import java.util.List;

/** What the decider says to a command: the events to append, or why not, as an HTTP-minded status and every problem. */
public sealed interface Decision {

    record Accepted(List<EventData> changes) implements Decision {
        public Accepted {
            changes = List.copyOf(changes);
        }
    }

    record Rejected(Reason reason, List<String> problems) implements Decision {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    enum Reason {
        /** The input is invalid: 400 listing every problem. */
        INVALID,
        /** No such entity in the caller's workspace (another tenant's ids included): 404. */
        NOT_FOUND,
        /** The change clashes with what exists (a duplicate name, an account of another tenant): 409. */
        CONFLICT
    }

    static Decision accept(EventData... changes) {
        return new Accepted(List.of(changes));
    }

    static Decision invalid(List<String> problems) {
        return new Rejected(Reason.INVALID, problems);
    }

    static Decision notFound(String problem) {
        return new Rejected(Reason.NOT_FOUND, List.of(problem));
    }

    static Decision conflict(String problem) {
        return new Rejected(Reason.CONFLICT, List.of(problem));
    }
}
