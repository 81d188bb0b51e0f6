package io.quantumsafe.cli;

import io.quantumsafe.bench.network.NetworkLoad;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "network", mixinStandardHelpOptions = true,
        description = {"A local network of validator processes (PQ mutual TLS, RocksDB) under load from clients that sign every",
                "request with ML-DSA-65: transfers/s and latency from submit to committed and to checkpoint-certified."})
final class NetworkBenchCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--validators", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int validators = 4;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients, each one request at a time (default: ${DEFAULT-VALUE}).")
    int clients = 16;

    @Option(names = "--accounts", paramLabel = "N", description = "Accounts per client (default: ${DEFAULT-VALUE}).")
    int accounts = 1000;

    @Option(names = "--transfers-per-request", paramLabel = "N", description = "Transfers under one signature, up to 8190 (default: ${DEFAULT-VALUE}).")
    int transfersPerRequest = 1000;

    @Option(names = "--warmup", paramLabel = "S", description = "Seconds (default: ${DEFAULT-VALUE}).")
    int warmup = 10;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    @Option(names = "--leader-timeout-ms", paramLabel = "MS", description = "Default: ${DEFAULT-VALUE}.")
    long leaderTimeoutMillis = 250;

    @Option(names = "--profile", paramLabel = "DIR", description = "Record a JFR profile of every validator into DIR.")
    Path profile;

    @Option(names = "--verifiers", paramLabel = "M", description = "Verifier processes re-executing every batch (default: ${DEFAULT-VALUE}).")
    int verifiers = 1;

    @Option(names = "--attestations", paramLabel = "K", description = "Attestations that make a checkpoint final (default: ${DEFAULT-VALUE}).")
    int attestations = 1;

    @Option(names = "--dir", paramLabel = "DIR", description = "Network directory (default: a temporary one, deleted afterwards).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (transfersPerRequest < 1 || transfersPerRequest > 8190) throw new CommandFailure("--transfers-per-request must be in 1..8190");
        if (clients < 1 || clients > 1000 || validators < 1 || validators > 64) throw new CommandFailure("--clients in 1..1000, --validators in 1..64");
        if (verifiers < 0 || verifiers > 16) throw new CommandFailure("--verifiers in 0..16");
        if (verifiers > 0 && (attestations < 1 || attestations > verifiers)) throw new CommandFailure("--attestations in 1..--verifiers");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (profile != null) {
            java.nio.file.Files.createDirectories(profile);
            jvm.add("-XX:StartFlightRecording=filename=" + profile.toAbsolutePath() + "/validator-%p.jfr,settings=profile");
        }
        PrintWriter out = spec.commandLine().getOut();
        NetworkLoad.Options options = new NetworkLoad.Options(validators, clients, accounts, transfersPerRequest, warmup, seconds,
                leaderTimeoutMillis, jvm, dir, dir != null, verifiers, attestations);
        NetworkLoad.Result result = NetworkLoad.run(options, out);
        out.println();
        out.println(NetworkLoad.header());
        out.println(NetworkLoad.row(options, result));
        if (verifiers > 0) {
            out.println();
            out.println(NetworkLoad.finalityHeader());
            out.println(NetworkLoad.finalityRow(options, result));
        }
        out.flush();
        return 0;
    }
}
