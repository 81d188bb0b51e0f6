package io.quantumsafe.audit.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.audit.anomaly.BatchDetector;
import io.quantumsafe.audit.anomaly.StreamingDetector;
import io.quantumsafe.audit.rules.Durations;
import io.quantumsafe.audit.rules.Severity;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * The anomaly stage's settings: the {@code anomaly:} section of the YAML configuration.
 *
 * @param trainWindow how far back the batch model is trained (7 days)
 * @param trainInterval how often it is retrained (daily; the first run one interval after start)
 * @param trainEventsMax events read per training (oldest of the window first)
 * @param checkpointInterval how often the streaming detector is saved (and at shutdown)
 * @param severity of {@code anomaly.streaming} and {@code anomaly.batch} alerts
 * @param alertGradeMin streaming verdicts with a grade at or above this (and above 0) alert
 * @param alertSuppressFor at most one alert per client and rule id within this much event time
 */
public record AnomalyConfig(boolean enabled, StreamingDetector.Settings streaming, BatchDetector.Settings batch, Duration trainWindow,
                            Duration trainInterval, long trainEventsMax, Duration checkpointInterval, Severity severity,
                            double alertGradeMin, Duration alertSuppressFor) {
    public static final AnomalyConfig DEFAULT = new AnomalyConfig(true, StreamingDetector.Settings.DEFAULT, BatchDetector.Settings.DEFAULT,
            Duration.ofDays(7), Duration.ofDays(1), 2_000_000, Duration.ofMinutes(5), Severity.HIGH, 0, Duration.ofMinutes(5));

    private static final Set<String> keys = Set.of("enabled", "trees", "sample-size", "clients-max", "z-factor", "score-min", "seed",
            "batch-trees", "batch-subsample", "batch-training-points-max", "batch-score-min", "batch-contamination", "train-window", "train-interval",
            "train-events-max", "checkpoint-interval", "severity", "alert-grade-min", "alert-suppress-for");

    public AnomalyConfig {
        if (trainWindow.isNegative() || trainWindow.isZero()) throw new IllegalArgumentException("anomaly train-window must be > 0");
        if (trainInterval.isNegative() || trainInterval.isZero()) throw new IllegalArgumentException("anomaly train-interval must be > 0");
        if (checkpointInterval.isNegative()) throw new IllegalArgumentException("anomaly checkpoint-interval must be >= 0");
        if (trainEventsMax < 2 || trainEventsMax > 100_000_000) throw new IllegalArgumentException("anomaly train-events-max must be 2..100000000");
        if (alertGradeMin < 0 || alertGradeMin > 1) throw new IllegalArgumentException("anomaly alert-grade-min must be in [0, 1]");
        if (alertSuppressFor.isNegative()) throw new IllegalArgumentException("anomaly alert-suppress-for must be >= 0");
    }

    /** {@code defaults} with what the {@code anomaly:} mapping sets; unknown keys are errors. */
    static AnomalyConfig read(JsonNode node, AnomalyConfig defaults) {
        if (!node.isObject()) throw new IllegalArgumentException("anomaly must be a mapping");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) throw new IllegalArgumentException("anomaly: unknown key '" + name + "'; known: " + keys);
        }
        StreamingDetector.Settings s = defaults.streaming();
        StreamingDetector.Settings streaming = new StreamingDetector.Settings(node.path("trees").asInt(s.trees()),
                node.path("sample-size").asInt(s.sampleSize()), node.path("clients-max").asInt(s.clientsMax()),
                node.path("z-factor").asDouble(s.zFactor()), node.path("score-min").asDouble(s.scoreMin()), node.path("seed").asLong(s.seed()));
        BatchDetector.Settings b = defaults.batch();
        BatchDetector.Settings batch = new BatchDetector.Settings(node.path("batch-trees").asInt(b.trees()),
                node.path("batch-subsample").asInt(b.subsample()), node.path("batch-training-points-max").asInt(b.trainingPointsMax()),
                node.path("batch-score-min").asDouble(b.scoreMin()), node.path("batch-contamination").asDouble(b.contamination()),
                node.path("seed").asLong(b.seed()));
        return new AnomalyConfig(node.path("enabled").asBoolean(defaults.enabled()), streaming, batch,
                duration(node, "train-window", defaults.trainWindow()), duration(node, "train-interval", defaults.trainInterval()),
                node.path("train-events-max").asLong(defaults.trainEventsMax()),
                duration(node, "checkpoint-interval", defaults.checkpointInterval()),
                node.has("severity") ? Severity.parse(node.get("severity").asText()) : defaults.severity(),
                node.path("alert-grade-min").asDouble(defaults.alertGradeMin()),
                duration(node, "alert-suppress-for", defaults.alertSuppressFor()));
    }

    private static Duration duration(JsonNode node, String name, Duration fallback) {
        return node.has(name) ? Durations.parse(node.get(name).asText()) : fallback;
    }

    public AnomalyConfig withEnabled(boolean on) {
        return new AnomalyConfig(on, streaming, batch, trainWindow, trainInterval, trainEventsMax, checkpointInterval, severity, alertGradeMin,
                alertSuppressFor);
    }
}
