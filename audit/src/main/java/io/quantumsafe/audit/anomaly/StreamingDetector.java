package io.quantumsafe.audit.anomaly;

import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.parkservices.threshold.BasicThresholder;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import io.quantumsafe.audit.event.AuditEvent;
import java.util.Map;

/**
 * Scores every event with a Random Cut Forest (Guha et al. 2016) and the adaptive thresholder of
 * the randomcutforest-parkservices ThresholdedRandomCutForest (what OpenSearch anomaly detection
 * uses; its forest and thresholder are driven directly so that anomalies can be kept out of the
 * forest, see {@link #process}) over {@link Feature}s
 * measured against the event's client, then learns from it. One forest serves all clients because
 * the features are already relative to each client's own baseline; per-client state is small and
 * bounded ({@link ClientProfiles}). Not thread-safe on its own: every method is synchronized, the
 * pipeline calls {@link #process} from one thread and the scoring API calls {@link #score}.
 */
public final class StreamingDetector {
    /**
     * @param trees RCF trees; the cost per event is about proportional (audit/README "Per-event cost").
     *     24 by default, a fifth less than the 30 before: `qsafe anomaly eval` on seeds 7, 8 and 11
     *     still detects every episode with F1 >= 0.94 per kind and 0-2 flagged clean events per seed
     *     (30 trees: F1 >= 0.97, 1-3), within the goal of F1 >= 0.9 and < 1 % false positives
     * @param sampleSize points each tree keeps
     * @param clientsMax client profiles kept (LRU)
     * @param zFactor deviations above the mean score for the thresholder to call a point anomalous
     * @param scoreMin no grade below this RCF score, however unusual the score is for recent traffic
     *     (ordinary traffic scores about 0.7, 99.99 % below 2.3 in `qsafe anomaly eval`)
     * @param seed RCF's random seed: the same seed and input give the same scores
     */
    public record Settings(int trees, int sampleSize, int clientsMax, double zFactor, double scoreMin, long seed) {
        public static final Settings DEFAULT = new Settings(24, 256, 10_000, 3.0, 2.5, 42);

        public Settings {
            if (trees < 1 || trees > 200) throw new IllegalArgumentException("anomaly trees must be 1..200, got " + trees);
            if (sampleSize < 16 || sampleSize > 4096) throw new IllegalArgumentException("anomaly sample-size must be 16..4096, got " + sampleSize);
            if (zFactor <= 0) throw new IllegalArgumentException("anomaly z-factor must be > 0, got " + zFactor);
        }
    }

    /** A verdict and the feature vector it was computed from (the batch detector scores the same vector). */
    public record Scored(double[] features, Verdict verdict) {}

    private final Settings settings;
    private final ThresholdedRandomCutForest forest;
    private final ClientProfiles profiles;
    private long processed;
    private double lastScore;
    /** Anomalous events in a row from one client after which its events are learned again. */
    static final int anomalousRunMax = 200;
    /** Events, in forest sample sizes, learned before anything is graded (1,024 by default). */
    static final int warmupSamples = 4;

    public StreamingDetector(Settings settings) {
        this(settings, newForest(settings), new ClientProfiles(settings.clientsMax()), 0, 0);
    }

    StreamingDetector(Settings settings, ThresholdedRandomCutForest forest, ClientProfiles profiles, long processed, double lastScore) {
        this.lastScore = lastScore;
        this.settings = settings;
        this.forest = forest;
        this.profiles = profiles;
        this.processed = processed;
    }

    static ThresholdedRandomCutForest newForest(Settings settings) {
        ThresholdedRandomCutForest forest = ThresholdedRandomCutForest.builder()
                .dimensions(Feature.count)
                .shingleSize(1)
                .numberOfTrees(settings.trees())
                .sampleSize(settings.sampleSize())
                .randomSeed(settings.seed())
                // The features are already scaled per client; the forest should see them as they are.
                .transformMethod(TransformMethod.NONE)
                .forestMode(ForestMode.STANDARD)
                .precision(Precision.FLOAT_32)
                .parallelExecutionEnabled(false)
                .zFactor(settings.zFactor())
                .build();
        forest.setForest(withFullPointStore(forest.getForest(), settings));
        return forest;
    }

    /**
     * The same forest (same settings and seed, hence the same trees and scores) with its point
     * store allocated at full capacity from the start. The builder the thresholded forest uses
     * starts the store small and grows it only when compacting frees nothing; in steady state the
     * store then sits a few per cent above the points it holds, and since every update writes its
     * point to the store first (freed again when no tree samples it), the store compacted (a sort
     * of all its points) every ~100 events: ~3 us of the ~26 us per event (`qsafe bench anomaly`).
     * At full capacity (trees x samples points, 147 KB with the defaults) it compacts about 20
     * times less often.
     */
    static RandomCutForest withFullPointStore(RandomCutForest built, Settings settings) {
        return RandomCutForest.builder()
                .dimensions(built.getDimensions())
                .shingleSize(built.getShingleSize())
                .internalShinglingEnabled(built.isInternalShinglingEnabled())
                .numberOfTrees(built.getNumberOfTrees())
                .sampleSize(built.getSampleSize())
                .outputAfter(built.getOutputAfter())
                .timeDecay(built.getTimeDecay())
                .boundingBoxCacheFraction(built.getBoundingBoxCacheFraction())
                .centerOfMassEnabled(built.isCenterOfMassEnabled())
                .storeSequenceIndexesEnabled(built.isStoreSequenceIndexesEnabled())
                .parallelExecutionEnabled(built.isParallelExecutionEnabled())
                .randomSeed(settings.seed())
                .initialPointStoreSize(built.getNumberOfTrees() * built.getSampleSize() + 1)
                .build();
    }

    /**
     * Scores {@code event}, then learns it: always into the client's profile, into the forest only
     * when it is not anomalous or when its client has been anomalous for {@link #anomalousRunMax}
     * events in a row. Keeping anomalies out of the forest stops a burst (a failure storm, a
     * flood) from masking its own later events and the next burst like it (eval: failure-storm
     * recall 0.45 and new-client-flood 0.40 when every event was learned); the run limit lets a
     * client's lasting change of behaviour become its new normal instead of alerting forever.
     */
    public synchronized Scored process(AuditEvent event) {
        ClientProfile profile = profiles.forUpdate(event.clientId());
        double[] x = profile.features(event);
        RandomCutForest rcf = forest.getForest();
        BasicThresholder thresholder = forest.getPredictorCorrector().getThresholders()[0];
        double score = rcf.isOutputReady() ? rcf.getAnomalyScore(x) : 0;
        // Warm-up: the first warmupSamples x sampleSize events are all learned and none graded. A
        // young forest scores ordinary points high, and since graded points are not learned, grading
        // them would keep the forest young (measured: 1,936 of 3,000 ordinary events graded).
        boolean warm = processed >= (long) warmupSamples * settings.sampleSize();
        double grade = warm && rcf.isOutputReady() && score >= settings.scoreMin() ? thresholder.getPrimaryGrade(score) : 0;
        // The thresholder learns ordinary scores only: a burst of anomalies would otherwise raise
        // the threshold until the burst's own later events pass as normal (and are learned).
        if (rcf.isOutputReady() && grade == 0) {
            thresholder.update(score, score - lastScore);
            lastScore = score;
        }
        Verdict verdict;
        if (grade > 0) {
            double[] attribution = attribution(x);
            verdict = new Verdict(score, grade, Explanations.shares(attribution), Explanations.explain(attribution, profile, event));
        } else {
            verdict = new Verdict(score, 0, Map.of(), "");
        }
        if (grade == 0 || profile.anomalousRun >= anomalousRunMax) rcf.update(x);
        profile.anomalousRun = grade > 0 ? profile.anomalousRun + 1 : 0;
        profile.learn(event);
        processed++;
        return new Scored(x, verdict);
    }

    /**
     * Scores {@code event} against the current forest, threshold and client profile exactly as
     * {@link #process} would, without learning it (nothing changes but the client's LRU recency).
     */
    public synchronized Scored score(AuditEvent event) {
        ClientProfile profile = profiles.peek(event.clientId());
        double[] x = profile.features(event);
        var rcf = forest.getForest();
        if (!rcf.isOutputReady()) return new Scored(x, new Verdict(0, 0, Map.of(), ""));
        if (processed < (long) warmupSamples * settings.sampleSize()) return new Scored(x, new Verdict(rcf.getAnomalyScore(x), 0, Map.of(), ""));
        double score = rcf.getAnomalyScore(x);
        var thresholder = forest.getPredictorCorrector().getThresholders()[0];
        double grade = thresholder.isDeviationReady() && score >= settings.scoreMin() ? thresholder.getPrimaryGrade(score) : 0;
        if (grade <= 0) return new Scored(x, new Verdict(score, 0, Map.of(), ""));
        double[] attribution = attribution(x);
        return new Scored(x, new Verdict(score, grade, Explanations.shares(attribution), Explanations.explain(attribution, profile, event)));
    }

    private double[] attribution(double[] x) {
        DiVector vector = forest.getForest().getAnomalyAttribution(x);
        double[] perFeature = new double[Feature.count];
        for (int i = 0; i < Feature.count; i++) perFeature[i] = vector.high[i] + vector.low[i];
        return perFeature;
    }

    /** Events learned since the forest was created (checkpoints included). */
    public synchronized long processed() { return processed; }

    synchronized double lastScore() { return lastScore; }

    public synchronized int clients() { return profiles.size(); }

    public synchronized long clientsEvicted() { return profiles.evicted(); }

    public Settings settings() { return settings; }

    ThresholdedRandomCutForest forest() { return forest; }

    ClientProfiles profiles() { return profiles; }
}
