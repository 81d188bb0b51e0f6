package io.quantumsafe.audit.anomaly;

import java.util.Map;

/**
 * The second opinion: an {@link IsolationForest} trained on a window of past feature vectors,
 * scoring the same vectors the streaming detector computes. Immutable; the service swaps in a new
 * one when a model is trained.
 */
public final class BatchDetector {
    /**
     * @param trees trees per model (Liu et al. found 100 enough for the path lengths to converge)
     * @param subsample points per tree (256 in the paper)
     * @param trainingPointsMax feature vectors kept for training (uniform sample of the window)
     * @param scoreMin an event scoring at or above this is anomalous
     */
    public record Settings(int trees, int subsample, int trainingPointsMax, double scoreMin, long seed) {
        public static final Settings DEFAULT = new Settings(100, 256, 200_000, 0.62, 42);

        public Settings {
            if (trees < 1 || trees > 1_000) throw new IllegalArgumentException("batch trees must be 1..1000, got " + trees);
            if (subsample < 2 || subsample > 65_536) throw new IllegalArgumentException("batch subsample must be 2..65536");
            if (trainingPointsMax < 2 || trainingPointsMax > 10_000_000) throw new IllegalArgumentException("training points must be 2..10000000");
            if (scoreMin <= 0.5 || scoreMin >= 1) throw new IllegalArgumentException("batch score-min must be in (0.5, 1), got " + scoreMin);
        }
    }

    private final Settings settings;
    private final IsolationForest forest;
    private final long version;

    public BatchDetector(Settings settings, IsolationForest forest, long version) {
        if (forest.dimensions() != Feature.count) {
            throw new IllegalArgumentException("batch model has " + forest.dimensions() + " features, the detector computes " + Feature.count);
        }
        this.settings = settings;
        this.forest = forest;
        this.version = version;
    }

    public boolean flags(double[] features) { return forest.score(features) >= settings.scoreMin(); }

    /** Grade rises linearly from 0 at {@code scoreMin} to 1 at score 1. */
    public Verdict score(double[] features) {
        double score = forest.score(features);
        if (score < settings.scoreMin()) return new Verdict(score, 0, Map.of(), "");
        double grade = Math.max(1e-3, (score - settings.scoreMin()) / (1 - settings.scoreMin()));
        Map<String, Double> shares = Explanations.shares(forest.attribution(features));
        String top = shares.keySet().iterator().next();
        return new Verdict(score, grade, shares, String.format(java.util.Locale.ROOT,
                "batch model v%d: isolation score %.2f (normal < 0.5), isolated mostly by %s (%.0f%%)", version, score, top,
                100 * shares.get(top)));
    }

    public long version() { return version; }

    public Settings settings() { return settings; }

    IsolationForest forest() { return forest; }
}
