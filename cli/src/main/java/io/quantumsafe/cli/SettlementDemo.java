package io.quantumsafe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.bench.network.NetworkLoad;
import io.quantumsafe.node.LocalNetwork;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The settlement part of {@code qsafe demo}: a local 4-validator network under a small load, shown as it runs. */
final class SettlementDemo {
    private SettlementDemo() {}

    /** @param audit where the validators send their audit events (an audit sink spec: http URL, file:PATH, stdout) */
    static void run(PrintWriter out, int seconds, String audit) throws Exception {
        Path dir = Files.createTempDirectory("qsafe-demo-network-");
        out.println("Settlement network: 4 validator processes on loopback (X25519MLKEM768 + ML-DSA-65 mutual TLS, RocksDB each)");
        out.println("and a verifier process re-executing every batch and attesting each checkpoint (ML-DSA-65),");
        out.println("4 clients signing every request with ML-DSA-65; " + seconds + " s of transfers. Network files: " + dir);
        out.println("The validators' audit events (settlements, peers, rounds) go to " + audit);
        out.flush();
        try (LocalNetwork network = LocalNetwork.start(dir, 4, 4, 250, audit, List.of("-Xmx512m"), 1)) {
            network.awaitReady(Duration.ofSeconds(120));
            Thread monitor = Thread.ofVirtual().start(() -> watch(network, out));
            NetworkLoad.Options options = new NetworkLoad.Options(4, 4, 50, 100, 0, seconds, 250, List.of(), dir, true, 1, 1);
            NetworkLoad.Result result = NetworkLoad.drive(network, options, out);
            monitor.interrupt();
            monitor.join();
            out.printf("%,d transfers committed in %d s (%,.0f/s), commit latency p50 %.0f ms; %d failures%n", result.transfers(), seconds,
                    result.transfersPerSecond(), NetworkLoad.Result.percentile(result.commitMillis(), 0.5), result.failures());
            for (int i = 0; i < network.size(); i++) {
                JsonNode state = network.get(i, "/v1/state");
                out.printf("  validator-%d: sub-DAG %s, %s transfers, state root %s%n", i, state.get("sequence").asText(), state.get("transfers").asText(),
                        state.get("state_root").asText().substring(0, 16));
            }
            NetworkLoad.Finality f = result.finality();
            if (f != null) {
                out.printf("  finality: %d of %d sub-DAGs final (%d checkpoints through the verifier's attestation, %d by the challenge window); "
                        + "commit to final p50 %d ms, p99 %d ms%n", f.lastFinal(), f.committed(), f.byAttestation(), f.byWindow(), f.p50Millis(), f.p99Millis());
            }
            out.println("Try: 'qsafe network init', 'qsafe node', 'qsafe verifier', 'qsafe client', 'qsafe bench network'.");
            out.flush();
        } finally {
            NetworkLoad.deleteRecursively(dir);
        }
    }

    private static void watch(LocalNetwork network, PrintWriter out) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1_000); // one progress line a second
                JsonNode state = network.get(0, "/v1/state");
                JsonNode checkpoint = network.get(0, "/v1/checkpoints/latest");
                JsonNode finality = network.get(0, "/v1/finality");
                if (state == null) continue;
                out.printf("  validator-0: sub-DAG %5s  transfers %8s  accounts %4s  certified %5s  final %5s  root %s%n", state.get("sequence").asText(),
                        state.get("transfers").asText(), state.get("accounts").asText(), checkpoint == null ? "-" : checkpoint.get("sequence").asText(),
                        finality == null ? "-" : finality.get("last_final").asText(), state.get("state_root").asText().substring(0, 16));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
