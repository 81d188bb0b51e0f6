package io.quantumsafe.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.config.AnomalyConfig;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports and the CBOM from a real service: known events in a known range, then the PDF is parsed
 * back with PDFBox, the CSV with commons-csv, and the CBOM validated against CycloneDX 1.6's schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsOverHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RANGE = "from=2025-08-03T00:00:00Z&to=2025-08-04T00:00:00Z";
    static final String RULES = """
            rules:
            - id: late-night-signs
              condition: operation == "sign" && hour(timestamp) >= 2 && hour(timestamp) < 4
              severity: high
              tags: ["pci-dss:3.6"]
            - id: kem-failure
              condition: operation == "decapsulate" && status != "OK"
              severity: medium
              tags: ["pci-dss:3.6", "iso27001:A.8.24"]
            - id: vulnerable-algorithm
              condition: quantum_vulnerable(algorithm)
              severity: low
              tags: ["nist-ir-8547"]
            - id: never-fires
              condition: operation == "nothing"
              tags: ["lgpd:art46"]
            """;

    AuditService service;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        service = AuditService.start(AuditConfig.defaults(dir.resolve("data")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of(rules.toString())).withLimits(1 << 20, 1000, 10_000, Duration.ofMillis(100), Duration.ZERO)
                // The seeded events carry anomaly fields as the stage writes them; the stage itself would
                // re-score (and, still warming up, clear) them. AnomalyServiceTest covers the stage end to end.
                .withAnomaly(AnomalyConfig.DEFAULT.withEnabled(false)));
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < 4; i++) batch.add(TestEvents.json("2025-08-03T02:1" + i + ":00Z", "sign", "night-batch"));
        for (int i = 0; i < 2; i++) {
            ObjectNode failure = TestEvents.json("2025-08-03T10:0" + i + ":00Z", "decapsulate", "payments-api");
            failure.put("algorithm", "ML-KEM-768").put("status", "FAILED").put("component", "sidecar").put("key_id", "kem-key-7");
            batch.add(failure);
        }
        ObjectNode rsa = TestEvents.json("2025-08-03T11:00:00Z", "sign", "legacy-batch");
        rsa.put("algorithm", "RSA-2048").put("key_id", "legacy-rsa-1").put("component", "core-banking");
        batch.add(rsa);
        ObjectNode tls = TestEvents.json("2025-08-03T11:30:00Z", "handshake", "browser");
        tls.put("algorithm", "ML-DSA-65").put("tls_group", "X25519MLKEM768").put("component", "sidecar");
        batch.add(tls);
        ObjectNode odd = TestEvents.json("2025-08-03T12:00:00Z", "sign", "night-owl");
        odd.put("anomaly_score", 2.5).put("anomaly_grade", 0.6).put("anomaly_explanation", "rare hour for this client");
        batch.add(odd);
        batch.add(TestEvents.json("2025-08-05T02:30:00Z", "sign", "outside-the-range"));
        assertThat(send("POST", "/api/audit/events", batch.toString()).statusCode()).isEqualTo(200);
        Eventually.awaitChecked("events stored", Duration.ofSeconds(20),
                () -> JSON.readTree(send("GET", "/api/audit/events?limit=1", null).body()).get("total").asInt() == 10);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pdf_parsedBack_holdsTheRulesCountsControlsAndInventory() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                + "/api/audit/reports/pdf?" + RANGE)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text;
        try (PDDocument document = Loader.loadPDF(response.body())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Range: 2025-08-03T00:00:00Z to 2025-08-04T00:00:00Z")
                .contains("Events: 9").contains("Alerts: 7").contains("high: 4")
                .contains("late-night-signs  high  4").contains("kem-failure  medium  2").contains("vulnerable-algorithm  low  1")
                .contains("Anomalies: 1").contains("rare hour for this client")
                .contains("pci-dss:3.6  FAILING").contains("lgpd:art46  PASSING")
                .contains("core-banking  RSA-2048  quantum-vulnerable  1 events")
                .contains("NIST IR 8547: deprecated after 2030, disallowed after 2035")
                .doesNotContain("outside-the-range");
    }

    @Test
    void csv_hasOneRowPerRuleControlAndInventoryEntry() throws Exception {
        HttpResponse<String> response = send("GET", "/api/audit/reports/csv?" + RANGE, null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.body())).getRecords();
        Map<String, String> alerts = rows.stream().filter(row -> row.get("section").equals("alerts"))
                .collect(Collectors.toMap(row -> row.get("name"), row -> row.get("value") + "/" + row.get("detail1")));
        assertThat(alerts).isEqualTo(Map.of("late-night-signs", "4/high", "kem-failure", "2/medium", "vulnerable-algorithm", "1/low"));
        Map<String, String> controls = rows.stream().filter(row -> row.get("section").equals("control"))
                .collect(Collectors.toMap(row -> row.get("name"), row -> row.get("value")));
        assertThat(controls).isEqualTo(Map.of("pci-dss:3.6", "failing", "iso27001:A.8.24", "failing", "nist-ir-8547", "failing",
                "lgpd:art46", "passing"));
        assertThat(rows.stream().filter(row -> row.get("section").equals("evidence") && row.get("name").equals("pci-dss:3.6")))
                .hasSize(6);
        CSVRecord rsa = rows.stream().filter(row -> row.get("name").equals("core-banking/RSA-2048")).findFirst().orElseThrow();
        assertThat(rsa.get("detail1")).isEqualTo("quantum-vulnerable");
        assertThat(rsa.get("detail3")).isEqualTo("legacy-rsa-1");
        assertThat(rows.stream().filter(row -> row.get("section").equals("anomaly"))).hasSize(1);
        assertThat(rows.stream().filter(row -> row.get("section").equals("summary") && row.get("name").equals("events"))
                .findFirst().orElseThrow().get("value")).isEqualTo("9");
    }

    @Test
    void cbom_validatesAgainstCycloneDx16_andListsAlgorithmsKeysAndTls() throws Exception {
        HttpResponse<String> response = send("GET", "/api/audit/cbom?" + RANGE, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.cyclonedx+json");
        assertThat(new JsonParser().validate(response.body(), Version.VERSION_16)).isEmpty();
        JsonNode bom = JSON.readTree(response.body());
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        Map<String, JsonNode> byRef = new java.util.HashMap<>();
        bom.get("components").forEach(component -> byRef.put(component.get("bom-ref").asText(), component));
        JsonNode rsa = byRef.get("crypto/algorithm/RSA-2048");
        assertThat(rsa.at("/cryptoProperties/assetType").asText()).isEqualTo("algorithm");
        assertThat(rsa.at("/cryptoProperties/algorithmProperties/primitive").asText()).isEqualTo("signature");
        assertThat(rsa.get("properties").toString()).contains("quantum-vulnerable").contains("2035-12-31");
        assertThat(byRef.get("crypto/algorithm/ML-KEM-768").at("/cryptoProperties/algorithmProperties/nistQuantumSecurityLevel")
                .asInt()).isEqualTo(3);
        JsonNode key = byRef.get("crypto/key/legacy-rsa-1");
        assertThat(key.at("/cryptoProperties/relatedCryptoMaterialProperties/id").asText()).isEqualTo("legacy-rsa-1");
        assertThat(key.at("/cryptoProperties/relatedCryptoMaterialProperties/value").isMissingNode()).isTrue();
        assertThat(byRef.get("protocol/tls").at("/cryptoProperties/protocolProperties/cryptoRefArray").toString())
                .contains("crypto/algorithm/X25519MLKEM768");
        assertThat(bom.get("dependencies").toString()).contains("component/core-banking").contains("crypto/algorithm/RSA-2048");
    }

    @Test
    void badRanges_areRefusedWithAReason() throws Exception {
        HttpResponse<String> backwards = send("GET", "/api/audit/reports/pdf?from=2025-08-04T00:00:00Z&to=2025-08-03T00:00:00Z", null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("from must be before to");
        assertThat(send("GET", "/api/audit/cbom?range=400d", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/audit/reports/pdf?from=yesterday", null).body()).contains("ISO-8601");
        assertThat(send("GET", "/api/audit/reports/xlsx", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/audit/reports/pdf", "").statusCode()).isEqualTo(405);
    }

    @Test
    void emptyRange_givesEmptySectionsNotErrors() throws Exception {
        JsonNode report = JSON.readTree(send("GET", "/api/audit/reports/json?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z",
                null).body());
        assertThat(report.get("events_scanned").asInt()).isZero();
        assertThat(report.get("alerts_by_rule")).isEmpty();
        assertThat(report.get("inventory")).isEmpty();
        assertThat(report.get("compliance").findValuesAsText("status")).containsOnly("passing");
    }
}
