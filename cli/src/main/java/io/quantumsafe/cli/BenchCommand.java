package io.quantumsafe.cli;

import io.quantumsafe.bench.crypto.CryptoBenchReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "The benchmarks behind the published figures.",
        subcommands = {BenchCommand.Crypto.class})
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
}
