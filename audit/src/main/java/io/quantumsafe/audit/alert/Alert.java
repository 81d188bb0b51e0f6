package io.quantumsafe.audit.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An alert: a rule fired on an event. The id is derived from the rule and the event's id, so the
 * same firing replayed after a restart is the same alert and is not sent twice.
 */
public record Alert(String id, String ruleId, String severity, String description, List<String> tags, String key,
                    int count, String eventId, Instant eventTime, ObjectNode event, State state, Instant createdAt,
                    Instant updatedAt) {

    /** Lifecycle: open, then acknowledged by a person, then closed (or closed directly). */
    public enum State {
        OPEN, ACKNOWLEDGED, CLOSED;

        public String wireName() { return name().toLowerCase(Locale.ROOT); }

        public static State parse(String text) { return valueOf(text.toUpperCase(Locale.ROOT)); }

        boolean canMoveTo(State next) {
            return switch (this) {
                case OPEN -> next != OPEN;
                case ACKNOWLEDGED -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    public static String idFor(String ruleId, String eventId) { return ruleId + "@" + eventId; }

    Alert withState(State next, Instant at) {
        return new Alert(id, ruleId, severity, description, tags, key, count, eventId, eventTime, event, next, createdAt, at);
    }
}
