package io.quantumsafe.audit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks one JSON value against the event schema and says, field by field, what is wrong. Pure:
 * no I/O, no clock. Unknown fields are kept (bounded in count and depth).
 */
public final class EventValidator {
    private EventValidator() {}

    /** Either the event or every problem found in it (never both, never neither). */
    public record Result(AuditEvent event, List<FieldError> errors) {
        public boolean valid() { return event != null; }
    }

    public static Result validate(JsonNode node) {
        if (node == null || !node.isObject()) {
            return invalid(List.of(new FieldError("$", "must be a JSON object, got " + kind(node))));
        }
        ObjectNode object = (ObjectNode) node;
        List<FieldError> errors = new ArrayList<>(2);
        if (object.size() > EventSchema.fieldsMax) {
            errors.add(new FieldError("$", "has " + object.size() + " fields; at most " + EventSchema.fieldsMax + " allowed"));
        }
        Instant timestamp = timestamp(object, errors);
        String component = identifier(object, EventSchema.COMPONENT, errors);
        String operation = identifier(object, EventSchema.OPERATION, errors);
        String algorithm = identifier(object, EventSchema.ALGORITHM, errors);
        double duration = nonNegativeNumber(object, EventSchema.DURATION_MS, errors);
        String status = identifier(object, EventSchema.STATUS, errors);
        String clientId = identifier(object, EventSchema.CLIENT_ID, errors);
        long payloadSize = nonNegativeInteger(object, EventSchema.PAYLOAD_SIZE, errors);
        optionalFields(object, errors);
        if (!errors.isEmpty()) return invalid(errors);
        return new Result(new AuditEvent(timestamp, component, operation, algorithm, duration, status, clientId,
                payloadSize, object), List.of());
    }

    private static Result invalid(List<FieldError> errors) { return new Result(null, List.copyOf(errors)); }

    private static Instant timestamp(ObjectNode object, List<FieldError> errors) {
        JsonNode value = object.get(EventSchema.TIMESTAMP);
        if (missing(value, EventSchema.TIMESTAMP, errors)) return null;
        if (!value.isTextual() || value.textValue().length() > 64) {
            errors.add(new FieldError(EventSchema.TIMESTAMP, "must be an ISO-8601 instant such as 2025-08-03T12:45:23Z, got " + kind(value)));
            return null;
        }
        Instant common = Timestamps.parseCommon(value.textValue());
        if (common != null) return common;
        try {
            return Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException again) {
                errors.add(new FieldError(EventSchema.TIMESTAMP,
                        "must be an ISO-8601 instant such as 2025-08-03T12:45:23Z, got \"" + value.textValue() + "\""));
                return null;
            }
        }
    }

    private static String identifier(ObjectNode object, String field, List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (missing(value, field, errors)) return null;
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string, got " + kind(value)));
            return null;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            errors.add(new FieldError(field, "must not be empty"));
            return null;
        }
        if (text.length() > EventSchema.textCharsMax) {
            errors.add(new FieldError(field, "is " + text.length() + " characters; at most " + EventSchema.textCharsMax));
            return null;
        }
        return text;
    }

    private static double nonNegativeNumber(ObjectNode object, String field, List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (missing(value, field, errors)) return 0;
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
            errors.add(new FieldError(field, "must be a non-negative number, got " + kind(value)));
            return 0;
        }
        return value.doubleValue();
    }

    private static long nonNegativeInteger(ObjectNode object, String field, List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (missing(value, field, errors)) return 0;
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            errors.add(new FieldError(field, "must be a non-negative integer, got " + kind(value)));
            return 0;
        }
        return value.longValue();
    }

    private static void optionalFields(ObjectNode object, List<FieldError> errors) {
        for (String field : EventSchema.optionalText) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) continue;
            int max = field.equals("error") ? EventSchema.freeTextCharsMax : EventSchema.textCharsMax;
            if (!value.isTextual()) errors.add(new FieldError(field, "must be a string, got " + kind(value)));
            else if (value.textValue().length() > max) {
                errors.add(new FieldError(field, "is " + value.textValue().length() + " characters; at most " + max));
            }
        }
        JsonNode amount = object.get(EventSchema.AMOUNT);
        if (amount != null && !amount.isNull() && !(amount.isNumber() && Double.isFinite(amount.doubleValue()))) {
            errors.add(new FieldError(EventSchema.AMOUNT, "must be a number, got " + kind(amount)));
        }
        JsonNode ledger = object.get(EventSchema.LEDGER);
        if (ledger != null && !ledger.isNull() && !(ledger.isTextual() || ledger.isIntegralNumber())) {
            errors.add(new FieldError(EventSchema.LEDGER, "must be a string or an integer, got " + kind(ledger)));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().length() > EventSchema.textCharsMax) {
                errors.add(new FieldError(field.getKey().substring(0, 32) + "...", "field name longer than " + EventSchema.textCharsMax));
            } else if (depth(field.getValue(), 0) > EventSchema.nestingDepthMax) {
                errors.add(new FieldError(field.getKey(), "nested deeper than " + EventSchema.nestingDepthMax + " levels"));
            }
        }
    }

    private static int depth(JsonNode node, int level) {
        if (!node.isContainerNode() || level > EventSchema.nestingDepthMax) return level;
        int deepest = level + 1;
        for (JsonNode child : node) deepest = Math.max(deepest, depth(child, level + 1));
        return deepest;
    }

    private static boolean missing(JsonNode value, String field, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return true;
        }
        return false;
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        return switch (node.getNodeType()) {
            case STRING -> node.textValue().length() > 40 ? "a string" : "\"" + node.textValue() + "\"";
            case NUMBER -> node.asText();
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
