package io.quantumsafe.cli;

import io.quantumsafe.bench.audit.AnomalyLoad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "anomaly", mixinStandardHelpOptions = true,
        description = {"Per-event cost of the anomaly stage: the same events through the pipeline (rules, Lucene, alerts)",
                "without and with it, alternating, in one run; and the streaming detector alone. Prints the table of audit/README.md."})
final class AnomalyBenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Events per run (default: ${DEFAULT-VALUE}).")
    int events = 60_000;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of (without, with, detector alone) (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    public void run() {
        if (events < 1_000 || events > 1_000_000 || rounds < 1 || rounds > 20) throw new CommandFailure("--events 1000..1000000, --rounds 1..20");
        try {
            AnomalyLoad.Report report = AnomalyLoad.run(events, rounds);
            spec.commandLine().getOut().print(report.markdown("./qsafe bench anomaly --events " + events + " --rounds " + rounds));
            spec.commandLine().getOut().flush();
        } catch (Exception e) {
            throw new CommandFailure("anomaly benchmark failed: " + e.getMessage());
        }
    }
}
