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
 * parse -> rules -> (anomaly) -> alerts -> store, as one-method stages over a batch, each its own
 * step: the rules; the anomaly stage when configured; the alerts; the store. Each step is
 * called from one thread at a time (its own lock makes that so when the write-ahead-log processor
 * and the Kafka consumer both run), batches in log order, so the rules stay single-threaded and
 * deterministic while the steps of consecutive batches overlap: {@link WalIngest} runs each step
 * on its own thread; {@link #process} runs them all on the caller's. Alerts go before the store: an
 * alert is durable in its outbox on its own, and the store's commits lag by up to the commit
 * interval anyway (the write-ahead log covers both).
 */
public final class Pipeline {
    /** One step over a batch of envelopes. */
    @FunctionalInterface
    public interface Stage {
        void apply(List<Envelope> batch) throws IOException;
    }

    private record Step(String name, List<Stage> stages, Object lock) {}

    private final RuleEngine rules;
    private final EventStore store;
    private final List<Step> steps;

    public Pipeline(RuleEngine rules, EventStore store, AlertManager alerts, Clock clock, LongConsumer alertLatencyNanos) {
        this(rules, null, store, alerts, clock, alertLatencyNanos);
    }

    /** @param anomaly the anomaly stage (io.quantumsafe.audit.anomaly.AnomalyStage), null for none */
    public Pipeline(RuleEngine rules, Stage anomaly, EventStore store, AlertManager alerts, Clock clock, LongConsumer alertLatencyNanos) {
        this.rules = rules;
        this.store = store;
        List<Step> assembled = new ArrayList<>();
        assembled.add(new Step("rules", List.of(this::evaluateRules), new Object()));
        if (anomaly != null) assembled.add(new Step("anomaly", List.of(anomaly), new Object()));
        // Alerts on a step of their own: a store that pauses (a segment flush, a commit's fsync, a
        // merge taking a core) then holds back storing, not alerting.
        assembled.add(new Step("alerts", List.of(batch -> raiseAlerts(batch, alerts, clock, alertLatencyNanos)), new Object()));
        assembled.add(new Step("store", List.of(this::store), new Object()));
        this.steps = List.copyOf(assembled);
    }

    /** Every step, one after the other. */
    public void process(List<Envelope> batch) throws IOException {
        for (int i = 0; i < steps.size(); i++) step(i, batch);
    }

    /** How many steps {@link #step} takes: 3, or 4 with the anomaly stage. */
    public int steps() { return steps.size(); }

    /** A short name of step {@code index} (for thread names): rules, anomaly, alerts, store. */
    public String stepName(int index) { return steps.get(index).name(); }

    /** Runs step {@code index} over a batch that went through the steps before it. */
    public void step(int index, List<Envelope> batch) throws IOException {
        Step step = steps.get(index);
        synchronized (step.lock()) {
            for (Stage stage : step.stages()) stage.apply(batch);
        }
    }

    /** Makes the store durable up to {@code walSeq} (-1 when only Kafka events were processed). */
    public void commit(long walSeq) throws IOException {
        synchronized (steps.getLast().lock()) {
            store.commit(walSeq);
        }
    }

    /** Swaps the rules between batches, keeping the window state of unchanged rules. */
    public void replaceRules(RuleSet next) {
        synchronized (steps.getFirst().lock()) {
            rules.replace(next);
        }
    }

    public List<RuleEngine.RuleStats> ruleStats() {
        synchronized (steps.getFirst().lock()) {
            return rules.stats();
        }
    }

    public RuleSet rules() {
        synchronized (steps.getFirst().lock()) {
            return rules.rules();
        }
    }

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
