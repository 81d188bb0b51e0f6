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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsafe report and qsafe cbom against a real audit service on an ephemeral port. */
class ReportCliTest {
    @TempDir
    Path dir;

    @Test
    void reportAndCbom_writeFilesFromARunningService() throws Exception {
        AuditConfig config = AuditConfig.defaults(dir.resolve("data")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(1 << 20, 1000, 10_000, Duration.ofMillis(100), Duration.ZERO);
        try (AuditService service = AuditService.start(config); HttpClient http = HttpClient.newHttpClient()) {
            String server = "http://127.0.0.1:" + service.port();
            String event = """
                    {"timestamp":"2025-08-03T12:45:23Z","component":"core-banking","operation":"sign","algorithm":"RSA-2048",\
                    "duration_ms":0.4,"status":"OK","client_id":"legacy-batch","payload_size":512,"key_id":"rsa-7"}""";
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server + "/api/audit/events"))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (service.ingest().committedSeq() < 1 && System.nanoTime() < deadline) Thread.sleep(10);

            Path csv = dir.resolve("report.csv");
            CliRun report = qsafe("report", "--server", server, "--from", "2025-08-03T00:00:00Z", "--to", "2025-08-04T00:00:00Z",
                    "--format", "csv", "--out", csv.toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.getFirst()).isEqualTo("section,name,value,detail1,detail2,detail3,detail4");
            assertThat(lines).anyMatch(line -> line.startsWith("inventory,core-banking/RSA-2048,1,quantum-vulnerable,legacy-batch,rsa-7,"));
            assertThat(lines).anyMatch(line -> line.startsWith("alerts,quantum-vulnerable-algorithm,1,"));

            Path pdf = dir.resolve("report.pdf");
            assertThat(qsafe("report", "--server", server, "--range", "7d", "--to", "2025-08-04T00:00:00Z", "-o", pdf.toString())
                    .exitCode()).isZero();
            assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

            Path cbom = dir.resolve("cbom.json");
            CliRun bom = qsafe("cbom", "--server", server, "--from", "2025-08-03T00:00:00Z", "--to", "2025-08-04T00:00:00Z", "-o",
                    cbom.toString());
            assertThat(bom.exitCode()).as(bom.err()).isZero();
            assertThat(Files.readString(cbom)).contains("\"specVersion\" : \"1.6\"").contains("crypto/key/rsa-7");
        }
    }

    @Test
    void audit_withABadReportsSchedule_failsBeforeItListens() throws Exception {
        Path config = dir.resolve("audit.yaml");
        Files.writeString(config, "listen: 127.0.0.1:0\nreports:\n  schedule: \"0 6 * *\"\n");
        CliRun result = qsafe("audit", "--config", config.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("reports.schedule: cron '0 6 * *' must have 5 fields");
        assertThat(result.out()).doesNotContain("listening");
    }

    @Test
    void noService_failsWithWhatToDo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun result = qsafe("cbom", "--server", "http://127.0.0.1:" + port, "-o", dir.resolve("x.json").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the audit service").contains("qsafe audit");
        CliRun badFormat = qsafe("report", "--format", "docx");
        assertThat(badFormat.exitCode()).isEqualTo(1);
        assertThat(badFormat.err()).contains("--format must be pdf, csv or json");
        assertThat(qsafe("report", "--from", "yesterday").err()).contains("ISO-8601");
    }
}
