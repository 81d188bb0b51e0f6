package io.quantumsafe.audit.report;

import io.quantumsafe.audit.inventory.CryptoInventory;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as one CSV (commons-csv, RFC 4180): a {@code section} column says which part a row
 * belongs to, so a spreadsheet can filter by it: summary, alerts, anomaly, control, evidence,
 * inventory. Columns: section, name, value, detail1..detail4.
 */
public final class CsvReport {
    private CsvReport() {}

    public static final String[] HEADER = {"section", "name", "value", "detail1", "detail2", "detail3", "detail4"};

    public static String render(ReportData data) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            csv.printRecord("summary", "from", data.from(), "", "", "", "");
            csv.printRecord("summary", "to", data.to(), "", "", "", "");
            csv.printRecord("summary", "generated_at", data.generatedAt(), "", "", "", "");
            csv.printRecord("summary", "events", data.eventsScanned(), data.truncated() ? "truncated" : "", "", "", "");
            csv.printRecord("summary", "alerts", data.alertsTotal(), "", "", "", "");
            for (Map.Entry<String, Long> severity : data.alertsBySeverity().entrySet()) {
                csv.printRecord("summary", "alerts_" + severity.getKey(), severity.getValue(), "", "", "", "");
            }
            csv.printRecord("summary", "anomalies", data.anomaliesTotal(), "", "", "", "");
            for (ReportData.RuleAlerts rule : data.alertsByRule()) {
                csv.printRecord("alerts", rule.ruleId(), rule.count(), rule.severity(), rule.description(), "", "");
            }
            for (ReportData.Anomaly anomaly : data.anomalies()) {
                csv.printRecord("anomaly", anomaly.eventId(), anomaly.grade(), anomaly.timestamp(), anomaly.component(),
                        anomaly.clientId(), anomaly.explanation());
            }
            for (ReportData.Control control : data.compliance()) {
                long alerts = control.rules().stream().mapToLong(ReportData.RuleAlerts::count).sum();
                csv.printRecord("control", control.control(), control.status().wireName(), alerts,
                        String.join(" ", control.rules().stream().map(ReportData.RuleAlerts::ruleId).toList()), control.framework(), "");
                for (ReportData.Evidence evidence : control.evidence()) {
                    csv.printRecord("evidence", control.control(), evidence.alertId(), evidence.ruleId(), evidence.eventId(),
                            evidence.state(), evidence.summary());
                }
            }
            for (CryptoInventory.Entry entry : data.inventory().entries()) {
                String dates = entry.status().deprecatedAfter() == null ? ""
                        : "deprecated after " + entry.status().deprecatedAfter() + "; disallowed after " + entry.status().disallowedAfter();
                csv.printRecord("inventory", entry.component() + "/" + entry.name(), entry.events(), entry.status().wireName(),
                        String.join(" ", entry.clients()), String.join(" ", entry.keyIds()), dates);
            }
        }
        return out.toString();
    }
}
