package io.quantumsafe.audit.anomaly;

import io.quantumsafe.audit.anomaly.SyntheticTraffic.Kind;
import io.quantumsafe.audit.anomaly.SyntheticTraffic.Labelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Detection quality on {@link SyntheticTraffic}: one run per anomaly kind (clean traffic plus that
 * kind's episodes) and one run on clean traffic alone. Both detectors see every event in time
 * order: the streaming one learns as it goes; the batch forest is trained on the warm-up days'
 * feature vectors (as the nightly job would be) and scores the rest.
 *
 * <p>Counting, per kind and detector: an episode is detected if any of its events is flagged
 * (recall = detected / episodes); every flagged clean event after the warm-up is a false alarm
 * (precision = detected / (detected + false alarms)); delay is the index within the episode of
 * the first flagged event (0 = its first event). The false-positive rate is flagged / clean events
 * after the warm-up in the clean run.
 */
public final class Evaluation {
    /**
     * @param streamingGradeMin the streaming detector flags an event at or above this grade (alerts use the same)
     * @param batchScoreMin the batch forest flags an event at or above this score
     */
    public record Settings(SyntheticTraffic.Shape shape, StreamingDetector.Settings streaming, BatchDetector.Settings batch,
                           double streamingGradeMin) {}

    public record Row(String kind, String detector, int episodes, int detected, int falseAlarms, double meanDelayEvents) {
        public double recall() { return episodes == 0 ? 0 : (double) detected / episodes; }

        public double precision() { return detected + falseAlarms == 0 ? 0 : (double) detected / (detected + falseAlarms); }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public record CleanRow(String detector, long cleanEvents, long flagged) {
        public double falsePositiveRate() { return cleanEvents == 0 ? 0 : (double) flagged / cleanEvents; }
    }

    public record Report(List<Row> rows, List<CleanRow> clean, long events, double streamingMicrosPerEvent) {
        public String table() {
            StringBuilder out = new StringBuilder();
            out.append("| kind | detector | episodes | detected | false alarms | precision | recall | F1 | mean delay (events) |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f | %.1f |%n", row.kind(), row.detector(),
                        row.episodes(), row.detected(), row.falseAlarms(), row.precision(), row.recall(), row.f1(), row.meanDelayEvents()));
            }
            out.append("\n| detector | clean events | flagged | false-positive rate |\n|---|---:|---:|---:|\n");
            for (CleanRow row : clean) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f%% |%n", row.detector(), row.cleanEvents(), row.flagged(),
                        100 * row.falsePositiveRate()));
            }
            out.append(String.format(Locale.ROOT, "%nevents scored: %d; streaming detector (features + RCF score + update) %.1f us/event in this run%n",
                    events, streamingMicrosPerEvent));
            return out.toString();
        }
    }

    private Evaluation() {}

    public static Report run(Settings settings) {
        List<Row> rows = new ArrayList<>();
        long events = 0, nanos = 0;
        for (Kind kind : Kind.values()) {
            Pass pass = pass(settings, List.of(kind));
            rows.add(pass.row(kind, "streaming", pass.streamingFlags));
            rows.add(pass.row(kind, "batch", pass.batchFlags));
            events += pass.data.events().size();
            nanos += pass.streamingNanos;
        }
        Pass clean = pass(settings, List.of());
        events += clean.data.events().size();
        nanos += clean.streamingNanos;
        List<CleanRow> cleanRows = List.of(clean.cleanRow("streaming", clean.streamingFlags), clean.cleanRow("batch", clean.batchFlags));
        return new Report(rows, cleanRows, events, nanos / 1000.0 / Math.max(1, events));
    }

    /** One pass over a data set: which events each detector flagged. */
    private static final class Pass {
        SyntheticTraffic.DataSet data;
        boolean[] streamingFlags, batchFlags, evaluated;
        long streamingNanos;

        Row row(Kind kind, String detector, boolean[] flags) {
            int episodes = data.episodes();
            int[] firstFlag = new int[episodes];
            java.util.Arrays.fill(firstFlag, -1);
            int falseAlarms = 0;
            for (int i = 0; i < flags.length; i++) {
                if (!flags[i]) continue;
                Labelled event = data.events().get(i);
                if (event.clean()) {
                    if (evaluated[i]) falseAlarms++;
                } else if (firstFlag[event.episode()] < 0 || event.step() < firstFlag[event.episode()]) {
                    firstFlag[event.episode()] = event.step();
                }
            }
            int detected = 0;
            long delay = 0;
            for (int first : firstFlag) {
                if (first >= 0) {
                    detected++;
                    delay += first;
                }
            }
            return new Row(kind.wireName(), detector, episodes, detected, falseAlarms, detected == 0 ? Double.NaN : (double) delay / detected);
        }

        CleanRow cleanRow(String detector, boolean[] flags) {
            long clean = 0, flagged = 0;
            for (int i = 0; i < flags.length; i++) {
                if (!evaluated[i]) continue;
                clean++;
                if (flags[i]) flagged++;
            }
            return new CleanRow(detector, clean, flagged);
        }
    }

    private static Pass pass(Settings settings, List<Kind> kinds) {
        Pass pass = new Pass();
        pass.data = SyntheticTraffic.generate(settings.shape(), kinds);
        List<Labelled> events = pass.data.events();
        int n = events.size();
        pass.streamingFlags = new boolean[n];
        pass.batchFlags = new boolean[n];
        pass.evaluated = new boolean[n];
        StreamingDetector streaming = new StreamingDetector(settings.streaming());
        double[][] features = new double[n][];
        int warmup = 0;
        for (int i = 0; i < n; i++) {
            Labelled event = events.get(i);
            long started = System.nanoTime();
            StreamingDetector.Scored scored = streaming.process(event.event());
            pass.streamingNanos += System.nanoTime() - started;
            features[i] = scored.features();
            boolean inEvaluation = !event.event().timestamp().isBefore(pass.data.evaluationStart());
            if (!inEvaluation) warmup = i + 1;
            pass.evaluated[i] = inEvaluation && event.clean();
            pass.streamingFlags[i] = inEvaluation && scored.verdict().grade() >= settings.streamingGradeMin()
                    && scored.verdict().grade() > 0;
        }
        double[][] training = reservoir(features, warmup, settings.batch().trainingPointsMax(), settings.batch().seed());
        IsolationForest forest = IsolationForest.train(training, settings.batch().trees(), settings.batch().subsample(), settings.batch().seed());
        BatchDetector batch = new BatchDetector(settings.batch(), forest, 1, BatchDetector.calibrate(forest, training, settings.batch()));
        for (int i = warmup; i < n; i++) pass.batchFlags[i] = batch.flags(features[i]);
        return pass;
    }

    /** Up to {@code max} of the first {@code count} points, uniformly (reservoir sampling, seeded). */
    static double[][] reservoir(double[][] points, int count, int max, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = Math.min(count, max);
        double[][] sample = new double[size][];
        for (int i = 0; i < count; i++) {
            if (i < size) sample[i] = points[i];
            else {
                long j = random.nextLong(i + 1);
                if (j < size) sample[(int) j] = points[i];
            }
        }
        return sample;
    }
}
