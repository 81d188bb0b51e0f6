package io.quantumsafe.tls.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where audit events go: JSON objects in the schema of DESIGN.md. {@link #offer} never blocks and
 * never throws: a full or unreachable sink drops the event and counts it, because traffic must not
 * wait for auditing.
 */
public interface AuditSink extends AutoCloseable {
    /** Hands over one event; false if it was dropped. */
    boolean offer(ObjectNode event);

    /** Events dropped so far (queue full, sink unreachable, or closing). */
    long dropped();

    /** Events written or delivered so far. */
    long delivered();

    @Override
    void close();
}
