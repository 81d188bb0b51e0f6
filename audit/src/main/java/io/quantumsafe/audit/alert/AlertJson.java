package io.quantumsafe.audit.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An alert as JSON: the outbox's records, the webhook's body and the API's answers. */
public final class AlertJson {
    private AlertJson() {}

    public static ObjectNode write(Alert alert) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", alert.id());
        node.put("rule_id", alert.ruleId());
        node.put("severity", alert.severity());
        node.put("description", alert.description());
        ArrayNode tags = node.putArray("tags");
        alert.tags().forEach(tags::add);
        node.put("key", alert.key());
        node.put("count", alert.count());
        node.put("event_id", alert.eventId());
        node.put("event_time", alert.eventTime().toString());
        node.put("state", alert.state().wireName());
        node.put("created_at", alert.createdAt().toString());
        node.put("updated_at", alert.updatedAt().toString());
        node.set("event", alert.event());
        return node;
    }

    static Alert read(JsonNode node) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new Alert(node.path("id").asText(), node.path("rule_id").asText(), node.path("severity").asText(),
                node.path("description").asText(), List.copyOf(tags), node.path("key").asText(), node.path("count").asInt(),
                node.path("event_id").asText(), Instant.parse(node.path("event_time").asText()),
                node.path("event").isObject() ? (ObjectNode) node.path("event") : JsonNodeFactory.instance.objectNode(),
                Alert.State.parse(node.path("state").asText("open")), Instant.parse(node.path("created_at").asText()),
                Instant.parse(node.path("updated_at").asText()));
    }
}
