package io.quantumsafe.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.alert.Backoff;
import io.quantumsafe.audit.config.AlertSinkConfig;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.config.AuditConfigFile;
import io.quantumsafe.audit.rules.Severity;
import io.quantumsafe.audit.server.AuditService;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A scheduled report written to its directory and emailed through the email alert sink to a real SMTP server (GreenMail). */
class ReportSchedulerTest {
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void atItsCronTime_reportIsWrittenAndEmailedWithBothFormats() throws Exception {
        Path configFile = dir.resolve("audit.yaml");
        Files.writeString(configFile, """
                rules: ["pack:crypto-misuse"]
                reports:
                  schedule: "0 6 * * *"
                  range: 24h
                  formats: [pdf, csv]
                  directory: daily
                  email: true
                """);
        AuditConfig config = AuditConfigFile.read(configFile, AuditConfig.defaults(dir.resolve("data")))
                .withListen(new InetSocketAddress("127.0.0.1", 0))
                .withAlerts(List.of(new AlertSinkConfig("email", "soc-mail", null, "127.0.0.1", smtp.getSmtp().getPort(),
                        "audit@bank.example", List.of("soc@bank.example"), false, null, null, 60, 10, Severity.CRITICAL)));
        ReportSchedule schedule = AuditConfigFile.reports(configFile, config.dataDirectory());
        assertThat(schedule.directory()).isEqualTo(dir.resolve("data").resolve("daily"));
        // 100 ms before the 06:00 run; the clock stands still, so exactly one run happens during the test.
        Clock clock = Clock.fixed(Instant.parse("2025-08-04T05:59:59.900Z"), ZoneOffset.UTC);
        try (AuditService service = AuditService.start(config, new AuditService.Options(Backoff.DEFAULT, null, clock));
             HttpClient http = HttpClient.newHttpClient()) {
            String rsa = TestEvents.json("2025-08-03T12:00:00Z", "sign", "legacy-batch").put("algorithm", "RSA-2048").toString();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/audit/events"))
                    .POST(HttpRequest.BodyPublishers.ofString(rsa)).build(), HttpResponse.BodyHandlers.ofString());
            Eventually.await("event committed", Duration.ofSeconds(20), () -> service.ingest().committedSeq() >= 1);
            service.scheduleReports(schedule);
            Path csv = schedule.directory().resolve("qsafe-audit-report-2025-08-04T06-00-00Z.csv");
            Eventually.await("the 06:00 report", Duration.ofSeconds(20), () -> Files.exists(csv));
            assertThat(Files.readString(csv)).contains("alerts,quantum-vulnerable-algorithm,1,").contains("summary,from,2025-08-03T06:00:00Z");
            assertThat(Files.readAllBytes(schedule.directory().resolve("qsafe-audit-report-2025-08-04T06-00-00Z.pdf")))
                    .startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Eventually.awaitChecked("the report email", Duration.ofSeconds(20), () -> Arrays.stream(smtp.getReceivedMessages())
                    .anyMatch(ReportSchedulerTest::isReport));
            MimeMessage mail = Arrays.stream(smtp.getReceivedMessages()).filter(ReportSchedulerTest::isReport).findFirst().orElseThrow();
            Multipart parts = (Multipart) mail.getContent();
            assertThat(parts.getCount()).isEqualTo(3);
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("qsafe-audit-report-2025-08-04T06-00-00Z.pdf");
            assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("qsafe-audit-report-2025-08-04T06-00-00Z.csv");
            try (var files = Files.list(schedule.directory())) {
                assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                        "qsafe-audit-report-2025-08-04T06-00-00Z.csv", "qsafe-audit-report-2025-08-04T06-00-00Z.pdf");
            }
        }
    }

    static boolean isReport(MimeMessage message) {
        try {
            return message.getSubject().startsWith("[QuantumSafe] Audit report");
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    @Test
    void badReportsSection_isRefusedWithTheKey() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "reports:\n  schedule: \"0 25 * * *\"\n");
        assertThatThrownBy(() -> AuditConfigFile.reports(file, dir)).hasMessageContaining("reports.schedule: hour must be 0 to 23");
        Files.writeString(file, "reports:\n  schedule: \"0 6 * * *\"\n  formats: [docx]\n");
        assertThatThrownBy(() -> AuditConfigFile.reports(file, dir)).hasMessageContaining("reports.formats");
        Files.writeString(file, "reports:\n  schedule: \"0 6 * * *\"\n  cron: x\n");
        assertThatThrownBy(() -> AuditConfigFile.reports(file, dir)).hasMessageContaining("unknown key 'cron'");
        Files.writeString(file, "rules: [\"pack:compliance\"]\n");
        assertThat(AuditConfigFile.reports(file, dir)).isNull();
    }
}
