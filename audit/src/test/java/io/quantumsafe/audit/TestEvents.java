package io.quantumsafe.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventValidator;
import java.time.Instant;

/** Events for tests: the brochure's example, with fields overridden. */
public final class TestEvents {
    private TestEvents() {}

    public static ObjectNode json(String timestamp, String operation, String clientId) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("timestamp", timestamp);
        node.put("component", "pqc-engine");
        node.put("operation", operation);
        node.put("algorithm", "ML-DSA-65");
        node.put("duration_ms", 0.45);
        node.put("status", "OK");
        node.put("client_id", clientId);
        node.put("payload_size", 512);
        return node;
    }

    public static ObjectNode brochure() {
        return json("2025-08-03T12:45:23Z", "sign", "accounting-service");
    }

    public static AuditEvent event(ObjectNode json) {
        EventValidator.Result result = EventValidator.validate(json);
        if (!result.valid()) throw new IllegalArgumentException(result.errors().toString());
        return result.event();
    }

    public static AuditEvent event(Instant timestamp, String operation, String status, String clientId) {
        ObjectNode node = json(timestamp.toString(), operation, clientId);
        node.put("status", status);
        return event(node);
    }
}
