package io.quantumsafe.cli;

import io.quantumsafe.audit.anomaly.BatchDetector;
import io.quantumsafe.audit.anomaly.Evaluation;
import io.quantumsafe.audit.anomaly.StreamingDetector;
import io.quantumsafe.audit.anomaly.SyntheticTraffic;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "anomaly", mixinStandardHelpOptions = true,
        description = "Anomaly detection: train the batch model now; measure detection quality on a labelled data set.",
        subcommands = {AnomalyCommand.Train.class, AnomalyCommand.Eval.class})
final class AnomalyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a new batch model (Isolation Forest) on the running service's stored events of the last",
                    "train-window (7 days by default); the service uses it from its next batch. Prints the new version."})
    static final class Train implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--url", paramLabel = "URL", description = "The audit service (default: ${DEFAULT-VALUE}).")
        String url = "http://127.0.0.1:9400";

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds = 600;

        @Override
        public void run() {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/anomaly/train"))
                    .timeout(Duration.ofSeconds(timeoutSeconds)).POST(HttpRequest.BodyPublishers.noBody()).build();
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new CommandFailure("training failed (HTTP " + response.statusCode() + "): " + response.body());
                }
                spec.commandLine().getOut().println(response.body());
                spec.commandLine().getOut().flush();
            } catch (IOException e) {
                throw new CommandFailure("cannot reach the audit service at " + url + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure("interrupted");
            }
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Detection quality on a labelled synthetic data set (diurnal traffic, per-client baselines, injected",
                    "anomalies of six kinds): precision, recall, F1 and detection delay per kind and detector, and the",
                    "false-positive rate on clean traffic. Prints the table of audit/README.md."})
    static final class Eval implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--clients", description = "Clients with ordinary traffic (default: ${DEFAULT-VALUE}).")
        int clients = 100;

        @Option(names = "--days", description = "Days of traffic, warm-up included (default: ${DEFAULT-VALUE}).")
        int days = 3;

        @Option(names = "--warmup-days", description = "Clean days the detectors learn from first (default: ${DEFAULT-VALUE}).")
        int warmupDays = 1;

        @Option(names = "--rate", description = "The busiest client's events per minute (default: ${DEFAULT-VALUE}).")
        double rate = 6;

        @Option(names = "--episodes", description = "Injected episodes per anomaly kind (default: ${DEFAULT-VALUE}).")
        int episodes = 50;

        @Option(names = "--seed", description = "Data set seed (default: ${DEFAULT-VALUE}).")
        long seed = 7;

        @Override
        public void run() {
            Evaluation.Settings settings = new Evaluation.Settings(new SyntheticTraffic.Shape(clients, days, warmupDays, rate, episodes, seed),
                    StreamingDetector.Settings.DEFAULT, BatchDetector.Settings.DEFAULT, 0);
            Evaluation.Report report = Evaluation.run(settings);
            PrintWriter out = spec.commandLine().getOut();
            out.print(report.table());
            out.printf("command: ./qsafe anomaly eval --clients %d --days %d --warmup-days %d --rate %s --episodes %d --seed %d%n",
                    clients, days, warmupDays, rate, episodes, seed);
            out.flush();
        }
    }
}
