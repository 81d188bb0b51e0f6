package io.quantumsafe.cli;

import static io.quantumsafe.cli.CliRun.qsafe;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsafe anomaly eval (a tiny data set) and qsafe anomaly train against a real service on an ephemeral port. */
class AnomalyCliTest {
    @TempDir
    Path dir;

    @Test
    void eval_printsTheTablePerKindAndDetector() {
        CliRun result = qsafe("anomaly", "eval", "--clients", "8", "--days", "2", "--episodes", "3", "--rate", "3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        for (String kind : List.of("latency-spike", "payload-burst", "failure-storm", "off-hours-signing", "algorithm-downgrade",
                "new-client-flood")) {
            assertThat(result.out()).contains("| " + kind + " | streaming | 3 |").contains("| " + kind + " | batch | 3 |");
        }
        assertThat(result.out()).contains("false-positive rate").contains("command: ./qsafe anomaly eval --clients 8");
    }

    @Test
    void train_againstARunningService_printsTheNewVersion() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), "rules: []\n");
        AuditConfig config = AuditConfig.defaults(dir.resolve("data")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of(dir.resolve("rules.yaml").toString()))
                .withLimits(8 << 20, 10_000, 20_000, Duration.ofMillis(50), Duration.ZERO);
        try (AuditService service = AuditService.start(config); HttpClient http = HttpClient.newHttpClient()) {
            StringBuilder lines = new StringBuilder();
            Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
            for (int i = 0; i < 50; i++) {
                lines.append("{\"timestamp\":\"").append(at.plusSeconds(i)).append("\",\"component\":\"pqc-engine\",\"operation\":\"sign\","
                        + "\"algorithm\":\"ML-DSA-65\",\"duration_ms\":1.2,\"status\":\"OK\",\"client_id\":\"c").append(i % 3)
                        .append("\",\"payload_size\":512}\n");
            }
            String base = "http://127.0.0.1:" + service.port();
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/events")).POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/events?limit=1")).build(), HttpResponse.BodyHandlers.ofString())
                    .body().contains("\"total\":50")) {
                assertThat(System.nanoTime()).as("50 events stored within 30 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            CliRun result = qsafe("anomaly", "train", "--url", base);
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("\"version\":1").contains("\"events\":50");
        }
    }

    @Test
    void train_withNoServiceListening_failsWithAReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun result = qsafe("anomaly", "train", "--url", "http://127.0.0.1:" + port, "--timeout", "5");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the audit service at http://127.0.0.1:" + port);
    }
}
