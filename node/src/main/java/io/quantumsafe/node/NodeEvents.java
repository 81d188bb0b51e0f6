package io.quantumsafe.node;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.consensus.order.CommittedSubDag;
import io.quantumsafe.consensus.replica.Rejection;
import io.quantumsafe.consensus.replica.Replica;
import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.tls.HandshakeInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a validator reports: Prometheus metrics at {@code /metrics} and audit events (DESIGN.md
 * schema, {@code component: settlement-node}) to the configured sink. The sink is bounded and never
 * blocks: a slow audit service cannot stall consensus.
 */
final class NodeEvents {
    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

    private final String node;
    private final AuditSink audit;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong round = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong mempool = new AtomicLong();
    private final AtomicLong checkpointSequence = new AtomicLong();
    private final Counter commits;
    private final Counter requestsExecuted;
    private final Timer commitLatency;
    private volatile Throwable fatal;
    private long lastAuditedRound;

    NodeEvents(String node, AuditSink audit, Clock clock) {
        this.node = node;
        this.audit = audit;
        this.clock = clock;
        Gauge.builder("qsafe_node_round", round, AtomicLong::get).description("consensus round proposed").register(registry);
        Gauge.builder("qsafe_node_committed_sequence", sequence, AtomicLong::get).description("committed sub-DAGs").register(registry);
        Gauge.builder("qsafe_node_mempool_requests", mempool, AtomicLong::get).description("accepted requests not yet proposed").register(registry);
        Gauge.builder("qsafe_node_checkpoint_sequence", checkpointSequence, AtomicLong::get).description("latest certified checkpoint").register(registry);
        commits = Counter.builder("qsafe_node_commits_total").description("committed sub-DAGs executed").register(registry);
        requestsExecuted = Counter.builder("qsafe_node_requests_executed_total").register(registry);
        commitLatency = Timer.builder("qsafe_node_commit_latency").description("accepted to committed, per request waited on")
                .publishPercentileHistogram().register(registry);
    }

    PrometheusMeterRegistry registry() { return registry; }

    void sampleReplica(Replica replica, int pendingRequests) {
        round.set(replica.round());
        mempool.set(pendingRequests);
        if (replica.round() >= lastAuditedRound + 100) {
            lastAuditedRound = replica.round();
            ObjectNode e = audit("consensus_round", "OK");
            e.put("round", replica.round());
            offer(e);
        }
    }

    void committed(CommittedSubDag subDag, long currentRound) {
        sequence.set(subDag.sequence());
        commits.increment();
    }

    void executed(BatchResult result, int requests) {
        requestsExecuted.increment(requests);
        if (requests > 0) {
            ObjectNode e = audit("settlement_committed", "OK");
            e.put("sequence", result.sequence());
            e.put("requests", requests);
            e.put("transfers", result.transferEvents());
            offer(e);
        }
    }

    void certified(long certifiedSequence) {
        checkpointSequence.set(certifiedSequence);
    }

    void reproposed() {
        registry.counter("qsafe_node_requests_reproposed_total").increment();
    }

    void commitLatency(Duration latency) { commitLatency.record(latency); }

    void submitted(String client, long number, int events) {
        ObjectNode e = audit("settlement_submitted", "OK");
        e.put("client_id", client);
        e.put("request_number", number);
        e.put("payload_size", events);
        offer(e);
        registry.counter("qsafe_node_requests_total", "outcome", "accepted").increment();
    }

    void refused(String client, String reason) {
        ObjectNode e = audit("settlement_rejected", "REFUSED");
        e.put("client_id", client);
        e.put("error", reason);
        
        offer(e);
        registry.counter("qsafe_node_requests_total", "outcome", reason).increment();
    }

    /** A read of the client API refused before anything was looked up (no or bad signature, stale, bad token). */
    void queryRefused(String client, String reason, String target) {
        ObjectNode e = audit("api_query_refused", "REFUSED");
        e.put("client_id", client);
        e.put("error", reason);
        e.put("path", target.length() > 200 ? target.substring(0, 200) : target);
        offer(e);
        registry.counter("qsafe_node_queries_refused_total", "reason", reason).increment();
    }

    void peerConnected(int peer, String direction, HandshakeInfo info) {
        registry.counter("qsafe_node_peer_connects_total", "direction", direction).increment();
        ObjectNode e = audit("peer_connect", "OK");
        e.put("peer", info.peerSubject());
        e.put("tls_group", info.namedGroup());
        e.put("direction", direction);
        e.put("duration_ms", info.durationMillis());
        offer(e);
        log.info("peer {} connected ({}, {})", peer, direction, info.namedGroup());
    }

    void peerDisconnected(int peer, String direction, String reason) {
        registry.counter("qsafe_node_peer_disconnects_total", "direction", direction).increment();
        ObjectNode e = audit("peer_disconnect", "OK");
        e.put("peer", "validator-index-" + peer);
        e.put("error", reason);
        offer(e);
        log.info("peer {} disconnected ({}): {}", peer, direction, reason);
    }

    void peerRefused(String remote, String reason) {
        registry.counter("qsafe_node_peer_refused_total").increment();
        ObjectNode e = audit("peer_refused", "REFUSED");
        e.put("peer", remote);
        e.put("error", reason);
        offer(e);
        log.warn("refused peer connection from {}: {}", remote, reason);
    }

    void signatureFailure(int from, String detail) {
        ObjectNode e = audit("signature_failure", "FAILED");
        e.put("peer", "validator-index-" + from);
        e.put("algorithm", "ML-DSA-65");
        e.put("error", detail);
        offer(e);
    }

    void finalized(long sequence, String how, int attestations, long commitToFinalMillis) {
        registry.counter("qsafe_node_checkpoints_final_total", "how", how).increment();
        if (commitToFinalMillis >= 0) registry.timer("qsafe_node_commit_to_final").record(java.time.Duration.ofMillis(commitToFinalMillis));
        ObjectNode e = audit("settlement_final", "OK");
        e.put("sequence", sequence);
        e.put("finality", how);
        e.put("attestations", attestations);
        if (commitToFinalMillis >= 0) e.put("duration_ms", (double) commitToFinalMillis);
        offer(e);
    }

    /** A valid fraud proof: critical, for the audit pipeline's settlement-fraud rule. */
    void fraud(long fromSequence, String detail) {
        registry.counter("qsafe_node_reverts_total").increment();
        log.error("settlement fraud proven from sub-DAG {}: {}", fromSequence, detail);
        ObjectNode e = audit("settlement_fraud", "FAILED");
        e.put("severity", "critical");
        e.put("sequence", fromSequence);
        e.put("error", detail);
        offer(e);
    }

    void finalityAlert(String severity, String kind, String detail) {
        log.warn("finality alert {} ({}): {}", kind, severity, detail);
        ObjectNode e = audit("finality_alert", "FAILED");
        e.put("severity", severity);
        e.put("kind", kind);
        e.put("error", detail);
        offer(e);
    }

    void finalityRejected(String what, String reason) {
        registry.counter("qsafe_node_finality_rejections_total").increment();
        log.warn("refused {}: {}", what, reason);
        ObjectNode e = audit("finality_input_refused", "REFUSED");
        e.put("error", what + ": " + reason);
        offer(e);
    }

    void rejected(Rejection reason) {
        registry.counter("qsafe_node_consensus_rejections_total", "reason", reason.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    void alarm(String detail) {
        log.error("consensus alarm: {}", detail);
        ObjectNode e = audit("consensus_alarm", "FAILED");
        e.put("error", detail);
        offer(e);
    }

    void malformedCommitted(long sequence, String detail) {
        registry.counter("qsafe_node_malformed_committed_requests_total").increment();
        log.warn("committed sub-DAG {} carries an undecodable request (skipped at every validator): {}", sequence, detail);
    }

    void fatal(Throwable e) {
        fatal = e;
        ObjectNode event = audit("node_stopped", "FAILED");
        event.put("error", String.valueOf(e));
        offer(event);
    }

    Throwable fatal() { return fatal; }

    /** A peer's restart point refused (forged, damaged, not certified) or not served: reported, the next peer is tried. */
    void stateSyncRefused(int peer, io.quantumsafe.node.sync.SyncException e) {
        log.warn("state sync: restart point from validator {} refused: {}", peer, e.getMessage());
        ObjectNode event = audit("state_sync", "FAILED");
        event.put("peer", "validator-" + peer);
        event.put("error", e.getMessage());
        offer(event);
    }

    void stateSyncRestored(int peer, long sequence) {
        log.info("state sync: restored sub-DAG {} from validator {}'s snapshot, checked against its 2f+1 checkpoint certificate", sequence, peer);
        ObjectNode event = audit("state_sync", "OK");
        event.put("peer", "validator-" + peer);
        event.put("sequence", sequence);
        offer(event);
    }

    private ObjectNode audit(String operation, String status) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("timestamp", clock.instant().toString());
        e.put("component", "settlement-node");
        e.put("operation", operation);
        // Audit Lite requires every field of the event schema (DESIGN.md); events about the node itself
        // name the node as the client and the network's signature algorithm, and override what they know.
        e.put("algorithm", "ML-DSA-65");
        e.put("duration_ms", 0.0);
        e.put("status", status);
        e.put("client_id", node);
        e.put("payload_size", 0);
        e.put("node", node);
        return e;
    }

    private void offer(ObjectNode event) {
        if (audit != null) audit.offer(event);
    }
}
