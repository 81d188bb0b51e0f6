package io.quantumsafe.audit.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.ingest.Envelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyStageTest {
    static Envelope envelope(AuditEvent event, int index) {
        return new Envelope("t-" + index, -1, event, EventCodec.encode(event), 0);
    }

    @Test
    void repeatedAnomaliesOfOneClient_areGradedEachTime_butAlertOncePerSuppressionWindow(@TempDir Path directory) throws Exception {
        try (AnomalyStage stage = AnomalyStage.open(directory, StreamingDetector.Settings.DEFAULT, BatchDetector.Settings.DEFAULT,
                Duration.ofDays(1), Clock.systemUTC(), new AnomalyStage.AlertPolicy("high", 0, Duration.ofMinutes(5), 100))) {
            List<Envelope> warmup = new ArrayList<>();
            int index = 0;
            for (AuditEvent event : StreamingDetectorTest.ordinaryTraffic(3_000, 9)) warmup.add(envelope(event, index++));
            stage.apply(warmup);
            List<Envelope> spikes = new ArrayList<>();
            for (long second : new long[] {3_001, 3_061, 3_121, 3_001 + 400}) {
                AuditEvent spike = SyntheticTraffic.event("client-3", StreamingDetectorTest.start.plusSeconds(second), "sign", "ML-DSA-65",
                        41, 530, "OK");
                spike.fields().put("anomaly_grade", 0.0); // a producer cannot pre-set the verdict
                spikes.add(envelope(spike, index++));
            }
            stage.apply(spikes);
            for (Envelope spike : spikes) {
                assertThat(spike.event.fields().get("anomaly_grade").asDouble()).isGreaterThan(0);
                assertThat(spike.event.fields().get("anomaly_explanation").asText()).contains("this client's usual");
                assertThat(spike.fieldsChanged).isTrue();
            }
            assertThat(spikes.stream().map(spike -> spike.stageAlerts.size()).toList()).containsExactly(1, 0, 0, 1);
            assertThat(spikes.getFirst().stageAlerts.getFirst().ruleId()).isEqualTo("anomaly.streaming");
            assertThat(spikes.getFirst().stageAlerts.getFirst().key()).isEqualTo("client-3");
            assertThat(stage.status().get("alerts_suppressed")).isEqualTo(2L);
        }
    }
}
