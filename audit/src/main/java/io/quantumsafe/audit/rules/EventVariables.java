package io.quantumsafe.audit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelVariableResolver;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds one event's fields to the rules' variables without building a map per event: the typed
 * fields come straight from the record; optional text fields are "" and {@code amount} is 0 when
 * absent (so rules need no has() guard for them); {@code event} is converted only when a rule uses it.
 */
final class EventVariables implements CelVariableResolver {
    private final AuditEvent event;
    private Map<String, Object> all;

    EventVariables(AuditEvent event) {
        this.event = event;
    }

    @Override
    public Optional<Object> find(String name) {
        return Optional.ofNullable(value(name));
    }

    private Object value(String name) {
        return switch (name) {
            case EventSchema.TIMESTAMP -> event.timestamp();
            case EventSchema.COMPONENT -> event.component();
            case EventSchema.OPERATION -> event.operation();
            case EventSchema.ALGORITHM -> event.algorithm();
            case EventSchema.DURATION_MS -> event.durationMs();
            case EventSchema.STATUS -> event.status();
            case EventSchema.CLIENT_ID -> event.clientId();
            case EventSchema.PAYLOAD_SIZE -> event.payloadSize();
            case EventSchema.AMOUNT -> event.number(EventSchema.AMOUNT);
            case "event" -> all();
            default -> EventSchema.optionalText.contains(name) || name.equals(EventSchema.LEDGER) ? event.text(name) : null;
        };
    }

    private Map<String, Object> all() {
        if (all == null) all = object(event.fields());
        return all;
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> map = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Object value = convert(field.getValue());
            if (value != null) map.put(field.getKey(), value);
        }
        return map;
    }

    /** JSON to CEL's native values: int64, double, string, bool, list, map; null fields are left out. */
    private static Object convert(JsonNode node) {
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isNumber()) return node.asDouble();
        if (node.isTextual()) return node.textValue();
        if (node.isBoolean()) return node.booleanValue();
        if (node.isObject()) return object(node);
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode item : node) {
                Object value = convert(item);
                if (value != null) list.add(value);
            }
            return list;
        }
        return null;
    }
}
