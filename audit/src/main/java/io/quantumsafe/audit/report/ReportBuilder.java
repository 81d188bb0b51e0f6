package io.quantumsafe.audit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.alert.Alert;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.inventory.CryptoInventory;
import io.quantumsafe.audit.rules.CompiledRule;
import io.quantumsafe.audit.rules.RuleDefinition;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.store.EventScan;
import io.quantumsafe.audit.store.EventStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Computes a {@link ReportData} for a range from the public sources: events read from the store,
 * alert counts from the store, alert details (evidence) from the alert manager, rules and their
 * compliance tags from the loaded rule set.
 */
public final class ReportBuilder {
    /** Events read per report; a bank's day at 10K events/s is far more, so the report says when it stopped. */
    public static final long eventsScannedDefault = 1_000_000;
    public static final int anomaliesMax = 1_000;
    public static final int evidencePerControlMax = 20;
    public static final int topMax = 10;
    static final String[] SEVERITIES = {"critical", "high", "medium", "low", "info"};

    private final EventStore store;
    private final AlertManager alerts;
    private final Supplier<RuleSet> rules;
    private final long eventsScannedMax;

    public ReportBuilder(EventStore store, AlertManager alerts, Supplier<RuleSet> rules, long eventsScannedMax) {
        this.store = store;
        this.alerts = alerts;
        this.rules = rules;
        this.eventsScannedMax = eventsScannedMax;
    }

    public ReportData build(Instant from, Instant to, Instant now) throws IOException {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
        RuleSet ruleSet = rules.get();
        Map<String, Long> byClient = new HashMap<>();
        Map<String, Long> byComponent = new HashMap<>();
        CryptoInventory inventory = new CryptoInventory();
        List<ReportData.Anomaly> anomalies = new ArrayList<>();
        long[] anomaliesTotal = {0};
        EventScan.Outcome scan = EventScan.scan(store, from, to, eventsScannedMax, event -> {
            count(byClient, event.path("client_id").asText(""));
            count(byComponent, event.path("component").asText(""));
            inventory.add(event);
            if (event.path("anomaly_grade").asDouble(0) > 0) {
                anomaliesTotal[0]++;
                if (anomalies.size() < anomaliesMax) anomalies.add(anomaly(event));
            }
        });
        List<ReportData.RuleAlerts> byRule = new ArrayList<>();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (String severity : SEVERITIES) bySeverity.put(severity, 0L);
        for (EventStore.RuleCount count : store.alertCounts(from, to)) {
            ReportData.RuleAlerts ruleAlerts = ruleAlerts(ruleSet, count.ruleId(), count.count());
            byRule.add(ruleAlerts);
            bySeverity.merge(ruleAlerts.severity(), count.count(), Long::sum);
        }
        byRule.sort(Comparator.comparingLong(ReportData.RuleAlerts::count).reversed().thenComparing(ReportData.RuleAlerts::ruleId));
        return new ReportData(from, to, now, scan.events(), scan.truncated(), List.copyOf(byRule), bySeverity, top(byClient),
                top(byComponent), List.copyOf(anomalies), anomaliesTotal[0], compliance(ruleSet, byRule, from, to),
                inventory.snapshot());
    }

    /** Controls are the rules' compliance tags ({@code pci-dss:3.6}); failing if any of its rules alerted in the range. */
    List<ReportData.Control> compliance(RuleSet ruleSet, List<ReportData.RuleAlerts> byRule, Instant from, Instant to) {
        Map<String, Long> counts = new HashMap<>();
        byRule.forEach(rule -> counts.put(rule.ruleId(), rule.count()));
        Map<String, List<RuleDefinition>> controls = new TreeMap<>();
        for (CompiledRule rule : ruleSet.rules()) {
            for (String tag : rule.definition().tags()) controls.computeIfAbsent(tag, key -> new ArrayList<>()).add(rule.definition());
        }
        Map<String, List<Alert>> alertsByRule = new HashMap<>();
        for (Alert alert : alerts.list(null, Integer.MAX_VALUE)) {
            if (alert.eventTime() == null || alert.eventTime().isBefore(from) || !alert.eventTime().isBefore(to)) continue;
            alertsByRule.computeIfAbsent(alert.ruleId(), key -> new ArrayList<>()).add(alert);
        }
        List<ReportData.Control> result = new ArrayList<>();
        for (Map.Entry<String, List<RuleDefinition>> control : controls.entrySet()) {
            List<ReportData.RuleAlerts> controlRules = new ArrayList<>();
            List<ReportData.Evidence> evidence = new ArrayList<>();
            long failures = 0;
            for (RuleDefinition rule : control.getValue()) {
                long count = counts.getOrDefault(rule.id(), 0L);
                failures += count;
                controlRules.add(new ReportData.RuleAlerts(rule.id(), rule.severity().wireName(), rule.description(), count));
                for (Alert alert : alertsByRule.getOrDefault(rule.id(), List.of())) {
                    if (evidence.size() == evidencePerControlMax) break;
                    evidence.add(new ReportData.Evidence(alert.id(), alert.ruleId(), alert.eventId(), alert.eventTime(),
                            alert.state().wireName(), summary(alert.event())));
                }
            }
            String tag = control.getKey();
            int colon = tag.indexOf(':');
            result.add(new ReportData.Control(tag, colon < 0 ? tag : tag.substring(0, colon),
                    failures > 0 ? ReportData.ControlStatus.FAILING : ReportData.ControlStatus.PASSING, List.copyOf(controlRules),
                    List.copyOf(evidence)));
        }
        return List.copyOf(result);
    }

    private static ReportData.RuleAlerts ruleAlerts(RuleSet ruleSet, String ruleId, long count) {
        CompiledRule rule = ruleSet.rule(ruleId);
        String description = rule == null ? "" : rule.definition().description();
        return new ReportData.RuleAlerts(ruleId, severityOf(ruleSet, ruleId), description, count);
    }

    /**
     * A rule's severity from its definition; anomaly alerts ({@code anomaly.streaming}, {@code anomaly.batch})
     * and rules removed since have none, so they count as high and medium.
     */
    public static String severityOf(RuleSet ruleSet, String ruleId) {
        CompiledRule rule = ruleSet.rule(ruleId);
        if (rule != null) return rule.definition().severity().wireName();
        return ruleId.startsWith("anomaly.") ? "high" : "medium";
    }

    static String summary(JsonNode event) {
        if (event == null) return "";
        return event.path("timestamp").asText("") + " " + event.path("component").asText("") + " "
                + event.path("operation").asText("") + " " + event.path("algorithm").asText("") + " by "
                + event.path("client_id").asText("") + " (" + event.path("status").asText("") + ")";
    }

    private static ReportData.Anomaly anomaly(ObjectNode event) {
        Instant at;
        try {
            at = java.time.OffsetDateTime.parse(event.path("timestamp").asText()).toInstant();
        } catch (RuntimeException e) {
            at = null;
        }
        return new ReportData.Anomaly(event.path("_id").asText(""), at, event.path("component").asText(""),
                event.path("client_id").asText(""), event.path("operation").asText(""), event.path("anomaly_score").asDouble(0),
                event.path("anomaly_grade").asDouble(0), event.path("anomaly_explanation").asText(""));
    }

    private static void count(Map<String, Long> counts, String name) {
        if (name.isEmpty()) return;
        // Bounded: past 100,000 distinct names, new ones are not counted (tops stay right for heavy hitters).
        if (counts.size() >= 100_000 && !counts.containsKey(name)) return;
        counts.merge(name, 1L, Long::sum);
    }

    private static List<ReportData.Named> top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(topMax).map(entry -> new ReportData.Named(entry.getKey(), entry.getValue())).toList();
    }
}
