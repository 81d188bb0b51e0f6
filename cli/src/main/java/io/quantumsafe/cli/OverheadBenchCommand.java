package io.quantumsafe.cli;

import io.quantumsafe.bench.crypto.EngineOverhead;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = {"The engine's overhead over the raw provider, paired: each round times a block of raw JCA operations and",
                "a block of the same operations through the engine back to back (thread CPU time and wall time), on the default",
                "providers; also the audit hook (a counting observer) against none. Prints the table of crypto/README.md."})
final class OverheadBenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--algorithms", split = ",", paramLabel = "NAME",
            description = "Only these algorithms, e.g. ML-KEM-768,Ed25519 (default: all of the README table).")
    List<String> algorithms = new ArrayList<>();

    @Option(names = "--rounds", paramLabel = "N", description = "Paired rounds per operation (default: ${DEFAULT-VALUE}).")
    int rounds = 400;

    @Option(names = "--block-ms", paramLabel = "MS", description = "Approximate length of one timed block (default: ${DEFAULT-VALUE}).")
    int blockMillis = 2;

    @Option(names = "--warmup-ms", paramLabel = "MS", description = "Warm-up per operation, both sides alternating (default: ${DEFAULT-VALUE}).")
    int warmupMillis = 1000;

    @Option(names = "--no-observer", description = "Skip the observer-on against observer-off rows.")
    boolean noObserver;

    @Override
    public void run() {
        if (rounds < 5 || rounds > 1000) throw new CommandFailure("--rounds must be between 5 and 1000");
        if (blockMillis < 1 || blockMillis > 10_000 || warmupMillis < 0 || warmupMillis > 600_000) {
            throw new CommandFailure("--block-ms 1..10000, --warmup-ms 0..600000");
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            EngineOverhead.Report report = EngineOverhead.run(algorithms, rounds, blockMillis, warmupMillis, !noObserver,
                    line -> {
                        err.println(line);
                        err.flush();
                    });
            StringBuilder command = new StringBuilder("./qsafe bench overhead --rounds " + rounds + " --block-ms " + blockMillis
                    + " --warmup-ms " + warmupMillis);
            if (!algorithms.isEmpty()) command.append(" --algorithms ").append(String.join(",", algorithms));
            if (noObserver) command.append(" --no-observer");
            PrintWriter out = spec.commandLine().getOut();
            out.print(report.markdown(command.toString()));
            out.flush();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        } catch (Exception e) {
            throw new CommandFailure("overhead benchmark failed: " + e);
        }
    }
}
