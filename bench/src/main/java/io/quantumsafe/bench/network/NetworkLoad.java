package io.quantumsafe.bench.network;

import io.quantumsafe.client.SettlementClient;
import io.quantumsafe.client.SubmitResult;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.LocalNetwork;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code qsafe bench network} and the settlement part of {@code qsafe demo}: a local network of
 * validator processes (PQ mutual TLS, RocksDB), and clients that sign every request with ML-DSA-65
 * and submit it, each waiting for "committed" before its next request (request numbers must reach
 * the ledger in order). Latencies are measured from submit to the committed answer, and from submit
 * to the moment the sub-DAG's checkpoint certificate (2f+1 ML-DSA signatures) is served.
 */
public final class NetworkLoad {
    public record Options(int validators, int clients, int accountsPerClient, int transfersPerRequest, int warmupSeconds, int seconds,
                          long leaderTimeoutMillis, List<String> jvmOptions, Path dir, boolean keep, int verifiers, int attestationsRequired) {}

    /**
     * Two-stage finality as validator 0 saw it at the end of the run: commit-to-final times of its last
     * final checkpoints, how they became final, and how far finality trailed the committed sequence.
     */
    public record Finality(long committed, long lastFinal, long byAttestation, long byWindow, long p50Millis, long p99Millis, long samples) {
        static Finality of(com.fasterxml.jackson.databind.JsonNode f) {
            if (f == null) return null;
            var t = f.path("commit_to_final_ms");
            return new Finality(f.path("committed").asLong(), f.path("last_final").asLong(), f.path("final_by_attestation").asLong(),
                    f.path("final_by_challenge_window").asLong(), t.path("p50").asLong(), t.path("p99").asLong(), t.path("samples").asLong());
        }
    }

    public record Result(long transfers, long requests, double seconds, double[] commitMillis, double[] checkpointMillis, long failures,
                         Finality finality) {
        public double transfersPerSecond() { return transfers / seconds; }

        public static double percentile(double[] sorted, double p) {
            if (sorted.length == 0) return Double.NaN;
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }

    private NetworkLoad() {}

    public static Result run(Options options, PrintWriter out) throws Exception {
        Path dir = options.dir() != null ? options.dir() : Files.createTempDirectory("qsafe-network-");
        out.printf("starting %d validators in %s (logs in %s)%n", options.validators(), dir, dir.resolve("logs"));
        out.flush();
        try (LocalNetwork network = LocalNetwork.start(dir, options.validators(), options.clients(), options.leaderTimeoutMillis(), "none",
                options.jvmOptions(), options.verifiers(), options.attestationsRequired())) {
            network.awaitReady(Duration.ofSeconds(120));
            out.printf("network up: %d validators connected over X25519MLKEM768 + ML-DSA-65 mutual TLS; %d verifiers%n", options.validators(),
                    options.verifiers());
            out.flush();
            return drive(network, options, out);
        } finally {
            if (!options.keep()) deleteRecursively(dir);
        }
    }

    /** Runs the load against an already started network. */
    public static Result drive(LocalNetwork network, Options options, PrintWriter out) throws Exception {
        PqcEngine engine = PqcEngine.create();
        List<SettlementClient> clients = new ArrayList<>();
        for (int c = 1; c <= options.clients(); c++) {
            List<URI> apis = new ArrayList<>(network.apis());
            Collections.rotate(apis, -(c % network.size()));
            clients.add(new SettlementClient(apis, LocalNetwork.NETWORK_ID, UInt128.of(c), network.clientKey(c), engine, Duration.ofSeconds(30)));
        }
        for (SettlementClient client : clients) {
            List<Account> accounts = new ArrayList<>();
            for (int k = 0; k < options.accountsPerClient(); k++) accounts.add(Account.create(account(client, k), 1, 1, 0, client.clientId()));
            SubmitResult r = client.submit(accounts, List.of());
            if (!r.allOk()) throw new IllegalStateException("account creation failed: " + r);
        }
        out.printf("%d clients, %d accounts each; %d transfers per signed request; warm-up %d s, measuring %d s%n", options.clients(),
                options.accountsPerClient(), options.transfersPerRequest(), options.warmupSeconds(), options.seconds());
        out.flush();
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(options.warmupSeconds()).toNanos();
        long measureTo = measureFrom + Duration.ofSeconds(options.seconds()).toNanos();
        AtomicLong transfers = new AtomicLong(), requests = new AtomicLong(), failures = new AtomicLong(), ids = new AtomicLong(1);
        ConcurrentLinkedQueue<Double> commit = new ConcurrentLinkedQueue<>(), checkpoint = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        String operator = "Bearer " + network.operatorToken();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (SettlementClient client : clients) {
                futures.add(pool.submit(() -> {
                    Random random = new Random(client.clientId().lo());
                    long sent = 0;
                    while (System.nanoTime() < measureTo) {
                        List<Transfer> batch = new ArrayList<>(options.transfersPerRequest());
                        for (int t = 0; t < options.transfersPerRequest(); t++) {
                            SettlementClient to = clients.get(random.nextInt(clients.size()));
                            batch.add(Transfer.of(UInt128.of(ids.getAndIncrement()), account(client, random.nextInt(options.accountsPerClient())),
                                    account(to, random.nextInt(options.accountsPerClient())), UInt128.of(1 + random.nextInt(1000)), 1, 1));
                        }
                        long submitted = System.nanoTime();
                        SubmitResult r;
                        try {
                            r = client.submit(client.sign(List.of(), batch), SettlementClient.Wait.COMMITTED);
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            continue;
                        }
                        long committed = System.nanoTime();
                        boolean measured = submitted >= measureFrom && committed <= measureTo;
                        if (!r.committed() || !"ok".equals(r.result())) {
                            failures.incrementAndGet();
                            continue;
                        }
                        if (measured) {
                            transfers.addAndGet(batch.size());
                            requests.incrementAndGet();
                            commit.add((committed - submitted) / 1e6);
                            // Checkpoint latency, sampled (one request in four per client) off the client's path.
                            if (sent++ % 4 == 0) {
                                long sequence = r.sequence();
                                URI api = network.api((int) (client.clientId().lo() % network.size()));
                                pool.submit(() -> awaitCheckpoint(http, operator, api, sequence, submitted, checkpoint));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        }
        double[] commitSorted = sorted(commit), checkpointSorted = sorted(checkpoint);
        return new Result(transfers.get(), requests.get(), options.seconds(), commitSorted, checkpointSorted, failures.get(),
                Finality.of(network.get(0, "/v1/finality")));
    }

    private static Void awaitCheckpoint(HttpClient http, String operator, URI api, long sequence, long submitted, ConcurrentLinkedQueue<Double> out) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(api.resolve("/v1/checkpoints/" + sequence)).header("Authorization", operator).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    out.add((System.nanoTime() - submitted) / 1e6);
                    return null;
                }
                Thread.sleep(5); // polling interval; adds at most 5 ms to the measured latency
            } catch (Exception e) {
                return null;
            }
        }
        return null;
    }

    static UInt128 account(SettlementClient client, int k) { return UInt128.of(client.clientId().lo() * 1_000_000L + k); }

    private static double[] sorted(ConcurrentLinkedQueue<Double> values) {
        double[] out = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(out);
        return out;
    }

    public static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    /** One table row for node/README.md. */
    public static String row(Options o, Result r) {
        return String.format("| %d | %d | %d | %,.0f | %.1f | %.0f | %.0f | %.0f | %.0f | %d |", o.validators(), o.clients(), o.transfersPerRequest(),
                r.transfersPerSecond(), r.requests() / r.seconds(), Result.percentile(r.commitMillis(), 0.5), Result.percentile(r.commitMillis(), 0.99),
                Result.percentile(r.checkpointMillis(), 0.5), Result.percentile(r.checkpointMillis(), 0.99), r.failures());
    }

    /** One row of the finality table in node/README.md. */
    public static String finalityRow(Options o, Result r) {
        Finality f = r.finality();
        if (f == null) return "| " + o.verifiers() + " | (validator 0 did not answer /v1/finality) |";
        return String.format("| %d | %d | %d | %,.0f | %d | %d | %d | %d | %d | %d |", o.verifiers(), o.attestationsRequired(), o.transfersPerRequest(), r.transfersPerSecond(),
                f.p50Millis(), f.p99Millis(), f.byAttestation(), f.byWindow(), f.committed(), f.committed() - f.lastFinal());
    }

    public static String finalityHeader() {
        return "| verifiers | attestations required | transfers/request | transfers/s | commit to final p50 ms | commit to final p99 ms | final by attestation | final by window | committed sub-DAGs | not yet final at the end |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    public static String header() {
        return "| validators | clients | transfers/request | transfers/s | requests/s | commit p50 ms | commit p99 ms | checkpoint p50 ms | checkpoint p99 ms | failures |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

}
