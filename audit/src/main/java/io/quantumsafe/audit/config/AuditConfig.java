package io.quantumsafe.audit.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code qsafe audit} can be told, with defaults that run on one machine with no broker.
 *
 * @param listen the HTTP API (loopback by default: DESIGN's zero public attack surface)
 * @param rules rule files and packs ({@code pack:crypto-misuse})
 * @param bodyBytesMax a POST body larger than this is answered 413 before it is read
 * @param eventsPerRequestMax events in one POST
 * @param store {@code lucene} (embedded) or {@code opensearch}
 * @param kafkaBootstrap null: no Kafka consumer
 * @param anomaly the anomaly stage (on by default)
 */
public record AuditConfig(InetSocketAddress listen, Path dataDirectory, List<String> rules, Duration rulesReloadInterval,
                          Duration retention, int bodyBytesMax, int eventsPerRequestMax, int pendingEventsMax,
                          Duration commitInterval, String store, String openSearchUrl, String kafkaBootstrap,
                          String kafkaTopic, String kafkaGroup, List<AlertSinkConfig> alerts, AnomalyConfig anomaly) {

    public static final int bodyBytesDefault = 8 << 20;
    public static final int eventsPerRequestDefault = 10_000;

    /** Without an {@code anomaly} section: the defaults. */
    public AuditConfig(InetSocketAddress listen, Path dataDirectory, List<String> rules, Duration rulesReloadInterval,
                       Duration retention, int bodyBytesMax, int eventsPerRequestMax, int pendingEventsMax, Duration commitInterval,
                       String store, String openSearchUrl, String kafkaBootstrap, String kafkaTopic, String kafkaGroup,
                       List<AlertSinkConfig> alerts) {
        this(listen, dataDirectory, rules, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax, pendingEventsMax,
                commitInterval, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, AnomalyConfig.DEFAULT);
    }

    public AuditConfig {
        java.util.Objects.requireNonNull(anomaly, "anomaly");
        rules = List.copyOf(rules);
        alerts = List.copyOf(alerts);
        if (bodyBytesMax < 1024 || eventsPerRequestMax < 1 || pendingEventsMax < eventsPerRequestMax) {
            throw new IllegalArgumentException("body-bytes-max must be >= 1024, events-per-request-max >= 1, "
                    + "and pending-events-max >= events-per-request-max");
        }
        if (!store.equals("lucene") && !store.equals("opensearch")) {
            throw new IllegalArgumentException("store must be lucene or opensearch, got '" + store + "'");
        }
        if (store.equals("opensearch") && (openSearchUrl == null || openSearchUrl.isBlank())) {
            throw new IllegalArgumentException("store opensearch needs opensearch-url");
        }
    }

    public static AuditConfig defaults(Path dataDirectory) {
        return new AuditConfig(new InetSocketAddress("127.0.0.1", 9400), dataDirectory,
                List.of("pack:crypto-misuse", "pack:compliance"), Duration.ofSeconds(2), Duration.ofDays(30),
                bodyBytesDefault, eventsPerRequestDefault, 20_000, Duration.ofSeconds(1), "lucene", null, null, "pqc-logs",
                "qsafe-audit", List.of());
    }

    public AuditConfig withListen(InetSocketAddress address) {
        return new AuditConfig(address, dataDirectory, rules, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, anomaly);
    }

    public AuditConfig withRules(List<String> files) {
        return new AuditConfig(listen, dataDirectory, files, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, anomaly);
    }

    public AuditConfig withAlerts(List<AlertSinkConfig> sinks) {
        return new AuditConfig(listen, dataDirectory, rules, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, sinks, anomaly);
    }

    public AuditConfig withKafka(String bootstrap, String topic, String group) {
        return new AuditConfig(listen, dataDirectory, rules, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, store, openSearchUrl, bootstrap, topic, group, alerts, anomaly);
    }

    public AuditConfig withStore(String kind, String url) {
        return new AuditConfig(listen, dataDirectory, rules, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, kind, url, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, anomaly);
    }

    public AuditConfig withLimits(int bodyBytes, int eventsPerRequest, int pendingEvents, Duration commitEvery, Duration reloadEvery) {
        return new AuditConfig(listen, dataDirectory, rules, reloadEvery, retention, bodyBytes, eventsPerRequest, pendingEvents,
                commitEvery, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, anomaly);
    }

    public AuditConfig withAnomaly(AnomalyConfig settings) {
        return new AuditConfig(listen, dataDirectory, rules, rulesReloadInterval, retention, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, settings);
    }

    public AuditConfig withRetention(Duration keep) {
        return new AuditConfig(listen, dataDirectory, rules, rulesReloadInterval, keep, bodyBytesMax, eventsPerRequestMax,
                pendingEventsMax, commitInterval, store, openSearchUrl, kafkaBootstrap, kafkaTopic, kafkaGroup, alerts, anomaly);
    }
}
