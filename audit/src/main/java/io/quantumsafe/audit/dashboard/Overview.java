package io.quantumsafe.audit.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.alert.Alert;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.store.EventScan;
import io.quantumsafe.audit.store.EventStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the overview page shows for a range: alert counts by rule (the store's exact counts),
 * alerts over time by severity (the alert manager's kept alerts), and events over time with the
 * top clients and components from the newest {@link #sampleEventsMax} events of the range, so
 * that a refresh every few seconds stays cheap at any volume (the page says when it sampled).
 */
public final class Overview {
    public static final int sampleEventsMax = 20_000;
    public static final int buckets = 48;
    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    private final EventStore store;
    private final AlertManager alerts;
    private final Supplier<RuleSet> rules;

    public Overview(EventStore store, AlertManager alerts, Supplier<RuleSet> rules) {
        this.store = store;
        this.alerts = alerts;
        this.rules = rules;
    }

    public ObjectNode compute(Instant from, Instant to) throws IOException {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("from", from.toString()).put("to", to.toString());
        long bucketMillis = Math.max(1000, Duration.between(from, to).toMillis() / buckets);
        answer.put("bucket_seconds", bucketMillis / 1000.0);
        RuleSet ruleSet = rules.get();
        ArrayNode byRule = answer.putArray("alerts_by_rule");
        for (EventStore.RuleCount count : store.alertCounts(from, to)) {
            byRule.addObject().put("rule_id", count.ruleId()).put("count", count.count())
                    .put("severity", io.quantumsafe.audit.report.ReportBuilder.severityOf(ruleSet, count.ruleId()));
        }
        int bucketCount = (int) Math.min(buckets + 1, Duration.between(from, to).toMillis() / bucketMillis + 1);
        long[][] alertBuckets = new long[bucketCount][SEVERITIES.size()];
        for (Alert alert : alerts.list(null, Integer.MAX_VALUE)) {
            Instant at = alert.eventTime();
            if (at == null || at.isBefore(from) || !at.isBefore(to)) continue;
            int severity = Math.max(0, SEVERITIES.indexOf(alert.severity()));
            alertBuckets[bucket(from, at, bucketMillis, bucketCount)][severity]++;
        }
        ArrayNode alertSeries = answer.putArray("alerts_over_time");
        for (int i = 0; i < bucketCount; i++) {
            ObjectNode point = alertSeries.addObject().put("start", from.plusMillis(i * bucketMillis).toString());
            for (int s = 0; s < SEVERITIES.size(); s++) point.put(SEVERITIES.get(s), alertBuckets[i][s]);
        }
        long[] eventBuckets = new long[bucketCount];
        Map<String, Long> clients = new HashMap<>();
        Map<String, Long> components = new HashMap<>();
        EventScan.Outcome sample = EventScan.scan(store, from, to, sampleEventsMax, event -> {
            try {
                eventBuckets[bucket(from, java.time.OffsetDateTime.parse(event.path("timestamp").asText()).toInstant(), bucketMillis, bucketCount)]++;
            } catch (RuntimeException ignored) {
                // A stored event always has a valid timestamp; nothing to count otherwise.
            }
            clients.merge(event.path("client_id").asText(""), 1L, Long::sum);
            components.merge(event.path("component").asText(""), 1L, Long::sum);
        });
        answer.putObject("sample").put("events", sample.events()).put("truncated", sample.truncated());
        ArrayNode eventSeries = answer.putArray("events_over_time");
        for (int i = 0; i < bucketCount; i++) {
            eventSeries.addObject().put("start", from.plusMillis(i * bucketMillis).toString()).put("count", eventBuckets[i])
                    .put("per_second", eventBuckets[i] * 1000.0 / bucketMillis);
        }
        top(answer.putArray("top_clients"), clients);
        top(answer.putArray("top_components"), components);
        return answer;
    }

    private static int bucket(Instant from, Instant at, long bucketMillis, int bucketCount) {
        long index = Duration.between(from, at).toMillis() / bucketMillis;
        return (int) Math.max(0, Math.min(bucketCount - 1, index));
    }

    private static void top(ArrayNode target, Map<String, Long> counts) {
        counts.entrySet().stream().filter(entry -> !entry.getKey().isEmpty())
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).limit(10)
                .forEach(entry -> target.addObject().put("name", entry.getKey()).put("count", entry.getValue()));
    }
}
