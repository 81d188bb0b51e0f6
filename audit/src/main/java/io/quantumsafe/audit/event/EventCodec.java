package io.quantumsafe.audit.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events to and from JSON. A request body is either a JSON array of events or JSON lines (one event
 * per line); every event in it is validated on its own, so one bad event does not sink the batch.
 */
public final class EventCodec {
    private EventCodec() {}

    /** Parser limits below Jackson's defaults: nothing in an event needs more. */
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(EventSchema.nestingDepthMax + 2)
                    .maxStringLength(EventSchema.eventBytesMax)
                    .maxNumberLength(64)
                    .build())
            .build());

    /**
     * One event of a body, in order: either {@code event} or {@code errors}. {@code json} is the
     * event's own bytes from the body (one JSON object, as sent; null when rejected): the
     * write-ahead log and the store keep these instead of encoding the event again.
     */
    public record Item(int index, AuditEvent event, List<FieldError> errors, byte[] json) {
        public boolean accepted() { return event != null; }
    }

    /**
     * Reads a body of at most {@code length} bytes.
     *
     * @throws BodyException 400 for a JSON array that is not well-formed, 413 for more than {@code eventsMax} events
     */
    public static List<Item> parseBody(byte[] body, int length, int eventsMax) throws BodyException {
        int start = 0;
        while (start < length && Character.isWhitespace(body[start])) start++;
        if (start == length) throw new BodyException(400, "empty body: send a JSON array of events or JSON lines");
        return body[start] == '[' ? parseArray(body, start, length, eventsMax) : parseLines(body, length, eventsMax);
    }

    private static List<Item> parseArray(byte[] body, int start, int length, int eventsMax) throws BodyException {
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(body, start, length - start)) {
            parser.nextToken();
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) break;
                if (token == null) throw new BodyException(400, "malformed JSON: the array is not closed");
                if (items.size() == eventsMax) throw tooMany(eventsMax);
                // Offsets count from the start of the parser's input, which begins at body[start].
                int from = (int) parser.currentTokenLocation().getByteOffset();
                JsonNode node = parser.readValueAsTree();
                int bytes = (int) parser.currentLocation().getByteOffset() - from;
                items.add(item(items.size(), node, body, start + from, bytes));
            }
            if (parser.nextToken() != null) throw new BodyException(400, "malformed JSON: content after the closing ]");
        } catch (JsonProcessingException e) {
            throw new BodyException(400, "malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    private static List<Item> parseLines(byte[] body, int length, int eventsMax) throws BodyException {
        List<Item> items = new ArrayList<>();
        int lineStart = 0;
        int lineNumber = 0;
        while (lineStart < length) {
            int lineEnd = lineStart;
            while (lineEnd < length && body[lineEnd] != '\n') lineEnd++;
            lineNumber++;
            if (!blank(body, lineStart, lineEnd)) {
                if (items.size() == eventsMax) throw tooMany(eventsMax);
                items.add(line(items.size(), lineNumber, body, lineStart, lineEnd - lineStart));
            }
            lineStart = lineEnd + 1;
        }
        return items;
    }

    private static Item line(int index, int lineNumber, byte[] body, int offset, int length) {
        if (length > EventSchema.eventBytesMax) {
            return rejected(index, new FieldError("$", "line " + lineNumber + " is " + length + " bytes; at most " + EventSchema.eventBytesMax));
        }
        try {
            return item(index, JSON.readTree(body, offset, length), body, offset, length);
        } catch (JsonProcessingException e) {
            return rejected(index, new FieldError("$", "line " + lineNumber + " is not valid JSON" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Item item(int index, JsonNode node, byte[] body, int offset, int bytes) {
        if (bytes > EventSchema.eventBytesMax) {
            return rejected(index, new FieldError("$", "event is " + bytes + " bytes; at most " + EventSchema.eventBytesMax));
        }
        EventValidator.Result result = EventValidator.validate(node);
        if (!result.valid()) return new Item(index, null, result.errors(), null);
        return new Item(index, result.event(), result.errors(), Arrays.copyOfRange(body, offset, offset + bytes));
    }

    private static Item rejected(int index, FieldError error) { return new Item(index, null, List.of(error), null); }

    private static BodyException tooMany(int eventsMax) {
        return new BodyException(413, "more than " + eventsMax + " events in one request; split the batch");
    }

    private static boolean blank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) if (!Character.isWhitespace(body[i])) return false;
        return true;
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The event as stored and logged: its JSON object, unknown fields included. */
    public static byte[] encode(AuditEvent event) {
        try {
            return JSON.writeValueAsBytes(event.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }

    /** Reads back what {@link #encode} wrote (from the write-ahead log or the store). */
    public static AuditEvent decode(byte[] json, int offset, int length) {
        try {
            EventValidator.Result result = EventValidator.validate(JSON.readTree(json, offset, length));
            if (!result.valid()) throw new IllegalArgumentException("event does not validate: " + result.errors());
            return result.event();
        } catch (IOException e) {
            throw new IllegalArgumentException("stored event is not JSON: " + e.getMessage(), e);
        }
    }

    public static AuditEvent decode(byte[] json) { return decode(json, 0, json.length); }
}
