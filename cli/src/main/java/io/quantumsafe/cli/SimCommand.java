package io.quantumsafe.cli;

import io.quantumsafe.consensus.sim.Behaviour;
import io.quantumsafe.consensus.sim.RunResult;
import io.quantumsafe.consensus.sim.SimConfig;
import io.quantumsafe.consensus.sim.Simulation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Deterministic consensus simulation (Narwhal + Bullshark): Byzantine validators, network faults, crashes.",
                "Every run is replayed exactly by its seed. Exits 1 if any checker (safety, validity, liveness, no honest",
                "equivocation, bounded memory) fails, and prints the command that replays the failing seed."})
final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--validators", paramLabel = "N", description = "Committee size (default: ${DEFAULT-VALUE}).")
    int validators = 4;

    @Option(names = "--byzantine", paramLabel = "F", description = "Byzantine validators, at most f = (N-1)/3 (default: f).")
    Integer byzantine;

    @Option(names = "--seeds", paramLabel = "S", description = "Run seeds 1..S (default: ${DEFAULT-VALUE}).")
    int seeds = 10;

    @Option(names = "--seed", paramLabel = "X", description = "Run only seed X (replays a failing run).")
    Long seed;

    @Option(names = "--rounds", paramLabel = "R", description = "Propose batches until an honest validator reaches round R (default: ${DEFAULT-VALUE}).")
    int rounds = 60;

    @Option(names = "--ml-dsa", description = "Real ML-DSA-65 certificates instead of the insecure simulation scheme (slow for large N).")
    boolean mlDsa;

    @Option(names = "--no-wire", description = "Pass message objects instead of encoding and decoding every message.")
    boolean noWire;

    @Option(names = "--behaviours", paramLabel = "LIST", split = ",",
            description = "Byzantine behaviours to draw from (default: all but twins): equivocate, double-vote, bad-signature, wrong-key, "
                    + "withhold-votes, withhold-certificates, partial-send, replay, bad-parents, flood, twins; or 'all'.")
    List<String> behaviours;

    @Option(names = "--gst", paramLabel = "MS", description = "Global stabilisation time in simulated ms (default: ${DEFAULT-VALUE}).")
    long gstMillis = 3_000;

    @Option(names = "--delta", paramLabel = "MS", description = "Message delay bound after GST (default: ${DEFAULT-VALUE}).")
    long deltaMillis = 100;

    @Option(names = "--drop", paramLabel = "P", description = "Loss probability before GST (default: ${DEFAULT-VALUE}).")
    double drop = 0.05;

    @Option(names = "--duplicate", paramLabel = "P", description = "Duplication probability (default: ${DEFAULT-VALUE}).")
    double duplicate = 0.02;

    @Option(names = "--partitions", paramLabel = "K", description = "Partitions before GST, random sets or whole datacenters (default: ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Option(names = "--crashes", paramLabel = "K", description = "Crash-and-restart episodes of honest validators before GST (default: ${DEFAULT-VALUE}).")
    int crashes = 1;

    @Option(names = {"-v", "--verbose"}, description = "Print every violation and the refusals by reason for each run.")
    boolean verbose;

    @Override
    public void run() {
        int f = (validators - 1) / 3;
        SimConfig base;
        try {
            base = SimConfig.defaults(validators, byzantine == null ? f : byzantine, 1).withRounds(rounds).withMlDsa(mlDsa).withWire(!noWire)
                    .withNetwork(gstMillis, deltaMillis, 300, drop, duplicate, partitions, crashes).withBehaviours(parseBehaviours());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (seed == null && (seeds < 1 || seeds > 1_000_000)) throw new CommandFailure("--seeds must be between 1 and 1,000,000");
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "qsafe sim: n=%d, %d Byzantine, %s certificates, GST %d ms, delta %d ms, liveness bound %d ms after GST%n",
                validators, base.byzantine(), mlDsa ? "ML-DSA-65" : "insecure simulation", gstMillis, deltaMillis, base.livenessBoundMillis());
        long first = seed == null ? 1 : seed, last = seed == null ? seeds : seed;
        List<RunResult> results = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        long start = System.nanoTime();
        for (long s = first; s <= last; s++) {
            RunResult result = Simulation.run(base.withSeed(s));
            results.add(result);
            out.println(result.line());
            if (!result.passed()) failed.add(s);
            if (verbose || !result.passed()) for (String v : result.violations()) out.println("    " + v);
            if (verbose) out.println("    refusals by honest replicas: " + result.rejections());
            out.flush();
        }
        printAggregate(out, results, (System.nanoTime() - start) / 1_000_000);
        if (!failed.isEmpty()) {
            out.flush();
            throw new CommandFailure(failed.size() + " of " + results.size() + " runs failed (seeds " + failed + "); replay one with: qsafe sim "
                    + replayArguments() + " --seed " + failed.getFirst());
        }
    }

    private EnumSet<Behaviour> parseBehaviours() {
        if (behaviours == null) {
            EnumSet<Behaviour> all = EnumSet.allOf(Behaviour.class);
            all.remove(Behaviour.TWINS);
            return all;
        }
        EnumSet<Behaviour> set = EnumSet.noneOf(Behaviour.class);
        for (String name : behaviours) {
            if (name.equalsIgnoreCase("all")) return EnumSet.allOf(Behaviour.class);
            try {
                set.add(Behaviour.parse(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown behaviour '" + name + "'");
            }
        }
        return set;
    }

    private String replayArguments() {
        StringBuilder args = new StringBuilder("--validators " + validators + " --byzantine " + (byzantine == null ? (validators - 1) / 3 : byzantine)
                + " --rounds " + rounds);
        if (mlDsa) args.append(" --ml-dsa");
        if (noWire) args.append(" --no-wire");
        if (behaviours != null) args.append(" --behaviours ").append(String.join(",", behaviours));
        args.append(String.format(Locale.ROOT, " --gst %d --delta %d --drop %s --duplicate %s --partitions %d --crashes %d",
                gstMillis, deltaMillis, drop, duplicate, partitions, crashes));
        return args.toString();
    }

    private static void printAggregate(PrintWriter out, List<RunResult> results, long wallMillis) {
        long passed = results.stream().filter(RunResult::passed).count();
        long subDags = results.stream().mapToLong(RunResult::committedSubDags).sum();
        long batches = results.stream().mapToLong(RunResult::committedBatches).sum();
        long proposed = results.stream().mapToLong(RunResult::proposedBatches).sum();
        double latency = results.stream().mapToDouble(RunResult::latencyMillisMean).average().orElse(0);
        double latencyRounds = results.stream().mapToDouble(RunResult::latencyRoundsMean).average().orElse(0);
        long p99 = results.stream().mapToLong(RunResult::latencyMillisP99).max().orElse(0);
        long messages = results.stream().mapToLong(RunResult::messages).sum();
        long bytes = results.stream().mapToLong(RunResult::bytes).sum();
        out.printf(Locale.ROOT, "%n%d/%d runs passed in %.1f s: %d sub-DAGs and %d/%d honest batches committed; latency %.0f ms (worst p99 %d ms), %.1f rounds;"
                        + " %.0f messages and %.1f KB per committed sub-DAG%n",
                passed, results.size(), wallMillis / 1000.0, subDags, batches, proposed, latency, p99, latencyRounds,
                subDags == 0 ? 0.0 : (double) messages / subDags, subDags == 0 ? 0.0 : bytes / 1024.0 / subDags);
    }
}
