package io.quantumsafe.audit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.config.AnomalyConfig;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver), against a real
 * service on an ephemeral port fed over HTTP: the overview's chart shows the counts per rule, an
 * alert is acknowledged from the page, an event is found by search, and the compliance, inventory
 * and anomaly views show what was seeded. One browser for the class; screenshots go to
 * target/screenshots/ so a person can look.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RULES = """
            rules:
            - id: signing-by-eve
              description: "eve signs"
              condition: operation == "sign" && client_id == "eve"
              severity: high
              tags: ["pci-dss:3.6"]
            - id: kem-failure
              description: "a decapsulation failed"
              condition: operation == "decapsulate" && status != "OK"
              severity: medium
              tags: ["pci-dss:3.6", "iso27001:A.8.24"]
            - id: vulnerable-algorithm
              description: "classical public-key algorithm"
              condition: quantum_vulnerable(algorithm)
              severity: low
              tags: ["nist-ir-8547"]
            - id: never-fires
              condition: operation == "nothing"
              tags: ["lgpd:art46"]
            """;

    AuditService service;
    WebDriver browser;
    final HttpClient http = HttpClient.newHttpClient();
    String base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver");
        }
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        AuditConfig config = AuditConfig.defaults(dir.resolve("data")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of(rules.toString())).withLimits(1 << 20, 1000, 10_000, Duration.ofMillis(100), Duration.ZERO)
                // The seeded events carry anomaly fields as the stage writes them; the stage itself would
                // re-score (and, still warming up, clear) them. AnomalyServiceTest covers the stage end to end.
                .withAnomaly(AnomalyConfig.DEFAULT.withEnabled(false));
        service = AuditService.start(config);
        base = "http://127.0.0.1:" + service.port();
        seed();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        // The driver is given explicitly, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.quit();
        if (service != null) service.close();
    }

    /** 3 alerts of signing-by-eve, 2 of kem-failure, 1 of vulnerable-algorithm; a needle event; one anomaly. */
    void seed() throws Exception {
        Instant at = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < 3; i++) batch.add(TestEvents.json(at.plusSeconds(i).toString(), "sign", "eve"));
        for (int i = 0; i < 2; i++) {
            ObjectNode failure = TestEvents.json(at.plusSeconds(10 + i).toString(), "decapsulate", "payments-api");
            failure.put("algorithm", "ML-KEM-768").put("status", "FAILED").put("component", "sidecar");
            batch.add(failure);
        }
        ObjectNode rsa = TestEvents.json(at.plusSeconds(20).toString(), "sign", "legacy-batch");
        rsa.put("algorithm", "RSA-2048").put("key_id", "legacy-rsa-1").put("component", "core-banking");
        batch.add(rsa);
        ObjectNode needle = TestEvents.json(at.plusSeconds(30).toString(), "verify", "needle-client");
        batch.add(needle);
        ObjectNode odd = TestEvents.json(at.plusSeconds(40).toString(), "sign", "night-owl");
        odd.put("anomaly_score", 3.7).put("anomaly_grade", 0.82).put("anomaly_explanation", "payload_size far above this client's usual");
        batch.add(odd);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/events"))
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Eventually.awaitChecked("seeded events stored and alerts counted", WAIT, () -> {
            JsonNode counts = get("/api/audit/alerts?range=1h");
            JsonNode events = get("/api/audit/events?limit=1");
            return counts.size() == 3 && events.get("total").asLong() == 8;
        });
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Pages redraw (refresh, acknowledge reloads the list): a handle found a moment ago may be stale, so retry. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebElement waitFor(By by) {
        return waiting().until(driver -> {
            List<WebElement> found = driver.findElements(by);
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    void screenshot(String name) throws Exception {
        Path directory = Paths.get("target", "screenshots");
        Files.createDirectories(directory);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void overview_chartShowsAlertCountsPerRule_andRefreshesWithoutReload() throws Exception {
        browser.get(base + "/dashboard/");
        waitFor(By.cssSelector("#chart-alerts-by-rule g.bar[data-rule='signing-by-eve']"));
        // Read the chart in one script: the page redraws every 5 s, so element handles go stale.
        assertThat(barCounts()).isEqualTo(Map.of("signing-by-eve", "3/3", "kem-failure", "2/2", "vulnerable-algorithm", "1/1"));
        assertThat(browser.findElements(By.cssSelector("#chart-alerts-over-time rect"))).isNotEmpty();
        assertThat(waitFor(By.cssSelector("table.top-clients")).getText()).contains("eve").contains("needle-client");
        screenshot("overview");

        // Live: a new alert appears on the page without a reload (the overview polls every 5 s).
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        ObjectNode another = TestEvents.json(Instant.now().minusSeconds(60).toString(), "sign", "eve");
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/events")).POST(HttpRequest.BodyPublishers.ofString(
                "[" + another + "]")).build(), HttpResponse.BodyHandlers.ofString());
        waiting().until(driver -> "4/4".equals(barCounts().get("signing-by-eve")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    /** rule id -> "data-count/label text" of each bar of the alerts-by-rule chart, read atomically in the page. */
    @SuppressWarnings("unchecked")
    Map<String, String> barCounts() {
        return (Map<String, String>) ((JavascriptExecutor) browser).executeScript("""
                const counts = {};
                for (const bar of document.querySelectorAll('#chart-alerts-by-rule g.bar')) {
                  counts[bar.dataset.rule] = bar.dataset.count + '/' + bar.querySelector('text.count').textContent;
                }
                return counts;""");
    }

    @Test
    void alerts_acknowledgeFromThePage_changesItsState() throws Exception {
        browser.get(base + "/dashboard/#alerts");
        WebElement row = waitFor(By.cssSelector("table.alerts-table tbody tr[data-alert-id^='kem-failure@']"));
        String id = row.getAttribute("data-alert-id");
        assertThat(row.findElement(By.cssSelector("td.alert-state")).getText()).isEqualTo("open");
        row.findElement(By.cssSelector("button.ack")).click();
        By sameRow = By.cssSelector("table.alerts-table tbody tr[data-alert-id='" + id + "'] td.alert-state");
        waiting().until(driver -> {
            List<WebElement> cells = driver.findElements(sameRow);
            return !cells.isEmpty() && cells.getFirst().getText().equals("acknowledged");
        });
        assertThat(get("/api/audit/alerts/items/" + id).get("state").asText()).isEqualTo("acknowledged");
        browser.findElement(By.cssSelector("table.alerts-table tbody tr[data-alert-id='" + id + "'] button.show")).click();
        assertThat(waitFor(By.cssSelector("#alert-event pre")).getText()).contains("\"decapsulate\"").contains("payments-api");
        screenshot("alerts-acknowledged");
    }

    @Test
    void eventSearch_byClientField_findsTheOneEvent() throws Exception {
        browser.get(base + "/dashboard/#events");
        WebElement client = waitFor(By.id("f-client_id"));
        waitFor(By.id("event-total"));
        client.sendKeys("needle-client");
        browser.findElement(By.id("search")).click();
        waiting().until(driver -> driver.findElement(By.id("event-total")).getText().equals("1 events"));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.events-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).contains("needle-client").contains("verify");
        screenshot("event-search");
    }

    @Test
    void errorsAndEmptyStates_areShownAsSuch_notAsBlankCharts() throws Exception {
        browser.get(base + "/dashboard/#events?client_id=nobody");
        assertThat(waitFor(By.cssSelector("#event-results .empty")).getText()).isEqualTo("No events match.");

        browser.get(base + "/dashboard/");
        waitFor(By.cssSelector("#chart-alerts-by-rule"));
        // The network fails for the next refreshes: the page says so instead of drawing nothing.
        ((JavascriptExecutor) browser).executeScript(
                "window.realFetch = window.fetch; window.fetch = () => Promise.reject(new Error('network down'));");
        assertThat(waitFor(By.cssSelector("#overview-body .error")).getText()).isEqualTo("Could not load: network down");
        assertThat(browser.findElements(By.cssSelector("#chart-alerts-by-rule"))).isEmpty();
        screenshot("overview-error");
        ((JavascriptExecutor) browser).executeScript("window.fetch = window.realFetch;");
        waitFor(By.cssSelector("#chart-alerts-by-rule g.bar"));
    }

    @Test
    void complianceInventoryAndAnomalies_showWhatWasSeeded() throws Exception {
        browser.get(base + "/dashboard/#compliance");
        WebElement failing = waitFor(By.cssSelector("table.compliance-table tr[data-control='pci-dss:3.6']"));
        assertThat(failing.getText()).contains("failing").contains("signing-by-eve: 3 alerts").contains("kem-failure: 2 alerts");
        assertThat(browser.findElement(By.cssSelector("table.compliance-table tr[data-control='lgpd:art46']")).getText())
                .contains("passing");
        screenshot("compliance");

        browser.get(base + "/dashboard/#inventory");
        WebElement table = waitFor(By.cssSelector("table.inventory-table"));
        String rsaRow = table.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText)
                .filter(text -> text.contains("RSA-2048")).findFirst().orElseThrow();
        assertThat(rsaRow).contains("core-banking").contains("quantum-vulnerable").contains("deprecated after 2030")
                .contains("disallowed after 2035").contains("legacy-batch").contains("legacy-rsa-1");
        screenshot("inventory");

        browser.get(base + "/dashboard/#anomalies");
        WebElement dot = waitFor(By.cssSelector("#chart-anomalies circle"));
        assertThat(dot.getAttribute("data-grade")).isEqualTo("0.82");
        assertThat(browser.findElement(By.id("anomalies")).getText()).contains("payload_size far above");
        screenshot("anomalies");
    }
}
