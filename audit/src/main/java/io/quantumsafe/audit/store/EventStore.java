package io.quantumsafe.audit.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where processed events live: embedded Lucene by default, OpenSearch at scale. Daily indices
 * named {@code pqc-logs-YYYY.MM.DD} by the event's UTC date; retention deletes whole days.
 */
public interface EventStore extends AutoCloseable {
    /** Adds events; they may not be durable or searchable until {@link #commit}. Idempotent by id. */
    void add(List<StoredEvent> events) throws IOException;

    /** Makes everything added so far durable, recording {@code walSeq} as the last log record it holds. */
    void commit(long walSeq) throws IOException;

    /** Search results: the total matching and one page of events (stored JSON plus _id, rules, alerts). */
    record Page(long total, List<ObjectNode> events) {}

    Page search(EventQuery query) throws IOException;

    /** Alert counts by rule id in [from, to): the shape the dashboard reads. */
    record RuleCount(String ruleId, long count) {}

    List<RuleCount> alertCounts(Instant from, Instant to) throws IOException;

    /** Deletes daily indices whose whole day is older than the retention; returns how many. */
    int applyRetention(Instant now) throws IOException;

    @Override
    void close() throws IOException;
}
