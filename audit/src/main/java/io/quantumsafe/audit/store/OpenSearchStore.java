package io.quantumsafe.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.EventSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store at scale: OpenSearch (or Elasticsearch) through its REST API, daily indices
 * {@code pqc-logs-YYYY.MM.DD} from an index template, documents written with the bulk API by event
 * id (so a replayed or re-delivered event overwrites itself). A bulk that fails as a whole, or the
 * items refused with 429/503, are retried with exponential back-off; an acknowledged bulk is
 * durable (OpenSearch fsyncs its translog per request by default), so {@link #commit} has nothing to do.
 * Unknown event fields are kept in {@code _source} but not indexed, so producers cannot explode the mapping.
 */
public final class OpenSearchStore implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(OpenSearchStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration requestTimeout = Duration.ofSeconds(30);
    static final int attemptsMax = 6;
    static final Duration backoffBase = Duration.ofMillis(200);
    static final String textField = "search_text";

    private final URI base;
    private final Duration retention;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LongAdder refusedDocuments = new LongAdder();

    public OpenSearchStore(URI base, Duration retention) throws IOException {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.retention = retention;
        putTemplate();
    }

    private void putTemplate() throws IOException {
        ObjectNode template = JSON.createObjectNode();
        template.putArray("index_patterns").add(DailyIndexNames.prefix + "*");
        ObjectNode body = template.putObject("template");
        body.putObject("settings").put("number_of_shards", 1).put("refresh_interval", "1s");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", false);
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(EventSchema.TIMESTAMP).put("type", "date");
        properties.putObject(EventSchema.DURATION_MS).put("type", "double");
        properties.putObject(EventSchema.PAYLOAD_SIZE).put("type", "long");
        properties.putObject(EventSchema.AMOUNT).put("type", "double");
        for (String keyword : EventSchema.keywordFields) properties.putObject(keyword).put("type", "keyword");
        properties.putObject("rules").put("type", "keyword");
        properties.putObject("alerts").put("type", "keyword");
        properties.putObject("error").put("type", "text");
        properties.putObject(textField).put("type", "text");
        request("PUT", "_index_template/pqc-logs", JSON.writeValueAsBytes(template), "application/json");
    }

    @Override
    public void add(List<StoredEvent> events) throws IOException {
        if (events.isEmpty()) return;
        List<StoredEvent> pending = events;
        for (int attempt = 1; ; attempt++) {
            JsonNode answer = request("POST", "_bulk", bulkBody(pending), "application/x-ndjson");
            if (!answer.path("errors").asBoolean()) return;
            List<StoredEvent> retry = new ArrayList<>();
            Iterator<JsonNode> items = answer.path("items").elements();
            for (StoredEvent event : pending) {
                JsonNode result = items.next().path("index");
                int status = result.path("status").asInt();
                if (status == 429 || status == 503) retry.add(event);
                else if (status / 100 != 2) {
                    refusedDocuments.increment();
                    log.error("OpenSearch refused event {}: {}", event.id(), result.path("error"));
                }
            }
            if (retry.isEmpty()) return;
            if (attempt == attemptsMax) throw new IOException(retry.size() + " events still refused after " + attemptsMax + " attempts");
            pause(attempt);
            pending = retry;
        }
    }

    private static byte[] bulkBody(List<StoredEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
        for (StoredEvent stored : events) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_index", DailyIndexNames.of(stored.event().timestamp())).put("_id", stored.id());
            out.write(JSON.writeValueAsBytes(action));
            out.write('\n');
            ObjectNode document = stored.event().fields().deepCopy();
            ArrayNode rules = document.putArray("rules");
            stored.ruleHits().forEach(rules::add);
            ArrayNode alerts = document.putArray("alerts");
            stored.alertRules().forEach(alerts::add);
            StringBuilder text = new StringBuilder();
            stored.event().fields().properties().forEach(field -> {
                if (field.getValue().isTextual() && !field.getKey().equals(EventSchema.TIMESTAMP)) {
                    text.append(field.getValue().textValue()).append(' ');
                }
            });
            document.put(textField, text.toString());
            out.write(JSON.writeValueAsBytes(document));
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Override
    public void commit(long walSeq) {
        // Each acknowledged bulk request is already durable in OpenSearch's translog.
    }

    /** Makes recent writes searchable now instead of within the 1 s refresh interval (tests, demos). */
    public void refresh() throws IOException {
        request("POST", DailyIndexNames.prefix + "*/_refresh", new byte[0], "application/json");
    }

    @Override
    public Page search(EventQuery query) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", query.offset()).put("size", query.limit()).put("track_total_hits", true);
        body.putArray("sort").addObject().putObject(EventSchema.TIMESTAMP).put("order", "desc");
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        for (Map.Entry<String, String> field : query.fields().entrySet()) {
            filters.addObject().putObject("term").put(field.getKey(), field.getValue());
        }
        if (query.rule() != null) filters.addObject().putObject("term").put("rules", query.rule());
        if (query.alert() != null) filters.addObject().putObject("term").put("alerts", query.alert());
        if (query.from() != null || query.to() != null) filters.add(range(query.from(), query.to()));
        if (query.text() != null && !query.text().isBlank()) {
            filters.addObject().putObject("match").putObject(textField).put("query", query.text()).put("operator", "and");
        }
        JsonNode answer = request("POST", DailyIndexNames.prefix + "*/_search?ignore_unavailable=true&allow_no_indices=true",
                JSON.writeValueAsBytes(body), "application/json");
        List<ObjectNode> events = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            ObjectNode source = (ObjectNode) hit.path("_source");
            source.remove(textField);
            source.put("_id", hit.path("_id").asText());
            events.add(source);
        }
        return new Page(answer.path("hits").path("total").path("value").asLong(), events);
    }

    private static ObjectNode range(Instant from, Instant to) {
        ObjectNode range = JSON.createObjectNode();
        ObjectNode timestamp = range.putObject("range").putObject(EventSchema.TIMESTAMP);
        if (from != null) timestamp.put("gte", from.toString());
        if (to != null) timestamp.put("lt", to.toString());
        return range;
    }

    @Override
    public List<RuleCount> alertCounts(Instant from, Instant to) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.putObject("query").putObject("bool").putArray("filter").add(range(from, to));
        body.putObject("aggs").putObject("by_rule").putObject("terms").put("field", "alerts").put("size", 1000);
        JsonNode answer = request("POST", DailyIndexNames.prefix + "*/_search?ignore_unavailable=true&allow_no_indices=true",
                JSON.writeValueAsBytes(body), "application/json");
        List<RuleCount> counts = new ArrayList<>();
        for (JsonNode bucket : answer.path("aggregations").path("by_rule").path("buckets")) {
            counts.add(new RuleCount(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
        }
        return counts;
    }

    @Override
    public int applyRetention(Instant now) throws IOException {
        LocalDate oldestKept = DailyIndexNames.utcDate(now.minus(retention));
        JsonNode indices = request("GET", "_cat/indices/" + DailyIndexNames.prefix + "*?format=json&h=index", null, null);
        int deleted = 0;
        for (JsonNode index : indices) {
            String name = index.path("index").asText();
            var day = DailyIndexNames.day(name);
            if (day.isPresent() && day.get().isBefore(oldestKept)) {
                request("DELETE", name, null, null);
                deleted++;
            }
        }
        return deleted;
    }

    public long refusedDocuments() { return refusedDocuments.sum(); }

    /** One REST call, retried with back-off on connection errors, 429 and 5xx. */
    JsonNode request(String method, String path, byte[] body, String contentType) throws IOException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout);
            if (contentType != null) builder.header("Content-Type", contentType);
            builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            String failure;
            try {
                HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
                String text = new String(response.body(), StandardCharsets.UTF_8);
                failure = method + " " + path + " answered " + status + ": " + (text.length() > 300 ? text.substring(0, 300) : text);
                if (status != 429 && status / 100 != 5) throw new IOException(failure);
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                failure = method + " " + path + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (attempt == attemptsMax) throw new IOException("OpenSearch unavailable after " + attemptsMax + " attempts: " + failure);
            pause(attempt);
        }
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(backoffBase.toMillis() << Math.min(attempt - 1, 6)); // back-off between retries, not a race
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
