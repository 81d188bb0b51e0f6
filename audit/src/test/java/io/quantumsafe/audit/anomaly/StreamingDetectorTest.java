package io.quantumsafe.audit.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.store.PointStore;
import io.quantumsafe.audit.event.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingDetectorTest {
    static final Instant start = Instant.parse("2026-11-02T09:00:00Z");

    /** Ten clients signing with ML-DSA-65 at about 1.3 ms, one event per second in turn. */
    static List<AuditEvent> ordinaryTraffic(int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            double duration = 1.3 * Math.exp(0.2 * (random.nextDouble() - 0.5));
            long payload = 512 + random.nextInt(64);
            out.add(SyntheticTraffic.event("client-" + (i % 10), start.plusSeconds(i), "sign", "ML-DSA-65", duration, payload, "OK"));
        }
        return out;
    }

    static StreamingDetector warmed(long seed) {
        StreamingDetector detector = new StreamingDetector(StreamingDetector.Settings.DEFAULT);
        for (AuditEvent event : ordinaryTraffic(3_000, seed)) detector.process(event);
        return detector;
    }

    @Test
    void latencySpike_isGraded_attributedToDuration_andExplainedAgainstTheClientsUsual() {
        StreamingDetector detector = warmed(1);
        AuditEvent spike = SyntheticTraffic.event("client-3", start.plusSeconds(3_001), "sign", "ML-DSA-65", 41, 530, "OK");
        Verdict verdict = detector.process(spike).verdict();
        assertThat(verdict.grade()).isGreaterThan(0);
        assertThat(verdict.attribution().keySet().iterator().next()).isEqualTo("duration");
        assertThat(verdict.explanation()).matches("duration 41\\.0 ms is \\d+x this client's usual 1\\.\\d+ ms.*");
    }

    @Test
    void algorithmNeverUsedByTheClient_isGraded_asNovelty() {
        StreamingDetector detector = warmed(2);
        AuditEvent downgrade = SyntheticTraffic.event("client-4", start.plusSeconds(3_001), "sign", "RSA-2048", 1.3, 530, "OK");
        Verdict verdict = detector.process(downgrade).verdict();
        assertThat(verdict.grade()).isGreaterThan(0);
        assertThat(verdict.attribution().keySet().iterator().next()).isEqualTo("operation_novelty");
        assertThat(verdict.explanation()).contains("never used sign with RSA-2048");
    }

    @Test
    void ordinaryEvent_isNotGraded() {
        StreamingDetector detector = warmed(3);
        Verdict verdict = detector.process(ordinaryTraffic(3_001, 3).getLast()).verdict();
        assertThat(verdict.grade()).isZero();
        assertThat(verdict.explanation()).isEmpty();
        assertThat(verdict.attribution()).isEmpty();
    }

    @Test
    void score_learnsNothing() {
        StreamingDetector detector = warmed(4);
        AuditEvent spike = SyntheticTraffic.event("client-3", start.plusSeconds(3_001), "sign", "ML-DSA-65", 41, 530, "OK");
        long processed = detector.processed();
        Verdict first = detector.score(spike).verdict();
        Verdict second = detector.score(spike).verdict();
        assertThat(second).isEqualTo(first);
        assertThat(first.grade()).isGreaterThan(0);
        assertThat(detector.processed()).isEqualTo(processed);
        assertThat(detector.score(SyntheticTraffic.event("stranger", start, "sign", "ML-DSA-65", 1, 1, "OK")).verdict()).isNotNull();
        assertThat(detector.clients()).isEqualTo(10);
    }

    @Test
    void clientProfiles_areBoundedByClientsMax() {
        StreamingDetector detector = new StreamingDetector(new StreamingDetector.Settings(10, 64, 100, 3, 2.5, 1));
        for (int i = 0; i < 1_000; i++) {
            detector.process(SyntheticTraffic.event("random-" + i, start.plusMillis(i), "sign", "ML-DSA-65", 1, 100, "OK"));
        }
        assertThat(detector.clients()).isEqualTo(100);
        assertThat(detector.clientsEvicted()).isEqualTo(900);
    }

    @Test
    void restoredFromCheckpoint_scoresLikeBeforeTheRestart_withoutWarmup(@TempDir Path directory) throws Exception {
        StreamingDetector before = warmed(5);
        Path file = directory.resolve("streaming.checkpoint.json.gz");
        Checkpoints.write(before, file);
        StreamingDetector after = Checkpoints.read(file, StreamingDetector.Settings.DEFAULT);
        assertThat(after.processed()).isEqualTo(before.processed());
        assertThat(after.clients()).isEqualTo(before.clients());
        List<AuditEvent> probes = new ArrayList<>(ordinaryTraffic(3_020, 6).subList(3_000, 3_020));
        probes.add(SyntheticTraffic.event("client-3", start.plusSeconds(3_001), "sign", "ML-DSA-65", 41, 530, "OK"));
        probes.add(SyntheticTraffic.event("client-4", start.plusSeconds(3_002), "sign", "RSA-2048", 1.3, 530, "OK"));
        for (AuditEvent probe : probes) {
            assertThat(after.score(probe).verdict()).isEqualTo(before.score(probe).verdict());
        }
        // And it goes on learning and grading straight away: the spike is graded on its first processed event.
        assertThat(after.process(probes.get(20)).verdict().grade()).isGreaterThan(0);
        assertThat(Files.list(directory).toList()).containsExactly(file);
    }

    @Test
    void fullPointStore_scoresExactlyLikeTheBuildersForest() {
        ThresholdedRandomCutForest asBuilt = builderForest(StreamingDetector.Settings.DEFAULT);
        ThresholdedRandomCutForest full = StreamingDetector.newForest(StreamingDetector.Settings.DEFAULT);
        assertThat(storeCapacity(full)).isEqualTo(fullStore);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 6_000; i++) {
            double[] x = new double[Feature.count];
            for (int d = 0; d < x.length; d++) x[d] = random.nextDouble() < 0.3 ? 0 : random.nextGaussian();
            assertThat(full.getForest().getAnomalyScore(x)).isEqualTo(asBuilt.getForest().getAnomalyScore(x));
            full.getForest().update(x);
            asBuilt.getForest().update(x);
        }
    }

    @Test
    void checkpointOfThePreviousDefaults_30TreesAndTheBuildersSmallerStore_loadsAsIs_withTheFullStore(@TempDir Path directory) throws Exception {
        StreamingDetector.Settings previous = new StreamingDetector.Settings(30, 256, 10_000, 3.0, 2.5, 42);
        StreamingDetector before = new StreamingDetector(previous, builderForest(previous), new ClientProfiles(previous.clientsMax()), 0, 0);
        for (AuditEvent event : ordinaryTraffic(3_000, 7)) before.process(event);
        assertThat(storeCapacity(before.forest())).isLessThan(30 * 256 + 1);
        Path file = directory.resolve("streaming.checkpoint.json.gz");
        Checkpoints.write(before, file);
        // Read with today's defaults: the checkpoint's forest keeps its trees (dropping trees would
        // need relearning), and gets the full point store.
        StreamingDetector after = Checkpoints.read(file, StreamingDetector.Settings.DEFAULT);
        assertThat(after.settings().trees()).isEqualTo(30);
        assertThat(after.forest().getForest().getNumberOfTrees()).isEqualTo(30);
        assertThat(storeCapacity(after.forest())).isEqualTo(30 * 256 + 1);
        for (AuditEvent event : ordinaryTraffic(4_000, 8).subList(3_000, 4_000)) {
            assertThat(after.process(event).verdict()).isEqualTo(before.process(event).verdict());
        }
    }

    /** Points in a full store: one per tree and sample (the builder's capacity). */
    static final int fullStore = StreamingDetector.Settings.DEFAULT.trees() * StreamingDetector.Settings.DEFAULT.sampleSize() + 1;

    /** The thresholded forest as its builder makes it (the point store starts small and grows), as before withFullPointStore. */
    static ThresholdedRandomCutForest builderForest(StreamingDetector.Settings settings) {
        return ThresholdedRandomCutForest.builder().dimensions(Feature.count).shingleSize(1).numberOfTrees(settings.trees())
                .sampleSize(settings.sampleSize()).randomSeed(settings.seed()).transformMethod(TransformMethod.NONE)
                .forestMode(ForestMode.STANDARD).precision(Precision.FLOAT_32).parallelExecutionEnabled(false).zFactor(settings.zFactor())
                .build();
    }

    static int storeCapacity(ThresholdedRandomCutForest forest) {
        return ((PointStore) forest.getForest().getUpdateCoordinator().getStore()).getCurrentStoreCapacity();
    }

    @Test
    void corruptCheckpoint_isATypedError(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("streaming.checkpoint.json.gz");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Checkpoints.read(file, StreamingDetector.Settings.DEFAULT)).isInstanceOf(java.io.IOException.class);
    }
}
