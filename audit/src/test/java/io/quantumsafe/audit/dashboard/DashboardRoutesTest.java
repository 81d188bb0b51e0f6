package io.quantumsafe.audit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's routes over real HTTP: files, caching, traversal, and the views' empty states. */
class DashboardRoutesTest {
    @TempDir
    Path dir;
    AuditService service;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        service = AuditService.start(AuditConfig.defaults(dir).withListen(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void root_redirectsToTheDashboard_whichRevalidatesWithItsEtag() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/dashboard/");
        HttpResponse<String> page = get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/dashboard/", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/dashboard/vendor/d3.min.js").headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=86400");
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/nowhere"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);
    }

    @Test
    void traversal_overTheWire_isNotFound() throws Exception {
        // Raw request line: an HTTP client would normalise the dots away before sending.
        for (String path : new String[] {"/dashboard/../../../../etc/passwd", "/dashboard/%2e%2e/%2e%2e/pom.xml",
                "/dashboard/..%2f..%2fMETA-INF/MANIFEST.MF"}) {
            try (Socket socket = new Socket("127.0.0.1", service.port())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 404").doesNotContain("root:");
            }
        }
    }

    @Test
    void views_onAnEmptyStore_answerEmptyNotErrors() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode overview = json.readTree(get("/api/audit/overview?range=24h").body());
        assertThat(overview.get("alerts_by_rule")).isEmpty();
        assertThat(overview.get("alerts_over_time")).hasSizeGreaterThanOrEqualTo(48);
        assertThat(overview.get("sample").get("events").asInt()).isZero();
        assertThat(json.readTree(get("/api/audit/anomalies").body()).get("anomalies")).isEmpty();
        assertThat(json.readTree(get("/api/audit/inventory").body()).get("entries")).isEmpty();
        JsonNode compliance = json.readTree(get("/api/audit/compliance").body());
        assertThat(compliance.get("controls").findValuesAsText("status")).isNotEmpty().containsOnly("passing");
        assertThat(get("/api/audit/overview?range=soon").statusCode()).isEqualTo(400);
    }
}
