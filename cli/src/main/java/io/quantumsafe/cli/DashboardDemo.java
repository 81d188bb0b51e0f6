package io.quantumsafe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import io.quantumsafe.audit.store.EventQuery;
import java.util.Map;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The demo's dashboard part: the audit service with both shipped rule packs on an embedded store
 * in a temporary directory, fed by a traffic generator over its public HTTP API, for a bounded
 * time; then everything is stopped and the directory deleted.
 */
final class DashboardDemo {
    private DashboardDemo() {}

    private static final String[] COMPONENTS = {"pqc-engine", "sidecar", "core-banking", "payments-gateway"};
    private static final String[] CLIENTS = {"payments-api", "accounting-service", "card-gateway", "legacy-batch", "treasury"};
    private static final String[] ALGORITHMS = {"ML-DSA-65", "ML-DSA-65", "ML-KEM-768", "ML-KEM-768", "X25519MLKEM768", "RSA-2048",
            "ECDSA-P256", "SLH-DSA-SHA2-128F"};
    /** Events per batch and batches per second: about 200 events/s, enough to move the charts. */
    static final int batchEvents = 20;
    static final long batchIntervalMillis = 100;

    /**
     * @param alongside run while the dashboard is up, given the service's event ingestion URL (null: nothing);
     *                  the dashboard stays up for at least {@code seconds} in total
     */
    static void run(PrintWriter out, int port, long seconds, java.util.function.Consumer<String> alongside) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("qsafe-demo-audit");
            AuditConfig config = AuditConfig.defaults(directory).withListen(new InetSocketAddress("127.0.0.1", port));
            try (AuditService service = AuditService.start(config)) {
                String base = "http://127.0.0.1:" + service.port();
                out.println("Audit dashboard: " + base + "/dashboard/   (API " + base + "/api/audit/..., rules: both shipped packs)");
                out.println(seconds > 0 ? "Traffic generator running for " + seconds + " s (--seconds; 0 = until Ctrl-C)..."
                        : "Traffic generator running until Ctrl-C...");
                out.flush();
                AtomicLong sent = new AtomicLong();
                Thread generator = Thread.ofVirtual().name("qsafe-demo-traffic").start(() -> generate(base, sent));
                long deadline = System.nanoTime() + seconds * 1_000_000_000L;
                try {
                    if (alongside != null) alongside.accept(base + "/api/audit/events");
                    long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                    if (seconds == 0) new java.util.concurrent.CountDownLatch(1).await();
                    else if (remainingMillis > 0) Thread.sleep(remainingMillis);
                } finally {
                    generator.interrupt();
                    generator.join(5_000);
                }
                out.printf("Traffic generator sent %d events; the service stored %d events in all, %d from the validators; stopping it.%n",
                        sent.get(), stored(service, Map.of()), stored(service, Map.of("component", "settlement-node")));
            }
        } catch (IOException e) {
            throw new CommandFailure("demo: cannot start the audit service: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(directory);
        }
    }

    private static long stored(AuditService service, Map<String, String> fields) {
        try {
            return service.pipeline().store().search(new EventQuery(fields, null, null, null, null, null, 0, 1)).total();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void generate(String base, AtomicLong sent) {
        ObjectMapper json = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(8547);
        URI events = URI.create(base + "/api/audit/events");
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (!Thread.currentThread().isInterrupted()) {
                ArrayNode batch = json.createArrayNode();
                for (int i = 0; i < batchEvents; i++) batch.add(event(json, random));
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(events)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(batch))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) sent.addAndGet(batchEvents);
                Thread.sleep(batchIntervalMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The service is stopping; the demo reports what was sent.
        }
    }

    static ObjectNode event(ObjectMapper json, SplittableRandom random) {
        String algorithm = ALGORITHMS[random.nextInt(ALGORITHMS.length)];
        boolean kem = algorithm.contains("KEM");
        boolean failed = random.nextInt(40) == 0;
        ObjectNode event = json.createObjectNode();
        event.put("timestamp", Instant.now().toString());
        event.put("component", COMPONENTS[random.nextInt(COMPONENTS.length)]);
        event.put("operation", kem ? (random.nextBoolean() ? "encapsulate" : "decapsulate") : (random.nextBoolean() ? "sign" : "verify"));
        event.put("algorithm", algorithm);
        event.put("duration_ms", Math.round(random.nextDouble(0.05, 2.0) * 100) / 100.0);
        event.put("status", failed ? "FAILED" : "OK");
        event.put("client_id", CLIENTS[random.nextInt(CLIENTS.length)]);
        event.put("payload_size", random.nextInt(100) == 0 ? 2_000_000 : random.nextInt(64, 8192));
        event.put("key_id", algorithm.toLowerCase(java.util.Locale.ROOT) + "-key-" + random.nextInt(3));
        if (algorithm.equals("X25519MLKEM768")) event.put("tls_group", random.nextInt(10) == 0 ? "x25519" : "X25519MLKEM768");
        return event;
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) return;
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
