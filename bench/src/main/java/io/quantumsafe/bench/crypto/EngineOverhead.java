package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The engine's overhead over the raw provider, measured paired and interleaved: in every round a
 * block of raw operations and a block of the same operations through the engine run back to back
 * (the order alternating between rounds), and the round yields one engine/raw ratio. Whatever load
 * another process puts on the machine over seconds affects both blocks of a round alike, so it
 * cancels in the ratio; the median of the ratios with an order-statistic confidence interval then
 * needs no assumption about how that load is distributed.
 *
 * <p>Time is the thread's CPU time, which leaves out the time the thread waited for a core, and
 * also wall time, which includes it (and includes GC pauses, whose work runs on other threads).
 */
public final class EngineOverhead {
    static final double confidence = 0.95;
    /** The goal of issue 2: the engine adds under 1% over the fastest provider. */
    static final double goal = 1.01;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final int rounds;
    private final long blockNanos;
    private final long warmupNanos;
    /** Keeps results reachable so that no JIT could drop an operation whose result is unused. */
    private Object consumed;

    /**
     * One measured pair: per-op CPU microseconds and heap bytes allocated by each side (the bytes
     * point at per-call allocation the engine adds), and the subject/baseline ratios.
     */
    public record Row(Algorithm algorithm, String providers, String operation, double baselineMicros, double subjectMicros,
                      double baselineBytes, double subjectBytes, PairedStats.Summary cpu, PairedStats.Summary wall) {}

    /** Everything one run measured, and the load on the machine around it. */
    public record Report(Row selfCheck, List<Row> engine, List<Row> observer, String loadBefore, String loadAfter, int rounds) {
        public String markdown(String command) {
            StringBuilder out = new StringBuilder();
            out.append("Load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter)
                    .append(". ").append(rounds).append(" paired rounds per row. Reproduce: `").append(command).append("`\n\n");
            out.append("Engine over raw provider (no observer). Ratios are per round, engine/raw; CI is the ")
                    .append(Math.round(confidence * 100)).append("% confidence interval of the median. Under 1%: yes when the")
                    .append(" CPU interval lies below ").append(goal).append(", no when above it, otherwise not resolved.\n\n");
            table(out, engine, "raw", "engine", "engine/raw");
            out.append("\nMethod check: the first raw operation timed against itself (the ratio should be 1).\n\n");
            table(out, List.of(selfCheck), "raw", "raw", "raw/raw");
            if (!observer.isEmpty()) {
                out.append("\nAudit hook: the engine with a counting observer over the engine without one.\n\n");
                table(out, observer, "no observer", "observer", "observed/plain");
            }
            return out.toString();
        }

        private static void table(StringBuilder out, List<Row> rows, String baseline, String subject, String ratio) {
            out.append("| algorithm | provider | operation | ").append(baseline).append(" µs/op | ").append(subject)
                    .append(" µs/op | ").append(ratio).append(" CPU, median [CI] | IQR | wall, median [CI] | under 1%? | B/op ")
                    .append(baseline).append(" / ").append(subject).append(" |\n");
            out.append("|---|---|---|---:|---:|---:|---:|---:|---|---:|\n");
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %.3f-%.3f | %s | %s | %.0f / %.0f |%n",
                        row.algorithm().displayName(), row.providers(), row.operation(), row.baselineMicros(),
                        row.subjectMicros(), ratio(row.cpu()), row.cpu().q1(), row.cpu().q3(), ratio(row.wall()),
                        verdict(row.cpu()), row.baselineBytes(), row.subjectBytes()));
            }
        }

        private static String ratio(PairedStats.Summary summary) {
            return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", summary.median(), summary.low(), summary.high());
        }
    }

    /** Whether the CPU-time interval settles the goal either way. */
    static String verdict(PairedStats.Summary cpu) {
        if (cpu.high() < goal) return "yes";
        if (cpu.low() > goal) return "**no**";
        return "not resolved";
    }

    private EngineOverhead(int rounds, long blockMillis, long warmupMillis) {
        if (!threads.isCurrentThreadCpuTimeSupported()) throw new IllegalStateException("this JVM cannot read thread CPU time");
        threads.setThreadCpuTimeEnabled(true);
        this.rounds = rounds;
        this.blockNanos = blockMillis * 1_000_000;
        this.warmupNanos = warmupMillis * 1_000_000;
    }

    /**
     * Measures every default-provider operation of {@code algorithms} (all of the README table when
     * empty), reporting each row to {@code progress} as it finishes.
     */
    public static Report run(List<String> algorithms, int rounds, int blockMillis, int warmupMillis, boolean withObserver,
                             Consumer<String> progress) throws Exception {
        List<Algorithm> selected = algorithms.isEmpty() ? OverheadCases.defaults
                : algorithms.stream().map(Algorithm::fromName).toList();
        EngineOverhead bench = new EngineOverhead(rounds, blockMillis, warmupMillis);
        String before = loadAverage();
        List<Row> engine = new ArrayList<>();
        List<Row> observer = new ArrayList<>();
        Row selfCheck = null;
        for (Algorithm algorithm : selected) {
            List<OverheadCases.Comparison> comparisons = OverheadCases.forAlgorithm(algorithm, withObserver);
            if (selfCheck == null) {
                // An A/A comparison: any bias of the method itself (order, block position) shows here.
                OverheadCases.Comparison first = comparisons.getFirst();
                selfCheck = bench.measure(new OverheadCases.Comparison(first.algorithm(), first.providers(), first.operation(),
                        first.baseline(), first.baseline(), first.random()));
                progress.accept(String.format(Locale.ROOT, "raw/raw %s %s: %.4f [%.4f, %.4f]", algorithm.displayName(),
                        selfCheck.operation(), selfCheck.cpu().median(), selfCheck.cpu().low(), selfCheck.cpu().high()));
            }
            int rawRows = comparisons.size() / (withObserver ? 2 : 1);
            for (int c = 0; c < comparisons.size(); c++) {
                Row row = bench.measure(comparisons.get(c));
                (c < rawRows ? engine : observer).add(row);
                progress.accept(String.format(Locale.ROOT, "%s %s %s: %.1f / %.1f us, %s %.4f [%.4f, %.4f] (load %s)",
                        c < rawRows ? "engine/raw" : "observed/plain", algorithm.displayName(), row.operation(),
                        row.baselineMicros(), row.subjectMicros(), "cpu", row.cpu().median(), row.cpu().low(),
                        row.cpu().high(), loadAverage()));
            }
        }
        return new Report(selfCheck, engine, observer, before, loadAverage(), rounds);
    }

    Row measure(OverheadCases.Comparison comparison) throws Exception {
        OverheadCases.Op baseline = comparison.baseline();
        OverheadCases.Op subject = comparison.subject();
        // Warm-up alternates the sides too, so the JIT sees both before either is timed, and it
        // sizes the block from the slower side's cost per operation.
        int n = 1;
        long perOp = 1;
        long warmupEnd = System.nanoTime() + warmupNanos;
        ReplayableRandom random = comparison.random();
        long seed = 0;
        do {
            random.rewind(++seed);
            long first = block(baseline, n)[0];
            random.rewind(seed);
            long second = block(subject, n)[0];
            perOp = Math.max(1, Math.max(first, second) / n);
            n = (int) Math.max(1, Math.min(1_000_000, blockNanos / perOp));
        } while (System.nanoTime() < warmupEnd);
        System.gc();
        double[] cpuRatios = new double[rounds];
        double[] wallRatios = new double[rounds];
        double[] baselineCpu = new double[rounds];
        double[] subjectCpu = new double[rounds];
        double[] baselineBytes = new double[rounds];
        double[] subjectBytes = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long[] base;
            long[] subj;
            seed++;
            if ((r & 1) == 0) {
                random.rewind(seed);
                base = block(baseline, n);
                random.rewind(seed);
                subj = block(subject, n);
            } else {
                random.rewind(seed);
                subj = block(subject, n);
                random.rewind(seed);
                base = block(baseline, n);
            }
            cpuRatios[r] = (double) subj[0] / base[0];
            wallRatios[r] = (double) subj[1] / base[1];
            baselineCpu[r] = base[0] / 1e3 / n;
            subjectCpu[r] = subj[0] / 1e3 / n;
            baselineBytes[r] = (double) base[2] / n;
            subjectBytes[r] = (double) subj[2] / n;
        }
        return new Row(comparison.algorithm(), comparison.providers(), comparison.operation(),
                PairedStats.median(baselineCpu), PairedStats.median(subjectCpu),
                PairedStats.median(baselineBytes), PairedStats.median(subjectBytes),
                PairedStats.summarise(cpuRatios, confidence), PairedStats.summarise(wallRatios, confidence));
    }

    /**
     * Runs {@code n} operations; returns {thread CPU nanos, wall nanos, bytes allocated}. Inputs
     * restart at 0 so both sides see the same ones.
     */
    private long[] block(OverheadCases.Op op, int n) throws Exception {
        long bytesStart = threads.getCurrentThreadAllocatedBytes();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < n; i++) consumed = op.run(i);
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytesStart;
        return new long[] {Math.max(1, cpu), Math.max(1, wall), bytes};
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
