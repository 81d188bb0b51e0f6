package io.quantumsafe.audit.anomaly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.ingest.Envelope;
import io.quantumsafe.audit.ingest.Pipeline;
import io.quantumsafe.audit.ingest.StageAlert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's anomaly stage: the streaming detector scores and learns every event, the latest
 * batch model (if one was trained) gives its second opinion, the verdicts become fields of the
 * stored event and, when anomalous, alerts with rule ids {@code anomaly.streaming} and
 * {@code anomaly.batch}. Checkpoints the streaming detector every {@code checkpointInterval} (on
 * the pipeline's thread, between batches) and on {@link #close}.
 *
 * <p>Stored fields (the dashboard's contract): {@code anomaly_score}, {@code anomaly_grade} (0..1,
 * 0 = normal), and when the grade is above 0 {@code anomaly_explanation} and
 * {@code anomaly_attribution} (feature -> share). With a batch model: {@code anomaly_batch_score},
 * {@code anomaly_batch_grade}, and {@code anomaly_batch_explanation} when its grade is above 0.
 */
public final class AnomalyStage implements Pipeline.Stage, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnomalyStage.class);
    public static final String streamingRuleId = "anomaly.streaming";
    public static final String batchRuleId = "anomaly.batch";
    static final List<String> fieldNames = List.of("anomaly_score", "anomaly_grade", "anomaly_explanation", "anomaly_attribution",
            "anomaly_batch_score", "anomaly_batch_grade", "anomaly_batch_explanation");

    /**
     * When a graded event alerts.
     *
     * @param gradeMin streaming verdicts alert from this grade (and above 0)
     * @param suppressFor after an alert for a client and rule, no other for that pair until this
     *     much event time has passed (the events are still graded and stored): a flood of 10,000
     *     events is one alert, not 10,000
     * @param keysMax (rule, client) pairs remembered for suppression, least recently alerted forgotten
     */
    public record AlertPolicy(String severity, double gradeMin, Duration suppressFor, int keysMax) {
        public AlertPolicy {
            if (suppressFor.isNegative()) throw new IllegalArgumentException("anomaly alert-suppress-for must be >= 0");
            if (keysMax < 1) throw new IllegalArgumentException("anomaly suppression keys must be >= 1");
        }
    }

    /** Both opinions of one event, as the scoring API returns them; {@code batch} null without a model. */
    public record Opinion(Verdict streaming, Verdict batch, long modelVersion) {}

    private final StreamingDetector streaming;
    private final ModelStore models;
    private final Path checkpointFile;
    private final Duration checkpointInterval;
    private final Clock clock;
    private final AlertPolicy policy;
    private final LinkedHashMap<String, Instant> lastAlerts;
    private long suppressed;
    private volatile BatchDetector batch;
    private Instant lastCheckpoint;

    private AnomalyStage(StreamingDetector streaming, ModelStore models, Path checkpointFile, Duration checkpointInterval, Clock clock,
                         AlertPolicy policy) throws IOException {
        this.streaming = streaming;
        this.models = models;
        this.checkpointFile = checkpointFile;
        this.checkpointInterval = checkpointInterval;
        this.clock = clock;
        this.policy = policy;
        this.lastAlerts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) { return size() > policy.keysMax(); }
        };
        this.batch = models.latest().orElse(null);
        this.lastCheckpoint = clock.instant();
    }

    /**
     * Opens the stage under {@code directory}: restores the streaming detector from its checkpoint
     * when there is one (no new warm-up), and loads the latest batch model.
     */
    public static AnomalyStage open(Path directory, StreamingDetector.Settings streamingSettings, BatchDetector.Settings batchSettings,
                                    Duration checkpointInterval, Clock clock, AlertPolicy policy) throws IOException {
        Path checkpoint = directory.resolve("streaming.checkpoint.json.gz");
        StreamingDetector detector = Files.exists(checkpoint) ? Checkpoints.read(checkpoint, streamingSettings)
                : new StreamingDetector(streamingSettings);
        if (Files.exists(checkpoint)) log.info("anomaly: restored the streaming detector ({} events learned, {} clients)", detector.processed(), detector.clients());
        return new AnomalyStage(detector, new ModelStore(directory.resolve("models"), batchSettings), checkpoint, checkpointInterval,
                clock, policy);
    }

    @Override
    public synchronized void apply(List<Envelope> envelopes) throws IOException {
        BatchDetector model = batch;
        for (Envelope envelope : envelopes) {
            StreamingDetector.Scored scored = streaming.process(envelope.event);
            Verdict batchVerdict = model == null ? null : model.score(scored.features());
            ObjectNode fields = envelope.event.fields();
            write(fields, scored.verdict(), batchVerdict);
            envelope.fieldsChanged = true;
            List<StageAlert> alerts = null;
            if (scored.verdict().anomalous() && scored.verdict().grade() >= policy.gradeMin()
                    && admit(streamingRuleId, envelope.event)) {
                alerts = new ArrayList<>(2);
                alerts.add(new StageAlert(streamingRuleId, policy.severity(), scored.verdict().explanation(), List.of("anomaly"),
                        envelope.event.clientId()));
            }
            if (batchVerdict != null && batchVerdict.anomalous() && admit(batchRuleId, envelope.event)) {
                if (alerts == null) alerts = new ArrayList<>(1);
                alerts.add(new StageAlert(batchRuleId, policy.severity(), batchVerdict.explanation(), List.of("anomaly"),
                        envelope.event.clientId()));
            }
            if (alerts != null) envelope.stageAlerts = alerts;
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastCheckpoint.plus(checkpointInterval))) {
            checkpoint();
            lastCheckpoint = now;
        }
    }

    /** Suppression by event time, so that a replay after a restart decides the same way. */
    private boolean admit(String ruleId, AuditEvent event) {
        String key = ruleId + "|" + event.clientId();
        Instant last = lastAlerts.get(key);
        if (last != null && event.timestamp().isBefore(last.plus(policy.suppressFor())) && !event.timestamp().isBefore(last)) {
            suppressed++;
            return false;
        }
        lastAlerts.put(key, event.timestamp());
        return true;
    }

    static void write(ObjectNode fields, Verdict streaming, Verdict batch) {
        // A producer cannot pre-set these: whatever it sent under these names is replaced.
        fields.remove(fieldNames);
        fields.put("anomaly_score", round(streaming.score()));
        fields.put("anomaly_grade", round(streaming.grade()));
        if (streaming.anomalous()) {
            fields.put("anomaly_explanation", streaming.explanation());
            ObjectNode attribution = fields.putObject("anomaly_attribution");
            streaming.attribution().forEach(attribution::put);
        }
        if (batch != null) {
            fields.put("anomaly_batch_score", round(batch.score()));
            fields.put("anomaly_batch_grade", round(batch.grade()));
            if (batch.anomalous()) fields.put("anomaly_batch_explanation", batch.explanation());
        }
    }

    private static double round(double value) { return Math.round(value * 10_000) / 10_000.0; }

    /** Scores without learning or storing anything (POST /api/anomaly/score). */
    public Opinion score(AuditEvent event) {
        StreamingDetector.Scored scored = streaming.score(event);
        BatchDetector model = batch;
        return new Opinion(scored.verdict(), model == null ? null : model.score(scored.features()), model == null ? 0 : model.version());
    }

    /** Trains a batch model on {@code events} (oldest first), saves it as the next version and uses it from the next batch. */
    public ModelStore.Saved train(ModelStore.Source events, Instant from, Instant to) throws IOException {
        ModelStore.Saved saved = models.train(events, from, to);
        batch = saved.detector();
        return saved;
    }

    /** The stored events in [from, to), oldest first, at most {@code eventsMax} (a source for {@link #train}). */
    public static ModelStore.Source scan(io.quantumsafe.audit.store.EventStore store, Instant from, Instant to, long eventsMax) {
        return StoreScan.of(store, from, to, eventsMax);
    }

    public void checkpoint() throws IOException {
        long started = System.nanoTime();
        Checkpoints.write(streaming, checkpointFile);
        log.debug("anomaly: checkpoint written in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    public StreamingDetector streaming() { return streaming; }

    public BatchDetector batch() { return batch; }

    public Map<String, Object> status() {
        BatchDetector model = batch;
        long suppressedNow;
        synchronized (this) {
            suppressedNow = suppressed;
        }
        return Map.of("events_learned", streaming.processed(), "clients", streaming.clients(), "clients_evicted",
                streaming.clientsEvicted(), "batch_model_version", model == null ? 0 : model.version(), "alerts_suppressed", suppressedNow);
    }

    @Override
    public void close() throws IOException {
        checkpoint();
    }
}
