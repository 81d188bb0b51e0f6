package io.quantumsafe.audit.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.audit.rules.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code reports:} section of the audit configuration:
 * <pre>
 * reports:
 *   schedule: "0 6 * * *"   # cron, UTC
 *   range: 24h              # each report covers the range ending when it runs
 *   formats: [pdf, csv]
 *   directory: reports      # relative to data-dir unless absolute
 *   email: true             # also send through every configured email alert sink
 * </pre>
 */
public record ReportSchedule(Cron cron, Duration range, List<String> formats, Path directory, boolean email) {
    private static final Set<String> KEYS = Set.of("schedule", "range", "formats", "directory", "email");
    static final Duration rangeMax = Duration.ofDays(366);

    public ReportSchedule {
        formats = List.copyOf(formats);
        if (formats.isEmpty() || !Set.of("pdf", "csv").containsAll(formats)) {
            throw new IllegalArgumentException("reports.formats must be a list of pdf and/or csv, got " + formats);
        }
        if (range.isZero() || range.isNegative() || range.compareTo(rangeMax) > 0) {
            throw new IllegalArgumentException("reports.range must be between 1ms and 366d");
        }
    }

    public static ReportSchedule fromYaml(JsonNode node, Path dataDirectory) {
        if (!node.isObject()) throw new IllegalArgumentException("reports must be a mapping with schedule, range, formats, directory, email");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) throw new IllegalArgumentException("reports: unknown key '" + name + "'; known: " + KEYS);
        }
        if (!node.hasNonNull("schedule")) throw new IllegalArgumentException("reports.schedule (a cron expression) is required");
        Cron cron;
        try {
            cron = Cron.parse(node.get("schedule").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reports.schedule: " + e.getMessage(), e);
        }
        List<String> formats = new ArrayList<>();
        if (node.has("formats")) node.get("formats").forEach(format -> formats.add(format.asText()));
        else formats.add("pdf");
        Path directory = Path.of(node.path("directory").asText("reports"));
        if (!directory.isAbsolute()) directory = dataDirectory.resolve(directory);
        return new ReportSchedule(cron, Durations.parse(node.path("range").asText("24h")), formats, directory,
                node.path("email").asBoolean(false));
    }
}
