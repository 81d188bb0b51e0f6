package io.quantumsafe.audit.report;

import io.quantumsafe.audit.inventory.CryptoInventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows for [from, to), computed once and rendered as JSON, PDF or CSV.
 *
 * @param eventsScanned events of the range read from the store
 * @param truncated true when the scan stopped at its bound: counts below are then of the newest events
 */
public record ReportData(Instant from, Instant to, Instant generatedAt, long eventsScanned, boolean truncated,
                         List<RuleAlerts> alertsByRule, Map<String, Long> alertsBySeverity, List<Named> topClients,
                         List<Named> topComponents, List<Anomaly> anomalies, long anomaliesTotal, List<Control> compliance,
                         CryptoInventory.Snapshot inventory) {

    /** Alerts of one rule in the range (counted in the store), with the rule's severity and description. */
    public record RuleAlerts(String ruleId, String severity, String description, long count) {}

    public record Named(String name, long count) {}

    /** An event the anomaly stage graded above 0 (fields {@code anomaly_*}, see the anomaly package). */
    public record Anomaly(String eventId, Instant timestamp, String component, String clientId, String operation,
                          double score, double grade, String explanation) {}

    public enum ControlStatus {
        PASSING, FAILING;

        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** One compliance control (a rule tag such as {@code pci-dss:3.6}) and the rules that check it. */
    public record Control(String control, String framework, ControlStatus status, List<RuleAlerts> rules, List<Evidence> evidence) {}

    /** An alert that makes a control fail, and the event behind it. */
    public record Evidence(String alertId, String ruleId, String eventId, Instant eventTime, String state, String summary) {}

    public long alertsTotal() { return alertsByRule.stream().mapToLong(RuleAlerts::count).sum(); }
}
