package io.quantumsafe.tls.sidecar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quantumsafe.audit.client.AuditSink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The sidecar's Prometheus metrics, scraped at GET /metrics on the status listener. */
public final class SidecarMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong certificateNotAfterSeconds = new AtomicLong();
    private final Counter bytesToUpstream;
    private final Counter bytesToClient;
    private final Counter upstreamErrors;
    private final Counter rejected;

    SidecarMetrics(AuditSink audit) {
        Gauge.builder("qsafe_sidecar_connections_active", active, AtomicInteger::get)
                .description("Connections being proxied").register(registry);
        Gauge.builder("qsafe_sidecar_certificate_not_after_seconds", certificateNotAfterSeconds, AtomicLong::get)
                .description("Expiry of the served certificate, seconds since the epoch").register(registry);
        bytesToUpstream = Counter.builder("qsafe_sidecar_bytes").tag("direction", "to_upstream").register(registry);
        bytesToClient = Counter.builder("qsafe_sidecar_bytes").tag("direction", "to_client").register(registry);
        upstreamErrors = Counter.builder("qsafe_sidecar_upstream_errors").description("Upstream connect or I/O failures").register(registry);
        rejected = Counter.builder("qsafe_sidecar_connections_rejected").description("Connections refused at capacity").register(registry);
        if (audit != null) {
            FunctionCounter.builder("qsafe_sidecar_audit_events_dropped", audit, AuditSink::dropped).register(registry);
            FunctionCounter.builder("qsafe_sidecar_audit_events_delivered", audit, AuditSink::delivered).register(registry);
        }
    }

    void handshake(String group, String outcome, Duration duration) {
        Counter.builder("qsafe_sidecar_handshakes").tag("group", group).tag("outcome", outcome).register(registry).increment();
        if (duration != null) {
            Timer.builder("qsafe_sidecar_handshake").tag("group", group).publishPercentileHistogram()
                    .register(registry).record(duration);
        }
    }

    void opened() { active.incrementAndGet(); }

    void closed() { active.decrementAndGet(); }

    void bytes(long toUpstream, long toClient) {
        bytesToUpstream.increment(toUpstream);
        bytesToClient.increment(toClient);
    }

    void upstreamError() { upstreamErrors.increment(); }

    void rejected() { rejected.increment(); }

    void reload(String outcome) {
        Counter.builder("qsafe_sidecar_certificate_reloads").tag("outcome", outcome).register(registry).increment();
    }

    void certificateNotAfter(long epochSeconds) { certificateNotAfterSeconds.set(epochSeconds); }

    public int activeConnections() { return active.get(); }

    public long rejectedConnections() { return (long) rejected.count(); }

    public String scrape() { return registry.scrape(); }
}
