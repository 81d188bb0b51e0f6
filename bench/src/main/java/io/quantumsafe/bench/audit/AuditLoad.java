package io.quantumsafe.bench.audit;

import io.quantumsafe.audit.alert.Backoff;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Load generator behind audit/README.md: one audit service on this machine (embedded Lucene, both
 * shipped rule packs plus the brochure's rule), HTTP clients posting batches for a fixed time.
 * Reports events/s durably accepted (write-ahead log fsynced before each 200) and fully processed
 * (rules, store, alerts), and the end-to-end latency from HTTP receipt to alert emitted (recorded
 * by the pipeline's alert stage, the same clock at both ends). One event in 100 is a late-night
 * signature, so the brochure's rule (no suppression) alerts on it.
 */
public final class AuditLoad {
    private AuditLoad() {}

    static final String BROCHURE_RULE = """
            rules:
            - id: late-night-signs
              description: "Signing operations between 02:00–04:00 UTC"
              condition: |
                operation == "sign" &&
                (hour(timestamp) >= 2 && hour(timestamp) < 4)
            """;

    /** @param rate events/s offered in total, 0 for as fast as the clients' round trips allow */
    public record Report(long accepted, long processed, double seconds, long busy, int clients, int batch, int rate, long[] alertLatencyNanos,
                         int rules, boolean anomaly, double cpuSeconds) {
        double acceptedPerSecond() { return accepted / seconds; }

        double processedPerSecond() { return processed / seconds; }

        /** CPU time of the whole process (service and load generator) per event through the pipeline. */
        double cpuMicrosPerEvent() { return processed == 0 ? Double.NaN : cpuSeconds * 1e6 / processed; }

        double percentileMillis(double p) {
            if (alertLatencyNanos.length == 0) return Double.NaN;
            int index = (int) Math.min(alertLatencyNanos.length - 1, Math.ceil(p * alertLatencyNanos.length) - 1);
            return alertLatencyNanos[Math.max(0, index)] / 1e6;
        }

        public String markdown(String command) {
            return String.format("""
                    | metric | value |
                    |---|---|
                    | rules loaded (crypto-misuse + compliance + brochure rule) | %d |
                    | anomaly stage (streaming RCF on every event) | %s |
                    | HTTP clients x events per request | %d x %d |
                    | events/s offered | %s |
                    | events/s accepted (WAL fsynced before 200) | %,.0f |
                    | events/s through rules + Lucene + alerts | %,.0f |
                    | CPU per event through, whole process (load generator included) | %.1f us |
                    | 503 busy answers (back-pressure) | %d |
                    | alerts measured | %,d |
                    | HTTP receipt to alert emitted, p50 | %.2f ms |
                    | HTTP receipt to alert emitted, p99 | %.2f ms |

                    Reproduce: `%s`
                    """, rules, anomaly ? "on" : "off", clients, batch, rate == 0 ? "as fast as answered" : String.format("%,d", rate),
                    acceptedPerSecond(), processedPerSecond(), cpuMicrosPerEvent(), busy,
                    alertLatencyNanos.length,
                    percentileMillis(0.50), percentileMillis(0.99), command);
        }
    }

    /** @param anomaly whether the anomaly stage runs (it does by default; a deployment can turn it off) */
    /**
     * @param rate events/s offered in total, spread evenly over the clients (each sends its next
     *     request on schedule, or at once when its previous answer came late); 0: each client sends
     *     its next request as soon as the previous one is answered
     */
    public static Report run(Duration duration, int clients, int batch, int rate, boolean anomaly) throws Exception {
        Path dir = Files.createTempDirectory("qsafe-bench-audit-");
        Path rules = dir.resolve("brochure.yaml");
        Files.writeString(rules, BROCHURE_RULE);
        int latencyMax = 1_000_000;
        long[] latencies = new long[latencyMax];
        AtomicLong latencyCount = new AtomicLong();
        // Only events received in the measured window: a backlog left by the warm-up (slow until
        // compiled) would otherwise pass its seconds of queueing into the measured tail.
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        AuditConfig config = AuditConfig.defaults(dir.resolve("data")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of("pack:crypto-misuse", "pack:compliance", rules.toString()))
                .withRetention(Duration.ofDays(36500))
                .withLimits(AuditConfig.bodyBytesDefault, AuditConfig.eventsPerRequestDefault, 50_000, Duration.ofSeconds(1),
                        Duration.ZERO);
        config = config.withAnomaly(config.anomaly().withEnabled(anomaly));
        AuditService.Options options = new AuditService.Options(Backoff.DEFAULT, nanos -> {
            if (System.nanoTime() - nanos < measuredFrom.get()) return;
            long slot = latencyCount.getAndIncrement();
            if (slot < latencyMax) latencies[(int) slot] = nanos;
        }, Clock.systemUTC());
        try (AuditService service = AuditService.start(config, options)) {
            URI endpoint = URI.create("http://127.0.0.1:" + service.port() + "/api/audit/events");
            int ruleCount = service.pipeline().rules().size();
            load(endpoint, Duration.ofSeconds(3), clients, batch, rate, new LongAdder(), new LongAdder()); // warm-up
            awaitDrained(service);
            long processedBefore = service.ingest().processed();
            LongAdder accepted = new LongAdder();
            LongAdder busy = new LongAdder();
            long start = System.nanoTime();
            measuredFrom.set(start);
            long cpuStart = processCpuNanos();
            load(endpoint, duration, clients, batch, rate, accepted, busy);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long processed = service.ingest().processed() - processedBefore;
            // Events received near the end are still on their way; they are among the slowest, so wait for them.
            awaitDrained(service);
            long measured = Math.min(latencyCount.get(), latencyMax);
            long[] sorted = Arrays.copyOf(latencies, (int) measured);
            Arrays.sort(sorted);
            return new Report(accepted.sum(), processed, seconds, busy.sum(), clients, batch, rate, sorted, ruleCount, anomaly, cpuSeconds);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void awaitDrained(AuditService service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (service.ingest().pendingEvents() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline's backlog did not drain in 60 s: " + service.ingest().pendingEvents() + " events");
            }
            Thread.sleep(10);
        }
    }

    /** CPU time of this JVM: the steadier figure when other processes share the cores. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void load(URI endpoint, Duration duration, int clients, int batch, int rate, LongAdder accepted, LongAdder busy)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long intervalNanos = rate == 0 ? 0 : (long) (1e9 * clients * batch / rate);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("bench-audit-client-" + c).start(() -> {
                HttpClient http = HttpClient.newHttpClient();
                long sequence = 0;
                long due = start + intervalNanos * client / clients;
                while (System.nanoTime() < deadline) {
                    if (intervalNanos > 0) {
                        if (due >= deadline) break;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) LockSupport.parkNanos(wait);
                        due += intervalNanos;
                    }
                    byte[] body = body(client, sequence, batch);
                    sequence += batch;
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) accepted.add(batch);
                        else if (response.statusCode() == 503) {
                            busy.increment();
                            Thread.sleep(5); // the service asked us to back off
                        }
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread thread : threads) thread.join();
    }

    /** A JSON lines body: ML-DSA signs and ML-KEM decapsulations over 50 clients, 1 in 100 a late-night sign. */
    static byte[] body(int client, long sequence, int batch) {
        StringBuilder lines = new StringBuilder(batch * 220);
        Instant day = Instant.parse("2025-08-05T12:00:00Z");
        for (int i = 0; i < batch; i++) {
            long n = sequence + i;
            boolean lateNight = n % 100 == 0;
            Instant time = lateNight ? Instant.parse("2025-08-05T02:30:00Z").plusMillis(n % 1000) : day.plusMillis(n % 3_600_000);
            String operation = lateNight || n % 2 == 0 ? "sign" : "decapsulate";
            lines.append("{\"timestamp\":\"").append(time).append("\",\"component\":\"pqc-engine\",\"operation\":\"")
                    .append(operation).append("\",\"algorithm\":\"").append(operation.equals("sign") ? "ML-DSA-65" : "ML-KEM-768")
                    .append("\",\"duration_ms\":0.45,\"status\":\"OK\",\"client_id\":\"client-").append((client * 7 + n) % 50)
                    .append("\",\"payload_size\":512,\"key_id\":\"k-").append(n % 20).append("\"}\n");
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }
}
