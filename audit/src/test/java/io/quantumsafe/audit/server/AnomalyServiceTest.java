package io.quantumsafe.audit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.alert.Backoff;
import io.quantumsafe.audit.config.AuditConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anomaly stage in the running service: stored fields, alerts, the scoring and training routes, restart. */
class AnomalyServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant start = Instant.parse("2025-08-02T09:00:00Z");
    static final Duration patience = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    AuditService service;
    final HttpClient http = HttpClient.newHttpClient();

    AuditService startService() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), "rules: []\n");
        AuditConfig config = AuditConfig.defaults(dir.resolve("data"))
                .withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of(dir.resolve("rules.yaml").toString()))
                .withLimits(8 << 20, 10_000, 20_000, Duration.ofMillis(100), Duration.ZERO);
        Clock clock = Clock.fixed(Instant.parse("2025-08-03T06:00:00Z"), ZoneOffset.UTC);
        return AuditService.start(config, new AuditService.Options(Backoff.DEFAULT, null, clock));
    }

    @AfterEach
    void stop() {
        if (service != null) service.close();
    }

    static String event(String client, Instant at, String algorithm, double durationMs) {
        return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"component\":\"pqc-engine\",\"operation\":\"sign\",\"algorithm\":\"%s\","
                + "\"duration_ms\":%.3f,\"status\":\"OK\",\"client_id\":\"%s\",\"payload_size\":512}", at, algorithm, durationMs, client);
    }

    JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    void postOrdinaryTraffic(int events) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < events; i++) {
            lines.append(event("client-" + (i % 10), start.plusSeconds(i), "ML-DSA-65", 1.3 * Math.exp(0.2 * (random.nextDouble() - 0.5))))
                    .append('\n');
        }
        call("POST", "/api/audit/events", lines.toString(), 200);
        Eventually.awaitChecked("ordinary traffic stored", patience,
                () -> call("GET", "/api/audit/events?limit=1", null, 200).get("total").asLong() == events);
    }

    @Test
    void latencySpike_isStoredWithGradeAndExplanation_andAlertsAsAnomalyStreaming() throws Exception {
        service = startService();
        postOrdinaryTraffic(3_000);
        JsonNode ordinary = call("GET", "/api/audit/events?limit=1", null, 200).get("events").get(0);
        assertThat(ordinary.get("anomaly_score").isNumber()).isTrue();
        assertThat(ordinary.get("anomaly_grade").asDouble()).isZero();
        assertThat(ordinary.has("anomaly_explanation")).isFalse();

        call("POST", "/api/audit/events", event("client-3", start.plusSeconds(3_001), "ML-DSA-65", 41), 200);
        Eventually.awaitChecked("the spike stored", patience,
                () -> call("GET", "/api/audit/events?limit=1", null, 200).get("total").asLong() == 3_001);
        JsonNode spike = call("GET", "/api/audit/events?limit=1", null, 200).get("events").get(0);
        assertThat(spike.get("duration_ms").asDouble()).isEqualTo(41.0);
        assertThat(spike.get("alerts").toString()).as(spike.toString()).contains("anomaly.streaming");
        assertThat(spike.get("anomaly_grade").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(spike.get("anomaly_explanation").asText()).startsWith("duration 41.0 ms is");
        assertThat(spike.get("anomaly_attribution").fieldNames().next()).isEqualTo("duration");
        JsonNode alerts = call("GET", "/api/audit/alerts/items?limit=10", null, 200);
        assertThat(alerts).anySatisfy(alert -> {
            assertThat(alert.get("rule_id").asText()).isEqualTo("anomaly.streaming");
            assertThat(alert.get("severity").asText()).isEqualTo("high");
            assertThat(alert.get("description").asText()).contains("this client's usual");
        });
        // The dashboard's anomalies view and the reports read what the stage stored.
        JsonNode view = call("GET", "/api/audit/anomalies?from=2025-08-02T08:00:00Z&to=2025-08-02T12:00:00Z", null, 200);
        assertThat(view.get("anomalies")).anySatisfy(anomaly -> {
            assertThat(anomaly.get("client_id").asText()).isEqualTo("client-3");
            assertThat(anomaly.get("explanation").asText()).startsWith("duration 41.0 ms is");
        });
    }

    @Test
    void scoreRoute_scoresWithoutStoring_trainRoute_addsTheBatchOpinion_andRestartKeepsTheForest() throws Exception {
        service = startService();
        postOrdinaryTraffic(3_000);
        String spike = event("client-3", start.plusSeconds(3_001), "ML-DSA-65", 41);
        String batch = "[" + spike + "," + event("client-2", start.plusSeconds(3_002), "ML-DSA-65", 1.3) + ",{\"timestamp\":\"nope\"}]";

        JsonNode scored = call("POST", "/api/anomaly/score", batch, 200);
        assertThat(scored.get("scored").asInt()).isEqualTo(2);
        JsonNode results = scored.get("results");
        assertThat(results.get(0).get("streaming").get("grade").asDouble()).isGreaterThan(0);
        assertThat(results.get(0).get("streaming").get("explanation").asText()).contains("this client's usual");
        assertThat(results.get(1).get("streaming").get("grade").asDouble()).isZero();
        assertThat(results.get(0).get("batch").isNull()).isTrue();
        assertThat(results.get(2).get("status").asText()).isEqualTo("rejected");
        assertThat(call("GET", "/api/audit/events?limit=1", null, 200).get("total").asLong()).isEqualTo(3_000);
        long learned = call("GET", "/api/anomaly", null, 200).get("events_learned").asLong();
        assertThat(learned).isEqualTo(3_000);

        JsonNode trained = call("POST", "/api/anomaly/train", null, 200);
        assertThat(trained.get("version").asLong()).isEqualTo(1);
        assertThat(trained.get("events").asLong()).isEqualTo(3_000);
        JsonNode withBatch = call("POST", "/api/anomaly/score", spike, 200).get("results").get(0);
        assertThat(withBatch.get("batch").get("model_version").asLong()).isEqualTo(1);
        assertThat(withBatch.get("batch").get("score").asDouble()).isGreaterThan(0.5);

        double before = withBatch.get("streaming").get("score").asDouble();
        service.close();
        service = startService();
        assertThat(call("GET", "/api/anomaly", null, 200).get("events_learned").asLong()).isEqualTo(learned);
        assertThat(call("GET", "/api/anomaly", null, 200).get("batch_model_version").asLong()).isEqualTo(1);
        JsonNode afterRestart = call("POST", "/api/anomaly/score", spike, 200).get("results").get(0);
        assertThat(afterRestart.get("streaming").get("score").asDouble()).isEqualTo(before);
        assertThat(afterRestart.get("streaming").get("grade").asDouble()).isGreaterThan(0);
    }

    @Test
    void scoreRoute_rejectsGarbage_withATypedError() throws Exception {
        service = startService();
        assertThat(call("POST", "/api/anomaly/score", "{\"timestamp\":", 400).toString()).contains("error");
        call("GET", "/api/anomaly/score", null, 405);
    }
}
