package io.quantumsafe.cli;

import io.quantumsafe.bench.audit.AuditLoad;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audit Lite on this machine: events/s ingested over HTTP with the shipped rule packs and the embedded",
                "Lucene store, and HTTP-receipt-to-alert latency (p50, p99). Prints the table of audit/README.md."})
final class AuditBenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds after a 3 s warm-up (default: ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
    int clients = 4;

    @Option(names = "--batch", paramLabel = "N", description = "Events per request (default: ${DEFAULT-VALUE}).")
    int batch = 200;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
            description = "Offer this many events/s in total, paced evenly over the clients; 0: each client sends again as soon as answered (default: ${DEFAULT-VALUE}).")
    int rate = 0;

    @Option(names = "--anomaly", paramLabel = "on|off", description = "Run the anomaly stage on every event, as by default (default: ${DEFAULT-VALUE}).")
    String anomaly = "on";

    @Override
    public void run() {
        if (seconds < 1 || seconds > 3600 || clients < 1 || clients > 64 || batch < 1 || batch > 10_000 || rate < 0 || rate > 10_000_000) {
            throw new CommandFailure("--seconds 1..3600, --clients 1..64, --batch 1..10000, --rate 0..10000000");
        }
        if (!anomaly.equals("on") && !anomaly.equals("off")) throw new CommandFailure("--anomaly on or off, got '" + anomaly + "'");
        try {
            AuditLoad.Report report = AuditLoad.run(Duration.ofSeconds(seconds), clients, batch, rate, anomaly.equals("on"));
            spec.commandLine().getOut().print(report.markdown(
                    "./qsafe bench audit --seconds " + seconds + " --clients " + clients + " --batch " + batch + (rate > 0 ? " --rate " + rate : "") + " --anomaly " + anomaly));
            spec.commandLine().getOut().flush();
        } catch (Exception e) {
            throw new CommandFailure("audit benchmark failed: " + e.getMessage());
        }
    }
}
