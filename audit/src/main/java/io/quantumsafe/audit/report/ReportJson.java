package io.quantumsafe.audit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.inventory.CryptoInventory;
import java.util.Collection;

/** The JSON shapes of the compliance, inventory and anomalies views (and the report as JSON). */
public final class ReportJson {
    private ReportJson() {}

    public static ObjectNode compliance(ReportData data) {
        ObjectNode answer = range(data);
        ArrayNode controls = answer.putArray("controls");
        for (ReportData.Control control : data.compliance()) {
            ObjectNode node = controls.addObject().put("control", control.control()).put("framework", control.framework())
                    .put("status", control.status().wireName());
            ArrayNode rules = node.putArray("rules");
            for (ReportData.RuleAlerts rule : control.rules()) rules.add(ruleAlerts(rule));
            ArrayNode evidence = node.putArray("evidence");
            for (ReportData.Evidence item : control.evidence()) {
                evidence.addObject().put("alert_id", item.alertId()).put("rule_id", item.ruleId()).put("event_id", item.eventId())
                        .put("event_time", String.valueOf(item.eventTime())).put("state", item.state()).put("summary", item.summary());
            }
        }
        return answer;
    }

    public static ObjectNode inventory(ReportData data) {
        ObjectNode answer = range(data);
        CryptoInventory.Snapshot inventory = data.inventory();
        answer.put("events", inventory.events()).put("dropped", inventory.dropped()).put("flagged", inventory.flagged());
        ArrayNode entries = answer.putArray("entries");
        for (CryptoInventory.Entry entry : inventory.entries()) {
            ObjectNode node = entries.addObject().put("component", entry.component()).put("name", entry.name())
                    .put("kind", entry.kind().name().toLowerCase(java.util.Locale.ROOT)).put("status", entry.status().wireName())
                    .put("flagged", entry.status().flagged()).put("events", entry.events())
                    .put("first_seen", String.valueOf(entry.firstSeen())).put("last_seen", String.valueOf(entry.lastSeen()));
            if (entry.status().deprecatedAfter() != null) {
                node.put("nist_ir_8547_deprecated_after", entry.status().deprecatedAfter().toString())
                        .put("nist_ir_8547_disallowed_after", entry.status().disallowedAfter().toString());
            }
            strings(node.putArray("clients"), entry.clients());
            strings(node.putArray("key_ids"), entry.keyIds());
            strings(node.putArray("operations"), entry.operations());
        }
        ArrayNode keys = answer.putArray("keys");
        for (CryptoInventory.Key key : inventory.keys()) {
            ObjectNode node = keys.addObject().put("key_id", key.keyId()).put("algorithm", key.algorithm())
                    .put("status", key.status().wireName()).put("events", key.events());
            strings(node.putArray("components"), key.components());
        }
        return answer;
    }

    public static ObjectNode anomalies(ReportData data) {
        ObjectNode answer = range(data);
        answer.put("total", data.anomaliesTotal());
        ArrayNode list = answer.putArray("anomalies");
        for (ReportData.Anomaly anomaly : data.anomalies()) {
            list.addObject().put("event_id", anomaly.eventId()).put("timestamp", String.valueOf(anomaly.timestamp()))
                    .put("component", anomaly.component()).put("client_id", anomaly.clientId()).put("operation", anomaly.operation())
                    .put("score", anomaly.score()).put("grade", anomaly.grade()).put("explanation", anomaly.explanation());
        }
        return answer;
    }

    public static ObjectNode report(ReportData data) {
        ObjectNode answer = range(data);
        answer.put("alerts", data.alertsTotal());
        ArrayNode byRule = answer.putArray("alerts_by_rule");
        data.alertsByRule().forEach(rule -> byRule.add(ruleAlerts(rule)));
        ObjectNode bySeverity = answer.putObject("alerts_by_severity");
        data.alertsBySeverity().forEach(bySeverity::put);
        answer.set("anomalies", anomalies(data).get("anomalies"));
        answer.set("compliance", compliance(data).get("controls"));
        answer.set("inventory", inventory(data).get("entries"));
        return answer;
    }

    private static ObjectNode range(ReportData data) {
        return JsonNodeFactory.instance.objectNode().put("from", data.from().toString()).put("to", data.to().toString())
                .put("generated_at", data.generatedAt().toString()).put("events_scanned", data.eventsScanned())
                .put("truncated", data.truncated());
    }

    private static ObjectNode ruleAlerts(ReportData.RuleAlerts rule) {
        return JsonNodeFactory.instance.objectNode().put("rule_id", rule.ruleId()).put("severity", rule.severity())
                .put("description", rule.description()).put("count", rule.count());
    }

    private static void strings(ArrayNode target, Collection<String> values) { values.forEach(target::add); }
}
