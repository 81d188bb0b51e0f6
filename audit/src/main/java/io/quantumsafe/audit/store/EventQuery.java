package io.quantumsafe.audit.store;

import java.time.Instant;
import java.util.Map;

/**
 * A search: exact values for keyword fields, a rule id the event hit, a time range (either end
 * open), free text, and a page. Newest first.
 */
public record EventQuery(Map<String, String> fields, String rule, String alert, Instant from, Instant to, String text,
                         int offset, int limit) {
    /** Deep paging costs memory in every store; like OpenSearch's max_result_window. */
    public static final int windowMax = 10_000;
    public static final int limitMax = 1_000;

    public EventQuery {
        fields = Map.copyOf(fields);
        if (offset < 0 || limit < 1 || limit > limitMax || offset + limit > windowMax) {
            throw new IllegalArgumentException("offset and limit must satisfy 0 <= offset, 1 <= limit <= " + limitMax
                    + ", offset + limit <= " + windowMax);
        }
    }

    public static EventQuery all(int limit) {
        return new EventQuery(Map.of(), null, null, null, null, null, 0, limit);
    }
}
