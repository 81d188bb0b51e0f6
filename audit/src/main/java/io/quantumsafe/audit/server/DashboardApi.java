package io.quantumsafe.audit.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.dashboard.Overview;
import io.quantumsafe.audit.dashboard.StaticAssets;
import io.quantumsafe.audit.inventory.Cbom;
import io.quantumsafe.audit.ingest.Pipeline;
import io.quantumsafe.audit.report.CsvReport;
import io.quantumsafe.audit.report.PdfReport;
import io.quantumsafe.audit.report.ReportBuilder;
import io.quantumsafe.audit.report.ReportData;
import io.quantumsafe.audit.report.ReportJson;
import io.quantumsafe.audit.rules.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The dashboard's routes: its static files, and the read-only views it shows (overview,
 * compliance, crypto inventory, anomalies), the CycloneDX CBOM and on-demand reports. Every view
 * takes a range as {@code from}/{@code to} (ISO-8601) or {@code range} (24h, 7d) ending now.
 */
final class DashboardApi {
    /**
     * Report-sized reads (up to a million events each) running at once; more get 503 and Retry-After
     * rather than queueing memory and CPU behind them. The overview is cheaper (20,000 events) but
     * polled by every open page, so it has its own bound.
     */
    static final int reportBuildsMax = 2;
    static final int overviewsMax = 8;
    private final Semaphore reportBuilds = new Semaphore(reportBuildsMax);
    private final Semaphore overviews = new Semaphore(overviewsMax);
    private final StaticAssets assets = new StaticAssets();
    private final Overview overview;
    private final ReportBuilder reports;
    private final Clock clock;

    DashboardApi(Pipeline pipeline, AlertManager alerts, Clock clock) {
        this.overview = new Overview(pipeline.store(), alerts, pipeline::rules);
        this.reports = new ReportBuilder(pipeline.store(), alerts, pipeline::rules, ReportBuilder.eventsScannedDefault);
        this.clock = clock;
    }

    ReportBuilder reports() { return reports; }

    void routes(HttpServer server) {
        AuditApi.route(server, "/api/audit/overview", Map.of("GET", exchange -> {
            Range range = range(exchange, "24h");
            if (!overviews.tryAcquire()) throw busy(overviewsMax + " overviews are being computed");
            try {
                Http.json(exchange, 200, overview.compute(range.from(), range.to()));
            } finally {
                overviews.release();
            }
        }));
        AuditApi.route(server, "/api/audit/compliance", Map.of("GET", exchange -> Http.json(exchange, 200,
                ReportJson.compliance(report(exchange, "24h")))));
        AuditApi.route(server, "/api/audit/inventory", Map.of("GET", exchange -> Http.json(exchange, 200,
                ReportJson.inventory(report(exchange, "30d")))));
        AuditApi.route(server, "/api/audit/anomalies", Map.of("GET", exchange -> Http.json(exchange, 200,
                ReportJson.anomalies(report(exchange, "24h")))));
        AuditApi.route(server, "/api/audit/cbom", Map.of("GET", exchange -> {
            ReportData data = report(exchange, "30d");
            byte[] body = Cbom.json(Cbom.build(data.inventory(), data.from(), data.to(), data.generatedAt())).getBytes(StandardCharsets.UTF_8);
            Http.send(exchange, 200, "application/vnd.cyclonedx+json; version=1.6", body, Map.of());
        }));
        AuditApi.route(server, "/api/audit/reports", Map.of("GET", this::report));
        AuditApi.route(server, "/dashboard", Map.of("GET", this::asset));
        // Everything no other context takes: a redirect for "/" itself, 404 for any other path and method.
        AuditApi.Handler fallback = exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/") || !exchange.getRequestMethod().equals("GET")) {
                throw new Http.Refusal(404, "no such resource");
            }
            Http.send(exchange, 302, "text/plain", new byte[0], Map.of("Location", StaticAssets.prefix));
        };
        AuditApi.route(server, "/", Map.of("GET", fallback, "POST", fallback, "PUT", fallback, "DELETE", fallback, "HEAD", fallback,
                "PATCH", fallback));
    }

    /** GET /api/audit/reports/{pdf|csv|json}?from=&to= (or range=). */
    private void report(HttpExchange exchange) throws IOException, Http.Refusal {
        String format = exchange.getRequestURI().getPath().substring("/api/audit/reports".length());
        ReportData data = switch (format) {
            case "/pdf", "/csv", "/json" -> report(exchange, "24h");
            default -> throw new Http.Refusal(404, "reports are at /api/audit/reports/pdf, /csv or /json");
        };
        String name = "qsafe-audit-report-" + data.from().toString().replace(':', '-') + "." + format.substring(1);
        Map<String, String> attachment = Map.of("Content-Disposition", "attachment; filename=\"" + name + "\"");
        switch (format) {
            case "/pdf" -> Http.send(exchange, 200, "application/pdf", PdfReport.render(data), attachment);
            case "/csv" -> Http.send(exchange, 200, "text/csv; charset=utf-8", CsvReport.render(data).getBytes(StandardCharsets.UTF_8),
                    attachment);
            default -> Http.json(exchange, 200, ReportJson.report(data));
        }
    }

    private ReportData report(HttpExchange exchange, String defaultRange) throws IOException, Http.Refusal {
        Range range = range(exchange, defaultRange);
        if (!reportBuilds.tryAcquire()) throw busy(reportBuildsMax + " reports are being built");
        try {
            return reports.build(range.from(), range.to(), clock.instant());
        } finally {
            reportBuilds.release();
        }
    }

    private void asset(HttpExchange exchange) throws IOException, Http.Refusal {
        StaticAssets.Asset asset = assets.find(exchange.getRequestURI().getPath());
        if (asset == null) throw new Http.Refusal(404, "no such file");
        Map<String, String> headers = Map.of("ETag", asset.etag(), "Cache-Control", asset.cacheControl(),
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        if (asset.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            Http.send(exchange, 304, asset.contentType(), new byte[0], headers);
        } else {
            Http.send(exchange, 200, asset.contentType(), asset.bytes(), headers);
        }
    }

    private static Http.Refusal busy(String what) {
        return new Http.Refusal(503, what + "; retry in a few seconds", Map.of("Retry-After", "5"));
    }

    record Range(Instant from, Instant to) {}

    private Range range(HttpExchange exchange, String defaultRange) throws Http.Refusal {
        Map<String, String> parameters = Http.query(exchange);
        Instant to = AuditApi.instant(parameters.get("to"), "to");
        Instant from = AuditApi.instant(parameters.get("from"), "from");
        if (to == null) to = clock.instant().plusMillis(1);
        if (from == null) {
            Duration length;
            try {
                length = Durations.parse(parameters.getOrDefault("range", defaultRange));
            } catch (IllegalArgumentException e) {
                throw new Http.Refusal(400, "range " + e.getMessage());
            }
            from = to.minus(length);
        }
        if (!from.isBefore(to)) throw new Http.Refusal(400, "from must be before to");
        if (Duration.between(from, to).compareTo(AuditApi.rangeMax) > 0) throw new Http.Refusal(400, "a range is at most 366d");
        return new Range(from, to);
    }
}
