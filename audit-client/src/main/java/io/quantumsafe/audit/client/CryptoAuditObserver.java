package io.quantumsafe.audit.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.crypto.CryptoEvent;
import io.quantumsafe.crypto.CryptoObserver;

/**
 * Turns the crypto engine's operation reports into audit events and offers them to a sink:
 * {@code PqcEngine.builder().observer(new CryptoAuditObserver(sink))}. Building the JSON object
 * takes about a microsecond and the sink's offer never blocks, so it can run on the operation's
 * own thread without {@link io.quantumsafe.crypto.AsyncCryptoObserver}.
 */
public final class CryptoAuditObserver implements CryptoObserver {
    public static final String component = "pqc-engine";

    private final AuditSink sink;
    private final String node;

    public CryptoAuditObserver(AuditSink sink) {
        this(sink, null);
    }

    /** @param node the host or process name reported as {@code node}, or null */
    public CryptoAuditObserver(AuditSink sink, String node) {
        this.sink = sink;
        this.node = node;
    }

    @Override
    public void onOperation(CryptoEvent event) {
        sink.offer(toJson(event, node));
    }

    /** The event in the audit schema (DESIGN.md); the provider is an extra field. */
    public static ObjectNode toJson(CryptoEvent event, String node) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("timestamp", event.timestamp().toString());
        json.put("component", component);
        json.put("operation", event.operation().wireName());
        json.put("algorithm", event.algorithm().displayName());
        json.put("duration_ms", event.durationMillis());
        json.put("status", event.status().name());
        json.put("client_id", event.callerId() == null || event.callerId().isBlank() ? "unknown" : event.callerId());
        json.put("payload_size", Math.max(0, event.payloadBytes()));
        if (event.keyId() != null) json.put("key_id", event.keyId());
        if (event.error() != null) json.put("error", event.error().length() > 4096 ? event.error().substring(0, 4096) : event.error());
        if (node != null) json.put("node", node);
        if (event.provider() != null) json.put("provider", event.provider().shortName());
        return json;
    }
}
