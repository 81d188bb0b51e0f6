package io.quantumsafe.audit.server;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.alert.Backoff;
import io.quantumsafe.audit.anomaly.AnomalyStage;
import io.quantumsafe.audit.config.AlertSinkConfig;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.ingest.Pipeline;
import io.quantumsafe.audit.ingest.WalIngest;
import io.quantumsafe.audit.ingest.WriteAheadLog;
import io.quantumsafe.audit.kafka.KafkaIngest;
import io.quantumsafe.audit.rules.RuleEngine;
import io.quantumsafe.audit.store.EventStore;
import io.quantumsafe.audit.store.LuceneStore;
import io.quantumsafe.audit.store.OpenSearchStore;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit Lite as one process: store, write-ahead log, rules, alerts, the pipeline, its drivers
 * (HTTP through the log, optionally Kafka), and the HTTP API. Start-up replays the log before the
 * port opens; {@link #close} stops intake, drains, commits and closes in reverse order.
 */
public final class AuditService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpServer server;
    private final Pipeline pipeline;
    private final AlertManager alerts;
    private final RulesReloader reloader;
    private final WalIngest ingest;
    private final DashboardApi dashboard;
    private final List<io.quantumsafe.audit.alert.EmailSink> emailSinks;
    private final Clock clock;
    private AnomalyStage anomaly;

    /** Extra wiring for tests and the benchmark: back-off of alert retries, a hook on alert latency. */
    public record Options(Backoff backoff, LongConsumer alertLatencyNanos, Clock clock, UnaryOperator<EventStore> storeWrapper) {
        public static final Options DEFAULT = new Options(Backoff.DEFAULT, null, Clock.systemUTC(), UnaryOperator.identity());

        public Options(Backoff backoff, LongConsumer alertLatencyNanos, Clock clock) {
            this(backoff, alertLatencyNanos, clock, UnaryOperator.identity());
        }
    }

    private AuditService(AuditConfig config, Options options) throws IOException {
        try {
            EventStore opened = config.store().equals("opensearch")
                    ? new OpenSearchStore(URI.create(config.openSearchUrl()), config.retention())
                    : new LuceneStore(config.dataDirectory().resolve("store"), config.retention());
            closeables.add(opened);
            EventStore store = options.storeWrapper().apply(opened);
            List<AlertManager.SinkSettings> sinks = config.alerts().stream().map(AlertSinkConfig::settings).toList();
            alerts = AlertManager.open(config.dataDirectory().resolve("alerts"), sinks, options.backoff(), options.clock());
            closeables.add(alerts);
            if (config.anomaly().enabled()) {
                var settings = config.anomaly();
                anomaly = AnomalyStage.open(config.dataDirectory().resolve("anomaly"), settings.streaming(), settings.batch(),
                        settings.checkpointInterval(), options.clock(), new AnomalyStage.AlertPolicy(settings.severity().wireName(),
                                settings.alertGradeMin(), settings.alertSuppressFor(), settings.streaming().clientsMax()));
                // Closed after the ingest (closeables run in reverse): the last checkpoint includes every processed event.
                closeables.add(anomaly);
            }
            pipeline = new Pipeline(new RuleEngine(RulesReloader.initial(config.rules())), anomaly, store, alerts, options.clock(),
                    options.alertLatencyNanos());
            reloader = new RulesReloader(config.rules(), pipeline, config.rulesReloadInterval(), options.clock());
            closeables.add(reloader);
            WriteAheadLog wal = WriteAheadLog.open(config.dataDirectory().resolve("wal"));
            ingest = WalIngest.start(wal, pipeline, new WalIngest.Limits(config.pendingEventsMax(), 1_000, config.commitInterval()));
            closeables.add(ingest);
            if (config.kafkaBootstrap() != null) {
                closeables.add(KafkaIngest.start(config.kafkaBootstrap(), config.kafkaTopic(), config.kafkaGroup(), pipeline,
                        config.eventsPerRequestMax()));
            }
            ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon(true).name("qsafe-audit-retention").factory());
            retention.scheduleWithFixedDelay(() -> applyRetention(store, options.clock()), 0, 1, TimeUnit.HOURS);
            closeables.add(retention::shutdownNow);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics.gauge("qsafe_audit_pending_events", ingest, WalIngest::pendingEvents);
            // The JDK server leaves Nagle's algorithm on unless told: an answer written as headers and
            // body then waits for the client's delayed ACK, about 40 ms per request on Linux. Read once,
            // by the first server this JVM creates.
            if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(config.listen(), 256);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            new AuditApi(ingest, pipeline, alerts, reloader, metrics, options.clock(), config.bodyBytesMax(),
                    config.eventsPerRequestMax()).routes(server);
            dashboard = new DashboardApi(pipeline, alerts, options.clock());
            dashboard.routes(server);
            emailSinks = config.alerts().stream().filter(sink -> sink.type().equals("email"))
                    .map(sink -> new io.quantumsafe.audit.alert.EmailSink(sink.name(), new io.quantumsafe.audit.alert.EmailSink.Settings(
                            sink.smtpHost(), sink.smtpPort(), sink.from(), sink.to(), sink.startTls(), sink.username(), sink.password())))
                    .toList();
            clock = options.clock();
            if (anomaly != null) {
                AnomalyTraining training = new AnomalyTraining(anomaly, store, config.anomaly(), options.clock());
                long every = config.anomaly().trainInterval().toMillis();
                ScheduledExecutorService trainer = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon(true).name("qsafe-audit-anomaly-training").factory());
                trainer.scheduleWithFixedDelay(training::scheduled, every, every, TimeUnit.MILLISECONDS);
                closeables.add(trainer::shutdownNow);
                new AnomalyApi(anomaly, training, config.bodyBytesMax(), config.eventsPerRequestMax()).routes(server);
            }
            server.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    public static AuditService start(AuditConfig config) throws IOException {
        return new AuditService(config, Options.DEFAULT);
    }

    public static AuditService start(AuditConfig config, Options options) throws IOException {
        return new AuditService(config, options);
    }

    private static void applyRetention(EventStore store, Clock clock) {
        try {
            int deleted = store.applyRetention(clock.instant());
            if (deleted > 0) log.info("retention: deleted {} daily indices", deleted);
        } catch (IOException | RuntimeException e) {
            log.error("retention failed", e);
        }
    }

    public int port() { return server.getAddress().getPort(); }

    public Pipeline pipeline() { return pipeline; }

    public AlertManager alerts() { return alerts; }

    public WalIngest ingest() { return ingest; }

    /** Reports for any range, as the dashboard and /api/audit/reports build them. */
    public io.quantumsafe.audit.report.ReportBuilder reports() { return dashboard.reports(); }

    /** Starts writing (and, if configured, emailing through the email alert sinks) reports on a cron schedule; stopped by close. */
    public io.quantumsafe.audit.report.ReportScheduler scheduleReports(io.quantumsafe.audit.report.ReportSchedule schedule) {
        var scheduler = new io.quantumsafe.audit.report.ReportScheduler(schedule, dashboard.reports(), emailSinks, clock).start();
        synchronized (closeables) {
            closeables.add(scheduler); // closed first: closeables close in reverse order, the store it reads last
        }
        return scheduler;
    }
    /** The anomaly stage, or null when {@code anomaly.enabled} is false. */
    public AnomalyStage anomaly() { return anomaly; }

    /** Re-reads the rules files now instead of at the next poll; true if new rules were loaded. */
    public boolean reloadRules() { return reloader.checkNow(); }

    public String lastRulesError() { return reloader.lastError(); }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        closeQuietly();
    }

    private void closeQuietly() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.error("closing {} failed", closeables.get(i), e);
            }
        }
        closeables.clear();
    }
}
