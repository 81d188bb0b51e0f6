package io.quantumsafe.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads every event of a time range through {@link EventStore#search}, newest first, for reports
 * and the inventory. Search pages stop at {@link EventQuery#windowMax} (deep paging costs memory
 * in both stores), so the scan slides the upper end of the range down to the oldest millisecond
 * seen and skips the ids it already read at that millisecond.
 *
 * <p>Pages are separate searches: an event written into the range during a scan shifts the later
 * pages, so ids already read in the current window are skipped too (at most a window's worth).
 * Ties within one millisecond are ordered by the store; if its segments merge between two pages,
 * an event of such a tie can be missed. Reports of past ranges are exact; the live overview is
 * a close sample, which is what it claims.
 */
public final class EventScan {
    private EventScan() {}

    /** How a scan ended: events read, and whether it stopped at {@code eventsMax} or could not advance. */
    public record Outcome(long events, boolean truncated) {}

    static final int pageSize = EventQuery.limitMax;

    public static Outcome scan(EventStore store, Instant from, Instant to, long eventsMax, Consumer<ObjectNode> sink)
            throws IOException {
        Instant upper = to;
        Set<String> seenAtBoundary = new HashSet<>();
        long read = 0;
        while (true) {
            long boundaryMillis = Long.MAX_VALUE;
            Set<String> nextSeen = new HashSet<>();
            Set<String> window = new HashSet<>();
            int offset = 0;
            boolean exhausted = false;
            while (offset + pageSize <= EventQuery.windowMax) {
                EventStore.Page page = store.search(new EventQuery(Map.of(), null, null, from, upper, null, offset, pageSize));
                for (ObjectNode event : page.events()) {
                    String id = event.path("_id").asText();
                    long millis = millis(event.get("timestamp"));
                    if (millis < boundaryMillis) {
                        boundaryMillis = millis;
                        nextSeen.clear();
                    }
                    if (millis == boundaryMillis) nextSeen.add(id);
                    if (seenAtBoundary.contains(id) || !window.add(id)) continue;
                    if (read == eventsMax) return new Outcome(read, true);
                    sink.accept(event);
                    read++;
                }
                offset += page.events().size();
                if (page.events().size() < pageSize || offset >= page.total()) {
                    exhausted = true;
                    break;
                }
            }
            if (exhausted) return new Outcome(read, false);
            // Next window: [from, oldest millisecond + 1); the ids read at that millisecond are skipped.
            Instant next = Instant.ofEpochMilli(boundaryMillis + 1);
            if (next.equals(upper)) return new Outcome(read, true); // a whole window within one millisecond
            upper = next;
            seenAtBoundary = nextSeen;
        }
    }

    /** Stored events passed validation, so the timestamp parses; offsets are allowed by the schema. */
    private static long millis(JsonNode timestamp) {
        return timestamp == null ? Long.MIN_VALUE : java.time.OffsetDateTime.parse(timestamp.asText()).toInstant().toEpochMilli();
    }
}
