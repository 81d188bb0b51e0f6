package io.quantumsafe.cli;

import io.quantumsafe.bench.crypto.CryptoBenchReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "The benchmarks behind the published figures.",
        subcommands = {BenchCommand.Crypto.class, BenchCommand.LedgerBench.class, BenchCommand.TlsBench.class, AuditBenchCommand.class,
                AnomalyBenchCommand.class, BenchCommand.VerifierBench.class, NetworkBenchCommand.class,
                OverheadBenchCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "crypto", mixinStandardHelpOptions = true,
            description = {"JMH: every operation of every algorithm on JDK 25 and Bouncy Castle, raw and through the engine,",
                    "in one run. Prints the Markdown table of crypto/README.md. The full run takes about 30 minutes."})
    static final class Crypto implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--quick", description = "Shorter warm-up and measurement (a few minutes; wider error bars).")
        boolean quick;

        @Option(names = "--only", paramLabel = "TEXT", description = "Only targets containing TEXT, e.g. ML-DSA-65 or /BC.")
        String only;

        @Override
        public void run() {
            try {
                CryptoBenchReport report = CryptoBenchReport.run(quick, only);
                PrintWriter out = spec.commandLine().getOut();
                out.println();
                out.print(report.markdown());
                out.flush();
            } catch (org.openjdk.jmh.runner.RunnerException e) {
                throw new CommandFailure("benchmark failed: " + e.getMessage());
            }
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = {"The ledger state machine alone on one applying thread: transfers/s with and without the per-batch state root",
                    "(serial, 2 threads per level, pipelined), CPU time per thread, uniform and skewed workloads, memory per account.",
                    "Prints the table of ledger/README.md."})
    static final class LedgerBench implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--accounts", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
        int accounts = 1_000_000;

        @Option(names = "--batches", paramLabel = "N", description = "Measured batches of 8,190 transfers per run (default: ${DEFAULT-VALUE}).")
        int batches = 300;

        @Override
        public void run() {
            if (accounts < 2 || accounts > 50_000_000) throw new CommandFailure("--accounts must be between 2 and 50,000,000");
            if (batches < 1 || batches > 10_000) throw new CommandFailure("--batches must be between 1 and 10,000");
            var report = io.quantumsafe.bench.ledger.LedgerLoad.run(accounts, batches);
            spec.commandLine().getOut().print(report.markdown("./qsafe bench ledger --accounts " + accounts + " --batches " + batches));
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "verifier", mixinStandardHelpOptions = true,
            description = {"Re-execution throughput of a verifier (every request signature checked) against a validator",
                    "(signatures trusted) on the same signed sequence, by request size. Prints the table of node/README.md."})
    static final class VerifierBench implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--batches", paramLabel = "N", description = "Measured batches per row (default: ${DEFAULT-VALUE}).")
        int batches = 10;

        @Option(names = "--transfers", paramLabel = "N", description = "Transfers per batch (default: ${DEFAULT-VALUE}).")
        int transfers = 4_000;

        @Override
        public void run() {
            if (batches < 1 || batches > 1_000) throw new CommandFailure("--batches must be between 1 and 1,000");
            if (transfers < 100 || transfers > 8_190) throw new CommandFailure("--transfers must be between 100 and 8,190");
            var report = io.quantumsafe.bench.verifier.VerifierLoad.run(batches, transfers, new int[] {1, 10, 100});
            spec.commandLine().getOut().print(report.markdown("./qsafe bench verifier --batches " + batches + " --transfers " + transfers));
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "tls", mixinStandardHelpOptions = true,
            description = {"Handshakes per second and latency for X25519 vs X25519MLKEM768 with ECDSA and ML-DSA-65 certificates,",
                    "then wrk through the sidecar vs direct vs nginx. Needs Debian's nginx and wrk. Prints the table of tls/README.md."})
    static final class TlsBench implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--handshakes", paramLabel = "N", description = "Sequential handshakes per case (default: ${DEFAULT-VALUE}).")
        int handshakes = 1000;

        @Option(names = "--seconds", paramLabel = "S", description = "Length of each concurrent and wrk run (default: ${DEFAULT-VALUE}).")
        int seconds = 10;

        @Override
        public void run() {
            if (handshakes < 10 || seconds < 1) throw new CommandFailure("--handshakes must be at least 10 and --seconds at least 1");
            try {
                String report = io.quantumsafe.bench.tls.TlsBenchReport.run(handshakes, java.time.Duration.ofSeconds(seconds), 4,
                        java.time.Duration.ofSeconds(seconds), 32);
                spec.commandLine().getOut().print(report);
                spec.commandLine().getOut().println("\nReproduce: `./qsafe bench tls --handshakes " + handshakes + " --seconds " + seconds + "`");
                spec.commandLine().getOut().flush();
            } catch (Exception e) {
                throw new CommandFailure("TLS benchmark failed: " + e.getMessage());
            }
        }
    }
}
