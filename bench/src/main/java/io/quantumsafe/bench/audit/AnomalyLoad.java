package io.quantumsafe.bench.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.alert.Backoff;
import io.quantumsafe.audit.anomaly.AnomalyStage;
import io.quantumsafe.audit.anomaly.BatchDetector;
import io.quantumsafe.audit.anomaly.StreamingDetector;
import io.quantumsafe.audit.anomaly.SyntheticTraffic;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.ingest.Envelope;
import io.quantumsafe.audit.ingest.Pipeline;
import io.quantumsafe.audit.rules.RuleEngine;
import io.quantumsafe.audit.rules.RuleSet;
import io.quantumsafe.audit.rules.RuleSources;
import io.quantumsafe.audit.store.LuceneStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Per-event cost of the anomaly stage in the full pipeline (rules with both shipped packs, Lucene
 * store, alerts), in-process so that HTTP and the write-ahead log do not blur it: the same
 * synthetic events go through a pipeline without the stage and one with it, alternating, in
 * fresh directories, several rounds; the first third of each run is warm-up. Also the streaming
 * detector alone (features + RCF score + update) on the same events.
 */
public final class AnomalyLoad {
    private AnomalyLoad() {}

    /**
     * Wall-clock and CPU microseconds per event of the measuring thread (the pipeline runs on it;
     * Lucene's background merges do not count in CPU). CPU time is the steadier figure when other
     * processes share the cores: a descheduled thread loses wall time, not CPU time.
     */
    public record Report(int events, int rounds, double[] withoutMicros, double[] withMicros, double[] detectorMicros,
                         double[] withoutCpuMicros, double[] withCpuMicros, double[] detectorCpuMicros) {
        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        public String markdown(String command) {
            double without = median(withoutMicros), with = median(withMicros), detector = median(detectorMicros);
            double withoutCpu = median(withoutCpuMicros), withCpu = median(withCpuMicros), detectorCpu = median(detectorCpuMicros);
            return String.format(Locale.ROOT, """
                    | metric (median of %d rounds, %,d events each) | us/event, wall | us/event, CPU |
                    |---|---:|---:|
                    | pipeline without the anomaly stage (rules + Lucene + alerts) | %.1f | %.1f |
                    | pipeline with the anomaly stage | %.1f | %.1f |
                    | difference: the anomaly stage in the pipeline | %.1f | %.1f |
                    | streaming detector alone (features + RCF score + update) | %.1f | %.1f |
                    | brochure: Isolation Forest scoring | 1,200 | |

                    rounds without: wall %s, CPU %s
                    rounds with:    wall %s, CPU %s
                    detector alone: wall %s, CPU %s

                    Reproduce: `%s`
                    """, withoutMicros.length, events, without, withoutCpu, with, withCpu, with - without, withCpu - withoutCpu, detector,
                    detectorCpu, rounded(withoutMicros), rounded(withoutCpuMicros), rounded(withMicros), rounded(withCpuMicros),
                    rounded(detectorMicros), rounded(detectorCpuMicros), command);
        }

        private static String rounded(double[] values) {
            return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).toList().toString();
        }
    }

    public static Report run(int events, int rounds) throws IOException {
        List<AuditEvent> data = SyntheticTraffic.generate(new SyntheticTraffic.Shape(60, 2, 1, 8, 0, 11), List.of()).events().stream()
                .limit(events).map(SyntheticTraffic.Labelled::event).toList();
        RuleSet rules = RuleSet.compile(RuleSources.read(List.of("pack:crypto-misuse", "pack:compliance"))).rules();
        double[][] without = new double[2][rounds], with = new double[2][rounds], detector = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            record(without, round, pipelineRun(data, rules, false));
            record(with, round, pipelineRun(data, rules, true));
            record(detector, round, detectorRun(data));
        }
        return new Report(data.size(), rounds, without[0], with[0], detector[0], without[1], with[1], detector[1]);
    }

    private static void record(double[][] into, int round, double[] wallAndCpu) {
        into[0][round] = wallAndCpu[0];
        into[1][round] = wallAndCpu[1];
    }

    private static long cpuNanos() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    private static double[] perEvent(long wallStarted, long cpuStarted, int events) {
        return new double[] {(System.nanoTime() - wallStarted) / 1000.0 / events, (cpuNanos() - cpuStarted) / 1000.0 / events};
    }

    private static List<Envelope> envelopes(List<AuditEvent> data) {
        List<Envelope> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            AuditEvent e = data.get(i);
            ObjectNode fields = e.fields().deepCopy();
            AuditEvent copy = new AuditEvent(e.timestamp(), e.component(), e.operation(), e.algorithm(), e.durationMs(), e.status(),
                    e.clientId(), e.payloadSize(), fields);
            out.add(new Envelope("b-" + i, -1, copy, EventCodec.encode(copy), 0));
        }
        return out;
    }

    private static double[] pipelineRun(List<AuditEvent> data, RuleSet rules, boolean anomaly) throws IOException {
        Path directory = Files.createTempDirectory("qsafe-anomaly-bench");
        List<Envelope> envelopes = envelopes(data);
        Clock clock = Clock.systemUTC();
        try (LuceneStore store = new LuceneStore(directory.resolve("store"), Duration.ofDays(3650));
             AlertManager alerts = AlertManager.open(directory.resolve("alerts"), List.of(), Backoff.DEFAULT, clock);
             AnomalyStage stage = anomaly ? AnomalyStage.open(directory.resolve("anomaly"), StreamingDetector.Settings.DEFAULT,
                     BatchDetector.Settings.DEFAULT, Duration.ofDays(365), clock,
                     new AnomalyStage.AlertPolicy("high", 0, Duration.ofMinutes(5), 10_000)) : null) {
            Pipeline pipeline = new Pipeline(new RuleEngine(rules), stage, store, alerts, clock, null);
            int warmup = envelopes.size() / 3;
            int batch = 500;
            for (int from = 0; from < warmup; from += batch) pipeline.process(envelopes.subList(from, Math.min(warmup, from + batch)));
            pipeline.commit(-1);
            long started = System.nanoTime(), cpuStarted = cpuNanos();
            for (int from = warmup; from < envelopes.size(); from += batch) {
                pipeline.process(envelopes.subList(from, Math.min(envelopes.size(), from + batch)));
            }
            pipeline.commit(-1);
            return perEvent(started, cpuStarted, envelopes.size() - warmup);
        } finally {
            delete(directory);
        }
    }

    private static double[] detectorRun(List<AuditEvent> data) {
        StreamingDetector detector = new StreamingDetector(StreamingDetector.Settings.DEFAULT);
        int warmup = data.size() / 3;
        for (int i = 0; i < warmup; i++) detector.process(data.get(i));
        long started = System.nanoTime(), cpuStarted = cpuNanos();
        for (int i = warmup; i < data.size(); i++) detector.process(data.get(i));
        return perEvent(started, cpuStarted, data.size() - warmup);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
