package io.quantumsafe.audit.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.audit.event.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    static final Instant from = Instant.parse("2026-11-02T00:00:00Z");

    static ModelStore.Source traffic(int events) {
        List<AuditEvent> list = StreamingDetectorTest.ordinaryTraffic(events, 3);
        return consumer -> list.forEach(consumer);
    }

    @Test
    void modelsAreVersioned_reloadIdentically_andOnlyTheNewestAreKept(@TempDir Path directory) throws Exception {
        ModelStore store = new ModelStore(directory, BatchDetector.Settings.DEFAULT);
        assertThat(store.latest()).isEmpty();
        ModelStore.Saved first = store.train(traffic(2_000), from, from.plusSeconds(2_000));
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.events()).isEqualTo(2_000);
        BatchDetector reloaded = store.latest().orElseThrow();
        assertThat(reloaded.version()).isEqualTo(1);
        assertThat(reloaded.threshold()).isEqualTo(first.detector().threshold());
        double[] probe = {12, 0, 0, 0, 1, 0};
        assertThat(reloaded.score(probe)).isEqualTo(first.detector().score(probe));
        for (int i = 0; i < 6; i++) store.train(traffic(500), from, from.plusSeconds(500));
        assertThat(store.latestVersion()).isEqualTo(7);
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted().toList()).containsExactly(
                    "isolation-forest-v000003.json.gz", "isolation-forest-v000004.json.gz", "isolation-forest-v000005.json.gz",
                    "isolation-forest-v000006.json.gz", "isolation-forest-v000007.json.gz");
        }
    }

    @Test
    void threshold_isCalibratedToTheTrainingTraffic_andAnOutlierPassesIt(@TempDir Path directory) throws Exception {
        BatchDetector detector = new ModelStore(directory, BatchDetector.Settings.DEFAULT).train(traffic(5_000), from, from).detector();
        assertThat(detector.threshold()).isGreaterThanOrEqualTo(BatchDetector.Settings.DEFAULT.scoreMin());
        Verdict outlier = detector.score(new double[] {12, 12, 0, 0, 0, 9});
        assertThat(outlier.grade()).isGreaterThan(0);
        assertThat(outlier.explanation()).startsWith("batch model v1: isolation score");
    }

    @Test
    void modelOfAnOlderFormat_isATypedError_andLatestOffersNone(@TempDir Path directory) throws Exception {
        // Format 1 (before the bounding boxes) had no "format" field.
        String old = "{\"version\":1,\"dimensions\":6,\"subsample\":2,\"threshold\":0.7,\"feature\":[[-1]],\"left\":[[0]],"
                + "\"right\":[[0]],\"size\":[[2]],\"split\":[[0.0]]}";
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(directory.resolve("isolation-forest-v000001.json.gz")))) {
            out.write(old.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ModelStore store = new ModelStore(directory, BatchDetector.Settings.DEFAULT);
        assertThatThrownBy(() -> store.read(1)).isInstanceOf(ModelStore.FormatException.class)
                .hasMessageContaining("format 1").hasMessageContaining("train a new one");
        assertThat(store.latest()).isEmpty();
        assertThat(store.train(traffic(500), from, from.plusSeconds(500)).version()).isEqualTo(2);
        assertThat(store.latest().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void eventsTheStreamingDetectorGraded_areLeftOutOfTheTrainingSample(@TempDir Path directory) throws Exception {
        List<AuditEvent> events = StreamingDetectorTest.ordinaryTraffic(1_000, 3);
        for (int i = 0; i < 100; i++) events.get(10 * i).fields().put("anomaly_grade", 0.8);
        ModelStore.Saved saved = new ModelStore(directory, BatchDetector.Settings.DEFAULT)
                .train(consumer -> events.forEach(consumer), from, from.plusSeconds(1_000));
        assertThat(saved.events()).isEqualTo(1_000);
        assertThat(saved.points()).isEqualTo(900);
    }

    @Test
    void noEvents_isATypedError(@TempDir Path directory) throws Exception {
        ModelStore store = new ModelStore(directory, BatchDetector.Settings.DEFAULT);
        assertThatThrownBy(() -> store.train(consumer -> {}, from, from)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no events to train on");
    }
}
