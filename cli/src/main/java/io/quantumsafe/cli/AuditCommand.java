package io.quantumsafe.cli;

import io.quantumsafe.audit.config.AlertSinkConfig;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.config.AuditConfigFile;
import io.quantumsafe.audit.rules.Durations;
import io.quantumsafe.audit.rules.Severity;
import io.quantumsafe.audit.server.AuditService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audit Lite: HTTP (and optionally Kafka) ingestion behind a write-ahead log, YAML + CEL rules,",
                "embedded Lucene (or OpenSearch) store, alerts to webhooks, Slack and email. Settings come from flags or a",
                "YAML file (--config) with the same names plus 'kafka:' and 'alerts:' sections; flags win. See audit/README.md."})
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration.")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "HTTP API (default 127.0.0.1:9400).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Write-ahead log, indices and alert outbox (default ./audit-data).")
    Path dataDir;

    @Option(names = "--rules", paramLabel = "FILE|pack:NAME", split = ",",
            description = "Rules files and shipped packs (default pack:crypto-misuse,pack:compliance); reloaded on change.")
    List<String> rules;

    @Option(names = "--retention", paramLabel = "DURATION", description = "Keep daily indices this long (default 30d).")
    String retention;

    @Option(names = "--store", paramLabel = "KIND", description = "lucene (default) or opensearch.")
    String store;

    @Option(names = "--opensearch-url", paramLabel = "URL", description = "OpenSearch base URL for --store opensearch.")
    String openSearchUrl;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", description = "Also consume from Kafka.")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC", description = "Default pqc-logs.")
    String kafkaTopic;

    @Option(names = "--kafka-group", paramLabel = "GROUP", description = "Consumer group (default qsafe-audit).")
    String kafkaGroup;

    @Option(names = "--webhook", paramLabel = "URL", description = "Send alerts as JSON to this URL; repeatable.")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--slack", paramLabel = "URL", description = "Slack incoming-webhook URL; repeatable.")
    List<String> slack = new ArrayList<>();

    @Override
    public void run() {
        AuditConfig settings = settings();
        io.quantumsafe.audit.report.ReportSchedule reports = reportSchedule(settings);
        try (AuditService service = AuditService.start(settings)) {
            spec.commandLine().getOut().printf("audit listening on %s:%d (store %s, data %s, rules %s%s)%n",
                    settings.listen().getHostString(), service.port(), settings.store(), settings.dataDirectory(),
                    String.join(", ", settings.rules()),
                    settings.kafkaBootstrap() == null ? "" : ", Kafka " + settings.kafkaBootstrap() + " topic " + settings.kafkaTopic());
            if (reports != null) {
                service.scheduleReports(reports);
                spec.commandLine().getOut().printf("reports on '%s' (UTC) to %s%n", reports.cron(), reports.directory());
            }
            spec.commandLine().getOut().printf("dashboard: http://%s:%d/dashboard/%n", settings.listen().getHostString(), service.port());
            spec.commandLine().getOut().flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (IOException e) {
            throw new CommandFailure("audit: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The config file's reports: section, checked before the service starts; null without one. */
    private io.quantumsafe.audit.report.ReportSchedule reportSchedule(AuditConfig settings) {
        if (config == null) return null;
        try {
            return AuditConfigFile.reports(config, settings.dataDirectory());
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + config + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(config + ": " + e.getMessage());
        }
    }

    AuditConfig settings() {
        AuditConfig settings = AuditConfig.defaults(Path.of("audit-data"));
        try {
            if (config != null) settings = AuditConfigFile.read(config, settings);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + config + ": " + e.getMessage());
        }
        if (listen != null) settings = settings.withListen(AuditConfigFile.address(listen));
        if (rules != null) settings = settings.withRules(rules);
        if (retention != null) settings = settings.withRetention(Durations.parse(retention));
        if (store != null || openSearchUrl != null) {
            settings = settings.withStore(store != null ? store : settings.store(), openSearchUrl != null ? openSearchUrl : settings.openSearchUrl());
        }
        if (kafkaBootstrap != null || kafkaTopic != null || kafkaGroup != null) {
            settings = settings.withKafka(kafkaBootstrap != null ? kafkaBootstrap : settings.kafkaBootstrap(),
                    kafkaTopic != null ? kafkaTopic : settings.kafkaTopic(), kafkaGroup != null ? kafkaGroup : settings.kafkaGroup());
        }
        List<AlertSinkConfig> sinks = new ArrayList<>(settings.alerts());
        for (int i = 0; i < webhooks.size(); i++) sinks.add(AlertSinkConfig.webhook("webhook-flag-" + (i + 1), webhooks.get(i)));
        for (int i = 0; i < slack.size(); i++) {
            sinks.add(new AlertSinkConfig("slack", "slack-flag-" + (i + 1), slack.get(i), null, 0, null, List.of(), false, null, null,
                    60, 10, Severity.INFO));
        }
        settings = settings.withAlerts(sinks);
        if (dataDir != null) {
            settings = new AuditConfig(settings.listen(), dataDir, settings.rules(), settings.rulesReloadInterval(), settings.retention(),
                    settings.bodyBytesMax(), settings.eventsPerRequestMax(), settings.pendingEventsMax(), settings.commitInterval(),
                    settings.store(), settings.openSearchUrl(), settings.kafkaBootstrap(), settings.kafkaTopic(), settings.kafkaGroup(),
                    settings.alerts(), settings.anomaly());
        }
        return settings;
    }
}
