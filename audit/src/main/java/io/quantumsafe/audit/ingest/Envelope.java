package io.quantumsafe.audit.ingest;

import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.rules.Firing;
import java.util.List;

/**
 * One event on its way through the pipeline; each stage reads what earlier stages wrote.
 *
 * @param receivedNanos {@link System#nanoTime()} at HTTP receipt or Kafka poll, for end-to-end latency
 */
public final class Envelope {
    public final String id;
    public final long walSeq;
    public final AuditEvent event;
    public final byte[] json;
    public final long receivedNanos;
    /** Set by the rules stage. */
    public List<String> ruleHits = List.of();
    public List<Firing> firings = List.of();
    /** Set by the anomaly stage: its alerts, and whether it added fields to {@code event.fields()}. */
    public List<StageAlert> stageAlerts = List.of();
    public boolean fieldsChanged;

    public Envelope(String id, long walSeq, AuditEvent event, byte[] json, long receivedNanos) {
        this.id = id;
        this.walSeq = walSeq;
        this.event = event;
        this.json = json;
        this.receivedNanos = receivedNanos;
    }

    public static String walId(long seq) { return "w-" + seq; }
}
