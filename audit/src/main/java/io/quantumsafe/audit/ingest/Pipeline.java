package io.quantumsafe.audit.ingest;

import io.quantumsafe.audit.alert.Alert;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.rules.Firing;
import io.quantumsafe.audit.rules.RuleEngine;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.store.EventStore;
import io.quantumsafe.audit.store.StoredEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * parse -> rules -> (anomaly) -> store -> alerts, as a list of one-method stages over a batch. The
 * drivers (the write-ahead-log processor, the Kafka consumer) call {@link #process} and
 * {@link #commit} from one thread at a time; the lock makes that so when both run.
 * The anomaly stage, when configured, runs between the rules and the store.
 */
public final class Pipeline {
    /** One step over a batch of envelopes. */
    @FunctionalInterface
    public interface Stage {
        void apply(List<Envelope> batch) throws IOException;
    }

    private final RuleEngine rules;
    private final EventStore store;
    private final List<Stage> stages;

    public Pipeline(RuleEngine rules, EventStore store, AlertManager alerts, Clock clock, LongConsumer alertLatencyNanos) {
        this(rules, null, store, alerts, clock, alertLatencyNanos);
    }

    /** @param anomaly the anomaly stage (io.quantumsafe.audit.anomaly.AnomalyStage), null for none */
    public Pipeline(RuleEngine rules, Stage anomaly, EventStore store, AlertManager alerts, Clock clock, LongConsumer alertLatencyNanos) {
        this.rules = rules;
        this.store = store;
        List<Stage> assembled = new ArrayList<>();
        assembled.add(this::evaluateRules);
        if (anomaly != null) assembled.add(anomaly);
        assembled.add(this::store);
        assembled.add(batch -> raiseAlerts(batch, alerts, clock, alertLatencyNanos));
        this.stages = List.copyOf(assembled);
    }

    public synchronized void process(List<Envelope> batch) throws IOException {
        for (Stage stage : stages) stage.apply(batch);
    }

    /** Makes the store durable up to {@code walSeq} (-1 when only Kafka events were processed). */
    public synchronized void commit(long walSeq) throws IOException {
        store.commit(walSeq);
    }

    /** Swaps the rules between batches, keeping the window state of unchanged rules. */
    public synchronized void replaceRules(RuleSet next) {
        rules.replace(next);
    }

    public synchronized List<RuleEngine.RuleStats> ruleStats() { return rules.stats(); }

    public synchronized RuleSet rules() { return rules.rules(); }

    public EventStore store() { return store; }

    private void evaluateRules(List<Envelope> batch) {
        for (Envelope envelope : batch) {
            RuleEngine.Evaluation evaluation = rules.evaluate(envelope.event);
            envelope.ruleHits = evaluation.hits();
            envelope.firings = evaluation.firings();
        }
    }

    private void store(List<Envelope> batch) throws IOException {
        List<StoredEvent> events = new ArrayList<>(batch.size());
        for (Envelope envelope : batch) {
            List<String> alerted = envelope.firings.isEmpty() ? List.of()
                    : envelope.firings.stream().map(Firing::ruleId).toList();
            if (!envelope.stageAlerts.isEmpty()) {
                List<String> all = new ArrayList<>(alerted);
                for (StageAlert alert : envelope.stageAlerts) all.add(alert.ruleId());
                alerted = all;
            }
            // A stage that added fields (anomaly_score, ...) changed what is stored: encode again.
            byte[] json = envelope.fieldsChanged ? EventCodec.encode(envelope.event) : envelope.json;
            events.add(new StoredEvent(envelope.id, envelope.walSeq, envelope.event, json, envelope.ruleHits, alerted));
        }
        store.add(events);
    }

    private static void raiseAlerts(List<Envelope> batch, AlertManager alerts, Clock clock, LongConsumer latency) {
        List<Alert> raised = null;
        for (Envelope envelope : batch) {
            for (Firing firing : envelope.firings) {
                if (raised == null) raised = new ArrayList<>();
                var now = clock.instant();
                raised.add(new Alert(Alert.idFor(firing.ruleId(), envelope.id), firing.ruleId(), firing.rule().severity().wireName(),
                        firing.rule().description(), firing.rule().tags(), firing.key(), firing.count(), envelope.id,
                        envelope.event.timestamp(), envelope.event.fields(), Alert.State.OPEN, now, now));
            }
        }
        for (Envelope envelope : batch) {
            for (StageAlert alert : envelope.stageAlerts) {
                if (raised == null) raised = new ArrayList<>();
                var now = clock.instant();
                raised.add(new Alert(Alert.idFor(alert.ruleId(), envelope.id), alert.ruleId(), alert.severity(), alert.description(),
                        alert.tags(), alert.key(), 1, envelope.id, envelope.event.timestamp(), envelope.event.fields(), Alert.State.OPEN,
                        now, now));
            }
        }
        if (raised == null) return;
        alerts.submit(raised);
        if (latency != null) {
            long now = System.nanoTime();
            for (Envelope envelope : batch) if (!envelope.firings.isEmpty()) latency.accept(now - envelope.receivedNanos);
        }
    }
}
