package io.quantumsafe.audit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One validated audit event (DESIGN.md, "Event schema (audit)"). The required fields are typed;
 * {@code fields} is the whole JSON object as the producer sent it, unknown fields included, and
 * is what the store keeps. Treat {@code fields} as read-only once validated.
 */
public record AuditEvent(Instant timestamp, String component, String operation, String algorithm, double durationMs,
                         String status, String clientId, long payloadSize, ObjectNode fields) {

    /** An optional text field, or "" when absent, so that rules can compare without a has() guard. */
    public String text(String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** An optional numeric field, or 0 when absent. */
    public double number(String name) {
        JsonNode value = fields.get(name);
        return value == null || !value.isNumber() ? 0 : value.asDouble();
    }

    public boolean has(String name) {
        JsonNode value = fields.get(name);
        return value != null && !value.isNull();
    }
}
