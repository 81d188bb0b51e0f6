package io.quantumsafe.audit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where producers hand audit events (JSON objects in the schema of DESIGN.md). {@link #offer} never
 * blocks and never throws: a full queue or an unreachable service drops the event and counts it,
 * because the operation being audited must not wait for, or fail because of, its audit trail.
 */
public interface AuditSink extends AutoCloseable {
    /** Hands over one event; false if it was dropped at once (queue full or closing). */
    boolean offer(ObjectNode event);

    /** Events the service acknowledged. */
    long delivered();

    /** Events dropped: queue full, service unreachable after retries, or refused. */
    long dropped();

    /** Sends what is queued, within a time bound, then stops. */
    @Override
    void close();
}
