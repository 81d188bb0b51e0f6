package io.quantumsafe.audit.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quantumsafe.audit.alert.Alert;
import io.quantumsafe.audit.alert.AlertJson;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.BodyException;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.event.EventSchema;
import io.quantumsafe.audit.event.FieldError;
import io.quantumsafe.audit.ingest.Envelope;
import io.quantumsafe.audit.ingest.Pipeline;
import io.quantumsafe.audit.ingest.WalIngest;
import io.quantumsafe.audit.rules.Durations;
import io.quantumsafe.audit.rules.RuleEngine;
import io.quantumsafe.audit.store.EventQuery;
import io.quantumsafe.audit.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: the route table first, then one blocking handler per route (virtual threads) that
 * calls plain domain objects. Every refusal is a typed status with a JSON message.
 */
final class AuditApi {
    private static final Logger log = LoggerFactory.getLogger(AuditApi.class);
    private static final Set<String> SEARCH_PARAMETERS = Set.of("rule", "alert", "from", "to", "q", "offset", "limit");
    /** Range of the alert counts: at most the longest retention anyone keeps. */
    static final Duration rangeMax = Duration.ofDays(366);

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, Http.Refusal;
    }

    private final WalIngest ingest;
    private final Pipeline pipeline;
    private final EventStore store;
    private final AlertManager alerts;
    private final RulesReloader reloader;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock;
    private final int bodyBytesMax;
    private final int eventsPerRequestMax;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter busy;

    AuditApi(WalIngest ingest, Pipeline pipeline, AlertManager alerts, RulesReloader reloader, PrometheusMeterRegistry metrics,
             Clock clock, int bodyBytesMax, int eventsPerRequestMax) {
        this.ingest = ingest;
        this.pipeline = pipeline;
        this.store = pipeline.store();
        this.alerts = alerts;
        this.reloader = reloader;
        this.metrics = metrics;
        this.clock = clock;
        this.bodyBytesMax = bodyBytesMax;
        this.eventsPerRequestMax = eventsPerRequestMax;
        this.accepted = metrics.counter("qsafe_audit_events_accepted");
        this.rejected = metrics.counter("qsafe_audit_events_rejected");
        this.busy = metrics.counter("qsafe_audit_requests_busy");
    }

    void routes(HttpServer server) {
        route(server, "/api/audit/events", Map.of("POST", this::postEvents, "GET", this::searchEvents));
        route(server, "/api/audit/alerts", Map.of("GET", this::alertsRoute, "POST", this::alertAction));
        route(server, "/api/audit/rules", Map.of("GET", this::rules));
        route(server, "/health", Map.of("GET", this::health));
        route(server, "/metrics", Map.of("GET", exchange -> Http.send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of())));
    }

    static void route(HttpServer server, String path, Map<String, Handler> methods) {
        server.createContext(path, exchange -> {
            // Close only after the refusal is written: try-with-resources would close before the catch runs.
            try {
                Handler handler = methods.get(exchange.getRequestMethod());
                if (handler == null) {
                    throw new Http.Refusal(405, exchange.getRequestMethod() + " not allowed here",
                            Map.of("Allow", String.join(", ", methods.keySet())));
                }
                handler.handle(exchange);
            } catch (Http.Refusal refusal) {
                Http.error(exchange, refusal);
            } catch (IOException e) {
                log.debug("client went away", e);
            } catch (RuntimeException e) {
                log.error("handler failed for {}", exchange.getRequestURI(), e);
                try {
                    Http.error(exchange, new Http.Refusal(500, "internal error: " + e.getClass().getSimpleName()));
                } catch (IOException ignored) {
                    // The client is gone too.
                }
            } finally {
                exchange.close();
            }
        });
    }

    // ---------------------------------------------------------------- ingestion

    private void postEvents(HttpExchange exchange) throws IOException, Http.Refusal {
        long received = System.nanoTime();
        if (!exchange.getRequestURI().getPath().equals("/api/audit/events")) throw new Http.Refusal(404, "no such resource");
        int[] length = new int[1];
        byte[] body = Http.body(exchange, bodyBytesMax, length);
        // Read in full (a 503 with the body left unread could reach the client as a reset), but parsed only if
        // as many events as it can hold would fit: under overload, parsing requests only to refuse them took
        // the CPU the pipeline needed to catch up.
        if (!ingest.roomFor(Math.min(eventsPerRequestMax, length[0] / EventSchema.eventBytesMin + 1))) {
            busy.increment();
            throw new Http.Refusal(503, "pipeline behind: " + ingest.pendingEvents() + " events waiting", Map.of("Retry-After", "1"));
        }
        List<EventCodec.Item> items;
        try {
            items = EventCodec.parseBody(body, length[0], eventsPerRequestMax);
        } catch (BodyException e) {
            throw new Http.Refusal(e.httpStatus(), e.getMessage());
        }
        List<AuditEvent> good = new ArrayList<>(items.size());
        List<byte[]> payloads = new ArrayList<>(items.size());
        for (EventCodec.Item item : items) {
            if (!item.accepted()) continue;
            good.add(item.event());
            payloads.add(item.json());
        }
        WalIngest.Admission admission = ingest.submit(good, payloads, received);
        if (admission instanceof WalIngest.Busy(String reason)) {
            busy.increment();
            throw new Http.Refusal(503, reason, Map.of("Retry-After", "1"));
        }
        long seq = ((WalIngest.Accepted) admission).firstSeq();
        ObjectNode answer = Http.JSON.createObjectNode();
        answer.put("accepted", good.size());
        answer.put("rejected", items.size() - good.size());
        ArrayNode results = answer.putArray("results");
        for (EventCodec.Item item : items) {
            ObjectNode result = results.addObject().put("index", item.index());
            if (item.accepted()) {
                result.put("status", "accepted").put("id", Envelope.walId(seq++));
            } else {
                result.put("status", "rejected");
                ArrayNode errors = result.putArray("errors");
                for (FieldError error : item.errors()) errors.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        accepted.increment(good.size());
        rejected.increment(items.size() - good.size());
        Http.json(exchange, good.isEmpty() ? 400 : 200, answer);
    }

    // ---------------------------------------------------------------- search

    private void searchEvents(HttpExchange exchange) throws IOException, Http.Refusal {
        Map<String, String> parameters = Http.query(exchange);
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (EventSchema.keywordFields.contains(parameter.getKey())) fields.put(parameter.getKey(), parameter.getValue());
            else if (!SEARCH_PARAMETERS.contains(parameter.getKey())) {
                throw new Http.Refusal(400, "unknown parameter '" + parameter.getKey() + "'; filters: " + EventSchema.keywordFields
                        + ", and " + SEARCH_PARAMETERS);
            }
        }
        EventQuery query;
        try {
            query = new EventQuery(fields, parameters.get("rule"), parameters.get("alert"), instant(parameters.get("from"), "from"),
                    instant(parameters.get("to"), "to"), parameters.get("q"), integer(parameters.get("offset"), 0, "offset"),
                    integer(parameters.get("limit"), 50, "limit"));
        } catch (IllegalArgumentException e) {
            throw new Http.Refusal(400, e.getMessage());
        }
        EventStore.Page page = store.search(query);
        ObjectNode answer = Http.JSON.createObjectNode();
        answer.put("total", page.total());
        answer.put("offset", query.offset());
        ArrayNode events = answer.putArray("events");
        page.events().forEach(events::add);
        Http.json(exchange, 200, answer);
    }

    static Instant instant(String text, String name) throws Http.Refusal {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Http.Refusal(400, name + " must be an ISO-8601 instant such as 2025-08-03T00:00:00Z");
        }
    }

    private static int integer(String text, int fallback, String name) throws Http.Refusal {
        if (text == null) return fallback;
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Http.Refusal(400, name + " must be an integer");
        }
    }

    // ---------------------------------------------------------------- alerts

    /** GET /api/audit/alerts?range=24h (counts by rule id), /items[?state=], /items/{id}, /dead-letters. */
    private void alertsRoute(HttpExchange exchange) throws IOException, Http.Refusal {
        String rest = exchange.getRequestURI().getPath().substring("/api/audit/alerts".length());
        Map<String, String> parameters = Http.query(exchange);
        if (rest.isEmpty() || rest.equals("/")) {
            alertCounts(exchange, parameters);
        } else if (rest.equals("/items")) {
            Alert.State state = null;
            try {
                if (parameters.containsKey("state")) state = Alert.State.parse(parameters.get("state"));
            } catch (IllegalArgumentException e) {
                throw new Http.Refusal(400, "state must be open, acknowledged or closed");
            }
            int limit = integer(parameters.get("limit"), 100, "limit");
            if (limit < 1 || limit > 1000) throw new Http.Refusal(400, "limit must be 1 to 1000");
            ArrayNode list = Http.JSON.createArrayNode();
            alerts.list(state, limit).forEach(alert -> list.add(AlertJson.write(alert)));
            Http.json(exchange, 200, list);
        } else if (rest.equals("/dead-letters")) {
            ArrayNode list = Http.JSON.createArrayNode();
            for (AlertManager.DeadLetter letter : alerts.deadLetters()) {
                list.addObject().put("alert_id", letter.alertId()).put("sink", letter.sink()).put("attempts", letter.attempts())
                        .put("reason", letter.reason()).put("at", letter.at().toString());
            }
            Http.json(exchange, 200, list);
        } else if (rest.startsWith("/items/")) {
            Alert alert = alerts.get(rest.substring("/items/".length()));
            if (alert == null) throw new Http.Refusal(404, "no alert " + rest.substring("/items/".length()));
            Http.json(exchange, 200, AlertJson.write(alert));
        } else {
            throw new Http.Refusal(404, "no such resource");
        }
    }

    private void alertCounts(HttpExchange exchange, Map<String, String> parameters) throws IOException, Http.Refusal {
        Duration range;
        try {
            range = Durations.parse(parameters.getOrDefault("range", "24h"));
        } catch (IllegalArgumentException e) {
            throw new Http.Refusal(400, "range " + e.getMessage());
        }
        if (range.isZero() || range.compareTo(rangeMax) > 0) throw new Http.Refusal(400, "range must be between 1ms and 366d");
        Instant to = clock.instant();
        ArrayNode counts = Http.JSON.createArrayNode();
        for (EventStore.RuleCount count : store.alertCounts(to.minus(range), to.plusMillis(1))) {
            counts.addObject().put("rule_id", count.ruleId()).put("count", count.count());
        }
        Http.json(exchange, 200, counts);
    }

    /** POST /api/audit/alerts/items/{id}/acknowledge and /close. */
    private void alertAction(HttpExchange exchange) throws IOException, Http.Refusal {
        String path = exchange.getRequestURI().getPath();
        String prefix = "/api/audit/alerts/items/";
        int slash = path.lastIndexOf('/');
        if (!path.startsWith(prefix) || slash <= prefix.length()) throw new Http.Refusal(404, "no such resource");
        String id = path.substring(prefix.length(), slash);
        String action = path.substring(slash + 1);
        try {
            Alert alert = switch (action) {
                case "acknowledge" -> alerts.acknowledge(id);
                case "close" -> alerts.close(id);
                default -> throw new Http.Refusal(404, "action must be acknowledge or close");
            };
            Http.json(exchange, 200, AlertJson.write(alert));
        } catch (NoSuchElementException e) {
            throw new Http.Refusal(404, e.getMessage());
        } catch (IllegalStateException e) {
            throw new Http.Refusal(409, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- rules and health

    private void rules(HttpExchange exchange) throws IOException {
        ObjectNode answer = Http.JSON.createObjectNode();
        answer.put("sources", String.join(", ", reloader.sources()));
        answer.put("loaded_at", reloader.loadedAt().toString());
        if (reloader.lastError() != null) answer.put("last_reload_error", reloader.lastError());
        ArrayNode rules = answer.putArray("rules");
        for (RuleEngine.RuleStats stats : pipeline.ruleStats()) {
            var definition = pipeline.rules().rule(stats.id()).definition();
            ObjectNode rule = rules.addObject().put("id", stats.id()).put("severity", definition.severity().wireName())
                    .put("enabled", definition.enabled()).put("hits", stats.hits()).put("alerts", stats.firings())
                    .put("suppressed", stats.suppressed()).put("errors", stats.errors()).put("window_keys", stats.windowKeys());
            ArrayNode tags = rule.putArray("tags");
            definition.tags().forEach(tags::add);
        }
        Http.json(exchange, 200, answer);
    }

    private void health(HttpExchange exchange) throws IOException {
        ObjectNode answer = Http.JSON.createObjectNode().put("status", "UP").put("pending_events", ingest.pendingEvents())
                .put("processed_events", ingest.processed()).put("committed_seq", ingest.committedSeq());
        Http.json(exchange, 200, answer);
    }
}
