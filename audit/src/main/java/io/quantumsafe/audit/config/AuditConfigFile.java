package io.quantumsafe.audit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quantumsafe.audit.rules.Durations;
import io.quantumsafe.audit.rules.Severity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the YAML configuration of {@code qsafe audit}: the same names as the command's flags, plus
 * {@code kafka:}, {@code alerts:} and {@code anomaly:} sections. Unknown keys are errors, so a typo is not silently ignored.
 * Secrets are not written in the file: an email sink names an environment variable ({@code password-env}).
 */
public final class AuditConfigFile {
    private AuditConfigFile() {}

    private static final Set<String> KEYS = Set.of("listen", "data-dir", "rules", "rules-reload-interval", "retention",
            "body-bytes-max", "events-per-request-max", "pending-events-max", "commit-interval", "store", "opensearch-url",
            "kafka", "alerts", "reports", "anomaly");

    public static AuditConfig read(Path file, AuditConfig defaults) throws IOException {
        if (Files.size(file) > 1 << 20) throw new IOException(file + " is larger than 1 MiB");
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + " is not a YAML mapping");
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) throw new IllegalArgumentException(file + ": unknown key '" + name + "'; known: " + KEYS);
        }
        AuditConfig config = defaults;
        if (root.has("listen")) config = config.withListen(address(root.get("listen").asText()));
        if (root.has("rules")) config = config.withRules(strings(root.get("rules")));
        config = config.withLimits(root.path("body-bytes-max").asInt(config.bodyBytesMax()),
                root.path("events-per-request-max").asInt(config.eventsPerRequestMax()),
                root.path("pending-events-max").asInt(config.pendingEventsMax()),
                root.has("commit-interval") ? Durations.parse(root.get("commit-interval").asText()) : config.commitInterval(),
                root.has("rules-reload-interval") ? Durations.parse(root.get("rules-reload-interval").asText())
                        : config.rulesReloadInterval());
        if (root.has("retention")) config = config.withRetention(Durations.parse(root.get("retention").asText()));
        if (root.has("store")) config = config.withStore(root.get("store").asText(), root.path("opensearch-url").asText(null));
        JsonNode kafka = root.path("kafka");
        if (kafka.isObject()) {
            config = config.withKafka(kafka.path("bootstrap").asText(null), kafka.path("topic").asText(config.kafkaTopic()),
                    kafka.path("group").asText(config.kafkaGroup()));
        }
        if (root.has("alerts")) config = config.withAlerts(alerts(root.get("alerts")));
        if (root.has("anomaly")) config = config.withAnomaly(AnomalyConfig.read(root.get("anomaly"), config.anomaly()));
        if (root.has("data-dir")) {
            Path data = Path.of(root.get("data-dir").asText());
            config = new AuditConfig(config.listen(), data, config.rules(), config.rulesReloadInterval(), config.retention(),
                    config.bodyBytesMax(), config.eventsPerRequestMax(), config.pendingEventsMax(), config.commitInterval(),
                    config.store(), config.openSearchUrl(), config.kafkaBootstrap(), config.kafkaTopic(), config.kafkaGroup(),
                    config.alerts(), config.anomaly());
        }
        return config;
    }

    /**
     * The {@code reports:} section (scheduled reports), or null when the file has none. Read apart
     * from {@link #read} so the service's settings record stays as it is; relative directories are
     * under {@code dataDirectory}.
     */
    public static io.quantumsafe.audit.report.ReportSchedule reports(Path file, Path dataDirectory) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        if (root == null || !root.has("reports")) return null;
        return io.quantumsafe.audit.report.ReportSchedule.fromYaml(root.get("reports"), dataDirectory);
    }

    private static List<AlertSinkConfig> alerts(JsonNode list) {
        if (!list.isArray()) throw new IllegalArgumentException("alerts must be a list of sinks");
        List<AlertSinkConfig> sinks = new ArrayList<>();
        for (JsonNode sink : list) {
            String type = sink.path("type").asText();
            String name = sink.path("name").asText(type + "-" + (sinks.size() + 1));
            String passwordEnv = sink.path("password-env").asText(null);
            String password = passwordEnv == null ? null : System.getenv(passwordEnv);
            if (passwordEnv != null && password == null) {
                throw new IllegalArgumentException("alert sink " + name + ": environment variable " + passwordEnv + " is not set");
            }
            sinks.add(new AlertSinkConfig(type, name, sink.path("url").asText(null), sink.path("smtp-host").asText(null),
                    sink.path("smtp-port").asInt(25), sink.path("from").asText(null), strings(sink.path("to")),
                    sink.path("starttls").asBoolean(false), sink.path("username").asText(null), password,
                    sink.path("per-minute").asInt(60), sink.path("burst").asInt(10),
                    Severity.parse(sink.path("min-severity").asText("info"))));
        }
        return sinks;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) node.forEach(item -> values.add(item.asText()));
        else if (!node.isMissingNode() && !node.isNull()) values.add(node.asText());
        return values;
    }

    public static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
    }
}
