package io.quantumsafe.audit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over real HTTP on an ephemeral port, with real files underneath. */
class AuditServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RULES = """
            rules:
            - id: late-night-signs
              description: "Signing operations between 02:00–04:00 UTC"
              condition: |
                operation == "sign" &&
                (hour(timestamp) >= 2 && hour(timestamp) < 4)
              severity: high
              tags: ["pci-dss:4.2.1"]
            """;

    @TempDir
    Path dir;
    Path rulesFile;
    AuditService service;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        rulesFile = dir.resolve("rules.yaml");
        Files.writeString(rulesFile, RULES);
        AuditConfig config = AuditConfig.defaults(dir.resolve("data"))
                .withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of(rulesFile.toString()))
                .withLimits(16 * 1024, 50, 1000, Duration.ofMillis(100), Duration.ZERO);
        Clock clock = Clock.fixed(Instant.parse("2025-08-03T06:00:00Z"), ZoneOffset.UTC);
        service = AuditService.start(config, new AuditService.Options(Backoff.DEFAULT, null, clock));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }

    @Test
    void postMixedBatch_acceptsTheGood_rejectsTheBadPerField_andTheRuleTagsStoredEvents() throws Exception {
        var late = TestEvents.json("2025-08-03T02:45:23Z", "sign", "accounting-service");
        var bad = TestEvents.json("2025-08-03T02:45:23Z", "sign", "x");
        bad.put("duration_ms", "slow");
        bad.remove("component");
        String body = "[" + TestEvents.brochure() + "," + bad + "," + late + "]";
        Reply reply = call("POST", "/api/audit/events", body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(reply.body().get("rejected").asInt()).isEqualTo(1);
        JsonNode results = reply.body().get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("component", "duration_ms");
        String lateId = results.get(2).get("id").asText();

        Eventually.awaitChecked("stored", Duration.ofSeconds(10),
                () -> call("GET", "/api/audit/events?client_id=accounting-service", null).body().get("total").asInt() == 2);
        JsonNode tagged = call("GET", "/api/audit/events?rule=late-night-signs", null).body();
        assertThat(tagged.get("total").asInt()).isEqualTo(1);
        assertThat(tagged.get("events").get(0).get("_id").asText()).isEqualTo(lateId);

        JsonNode counts = call("GET", "/api/audit/alerts?range=24h", null).body();
        assertThat(counts.isArray()).isTrue();
        assertThat(counts.get(0).get("rule_id").asText()).isEqualTo("late-night-signs");
        assertThat(counts.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/audit/alerts?range=1h", null).body()).isEmpty();
    }

    @Test
    void jsonLines_areAccepted_andAllBadIs400() throws Exception {
        Reply lines = call("POST", "/api/audit/events", TestEvents.brochure() + "\n" + TestEvents.brochure() + "\n");
        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.body().get("accepted").asInt()).isEqualTo(2);
        Reply bad = call("POST", "/api/audit/events", "{\"timestamp\": 5}\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("results").get(0).get("errors").findValuesAsText("field")).contains("timestamp", "client_id");
        Reply malformed = call("POST", "/api/audit/events", "[{\"a\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error").asText()).startsWith("malformed JSON");
    }

    @Test
    void oversizeBody_is413_tooManyEvents_is413_wrongMethod_is405() throws Exception {
        Reply big = call("POST", "/api/audit/events", "[" + "\"x\",".repeat(5000) + "\"x\"]");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.body().get("error").asText()).contains("16384");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) many.append("{}\n");
        assertThat(call("POST", "/api/audit/events", many.toString()).status()).isEqualTo(413);
        assertThat(call("DELETE", "/api/audit/events", null).status()).isEqualTo(405);
        assertThat(call("GET", "/api/audit/events?colour=red", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/audit/events?limit=100000", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/audit/alerts?range=forever", null).status()).isEqualTo(400);
    }

    @Test
    void alertLifecycle_openAcknowledgedClosed_throughTheApi() throws Exception {
        call("POST", "/api/audit/events", "[" + TestEvents.json("2025-08-03T03:00:00Z", "sign", "ops") + "]");
        Eventually.awaitChecked("alert raised", Duration.ofSeconds(10),
                () -> call("GET", "/api/audit/alerts/items?state=open", null).body().size() == 1);
        JsonNode alert = call("GET", "/api/audit/alerts/items?state=open", null).body().get(0);
        String id = alert.get("id").asText();
        assertThat(alert.get("rule_id").asText()).isEqualTo("late-night-signs");
        assertThat(alert.get("tags").get(0).asText()).isEqualTo("pci-dss:4.2.1");

        assertThat(call("POST", "/api/audit/alerts/items/" + id + "/acknowledge", "").body().get("state").asText())
                .isEqualTo("acknowledged");
        assertThat(call("POST", "/api/audit/alerts/items/" + id + "/acknowledge", "").status()).isEqualTo(409);
        assertThat(call("POST", "/api/audit/alerts/items/" + id + "/close", "").body().get("state").asText()).isEqualTo("closed");
        assertThat(call("GET", "/api/audit/alerts/items?state=open", null).body()).isEmpty();
        assertThat(call("GET", "/api/audit/alerts/items/" + id, null).body().get("state").asText()).isEqualTo("closed");
        assertThat(call("POST", "/api/audit/alerts/items/nope/close", "").status()).isEqualTo(404);
    }

    @Test
    void brokenRulesFile_keepsTheOldRulesRunning_andSaysWhy_untilFixed() throws Exception {
        Files.writeString(rulesFile, RULES.replace("hour(timestamp) < 4", "hour(timestamp) < 4 && nonsense"));
        assertThat(service.reloadRules()).isFalse();
        assertThat(service.lastRulesError()).contains("rules.yaml:6:53: ", "rule 'late-night-signs'", "undeclared reference to 'nonsense'");
        JsonNode rules = call("GET", "/api/audit/rules", null).body();
        assertThat(rules.get("last_reload_error").asText()).contains("previous rules still running");
        assertThat(rules.get("rules").get(0).get("id").asText()).isEqualTo("late-night-signs");

        call("POST", "/api/audit/events", "[" + TestEvents.json("2025-08-03T03:00:00Z", "sign", "old-rules") + "]");
        Eventually.awaitChecked("old rule still fires", Duration.ofSeconds(10),
                () -> call("GET", "/api/audit/events?rule=late-night-signs&client_id=old-rules", null).body().get("total").asInt() == 1);

        Files.writeString(rulesFile, RULES.replace("late-night-signs", "night-signs"));
        assertThat(service.reloadRules()).isTrue();
        assertThat(service.lastRulesError()).isNull();
        call("POST", "/api/audit/events", "[" + TestEvents.json("2025-08-03T03:00:00Z", "sign", "new-rules") + "]");
        Eventually.awaitChecked("new rule fires", Duration.ofSeconds(10),
                () -> call("GET", "/api/audit/events?rule=night-signs&client_id=new-rules", null).body().get("total").asInt() == 1);
    }

    @Test
    void healthAndMetrics() throws Exception {
        assertThat(call("GET", "/health", null).body().get("status").asText()).isEqualTo("UP");
        call("POST", "/api/audit/events", "[" + TestEvents.brochure() + "]");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("qsafe_audit_events_accepted_total 1.0");
    }
}
