package io.quantumsafe.consensus.sim;

import java.util.EnumSet;
import java.util.Set;

/**
 * One simulated run. Times are simulated milliseconds.
 *
 * @param validators         n
 * @param byzantine          Byzantine validators (at most f)
 * @param seed               the only source of randomness
 * @param rounds             honest validators propose batches until one reaches this round
 * @param mlDsa              real ML-DSA-65 certificates instead of {@link InsecureSimulationScheme}
 * @param wire               encode every message and decode it at the receiver (exercises the codec)
 * @param gstMillis          global stabilisation time: before it delays are unbounded-ish, messages drop and partitions happen
 * @param deltaMillis        the delay bound after GST (delays are uniform in [deltaMillis/10, deltaMillis])
 * @param asyncDelayMeanMillis mean of the exponential extra delay of a slow message before GST
 * @param dropProbability    chance a message sent before GST is lost
 * @param duplicateProbability chance a message is delivered twice (any time)
 * @param partitions         partition episodes before GST (random subsets or whole regions)
 * @param crashes            crash-and-restart episodes of honest validators before GST
 * @param behaviours         behaviours the Byzantine validators draw from
 * @param batchIntervalMillis each honest validator proposes one batch this often
 * @param batchBytes         bytes per batch
 * @param regions            datacenter/region labels, assigned round-robin
 * @param brokenVoteRule     test only (not reachable from the CLI): honest replicas vote for equivocating headers
 */
public record SimConfig(int validators, int byzantine, long seed, int rounds, boolean mlDsa, boolean wire, long gstMillis, long deltaMillis,
                        long asyncDelayMeanMillis, double dropProbability, double duplicateProbability, int partitions, int crashes,
                        Set<Behaviour> behaviours, long batchIntervalMillis, int batchBytes, int regions, boolean brokenVoteRule) {
    public SimConfig {
        behaviours = behaviours.isEmpty() ? EnumSet.noneOf(Behaviour.class) : EnumSet.copyOf(behaviours);
        int f = (validators - 1) / 3;
        if (validators < 1 || validators > 1024) throw new IllegalArgumentException("--validators must be between 1 and 1024, not " + validators);
        if (byzantine < 0 || byzantine > f) {
            throw new IllegalArgumentException("--byzantine must be between 0 and f = " + f + " for " + validators + " validators, not " + byzantine);
        }
        if (byzantine > 0 && behaviours.isEmpty()) throw new IllegalArgumentException("Byzantine validators need at least one behaviour");
        if (rounds < 4 || rounds > 1_000_000) throw new IllegalArgumentException("--rounds must be between 4 and 1,000,000, not " + rounds);
        if (dropProbability < 0 || dropProbability > 0.5 || duplicateProbability < 0 || duplicateProbability > 0.5) {
            throw new IllegalArgumentException("drop and duplicate probabilities must be between 0 and 0.5");
        }
        if (gstMillis < 0 || deltaMillis < 10 || asyncDelayMeanMillis < 0) throw new IllegalArgumentException("bad timing parameters");
        if (partitions < 0 || crashes < 0 || batchIntervalMillis < 1 || batchBytes < 16 || regions < 1) throw new IllegalArgumentException("bad fault parameters");
    }

    /** Defaults: every fault on, all behaviours but twins, GST at 3 s, delta 100 ms. */
    public static SimConfig defaults(int validators, int byzantine, long seed) {
        EnumSet<Behaviour> behaviours = EnumSet.allOf(Behaviour.class);
        behaviours.remove(Behaviour.TWINS);
        return new SimConfig(validators, byzantine, seed, 60, false, true, 3_000, 100, 300, 0.05, 0.02, 2, 1, behaviours, 200, 512, 4, false);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(validators, byzantine, s, rounds, mlDsa, wire, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, behaviours, batchIntervalMillis, batchBytes, regions, brokenVoteRule);
    }

    public SimConfig withRounds(int r) {
        return new SimConfig(validators, byzantine, seed, r, mlDsa, wire, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, behaviours, batchIntervalMillis, batchBytes, regions, brokenVoteRule);
    }

    public SimConfig withMlDsa(boolean on) {
        return new SimConfig(validators, byzantine, seed, rounds, on, wire, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, behaviours, batchIntervalMillis, batchBytes, regions, brokenVoteRule);
    }

    public SimConfig withWire(boolean on) {
        return new SimConfig(validators, byzantine, seed, rounds, mlDsa, on, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, behaviours, batchIntervalMillis, batchBytes, regions, brokenVoteRule);
    }

    public SimConfig withNetwork(long gst, long delta, long asyncMean, double drop, double duplicate, int partitionCount, int crashCount) {
        return new SimConfig(validators, byzantine, seed, rounds, mlDsa, wire, gst, delta, asyncMean, drop, duplicate, partitionCount, crashCount,
                behaviours, batchIntervalMillis, batchBytes, regions, brokenVoteRule);
    }

    public SimConfig withBehaviours(Set<Behaviour> set) {
        return new SimConfig(validators, byzantine, seed, rounds, mlDsa, wire, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, set, batchIntervalMillis, batchBytes, regions, brokenVoteRule);
    }

    public SimConfig withBatches(long intervalMillis, int bytes) {
        return new SimConfig(validators, byzantine, seed, rounds, mlDsa, wire, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, behaviours, intervalMillis, bytes, regions, brokenVoteRule);
    }

    /** Test only: honest replicas run the broken vote rule; the safety checker must catch it. */
    public SimConfig withBrokenVoteRuleForTestsOnly() {
        return new SimConfig(validators, byzantine, seed, rounds, mlDsa, wire, gstMillis, deltaMillis, asyncDelayMeanMillis, dropProbability,
                duplicateProbability, partitions, crashes, behaviours, batchIntervalMillis, batchBytes, regions, true);
    }

    /** Replica timing used in simulation: the leader timeout is a few delta so that rounds after GST are not slowed by it. */
    public long leaderTimeoutMillis() { return 5 * deltaMillis; }

    /**
     * The liveness bound checked after every run: a batch an honest validator proposes at time t is
     * output by every live honest replica by {@code max(t, GST) + livenessBoundMillis()}. Derivation:
     * after GST a round takes at most one leader timeout plus two message delays (header out, votes
     * back, certificate out: 3 delta); a batch waits for the proposer's next header (1 round), and is
     * then output by the first honest leader that commits at least 2 rounds later; round-robin puts at
     * most f Byzantine leaders in a row (2f rounds). Add the time a replica needs to fetch its way back
     * after GST (GC depth rounds of one round trip each) and resending intervals.
     */
    public long livenessBoundMillis() {
        int f = (validators - 1) / 3;
        long round = leaderTimeoutMillis() + 3 * deltaMillis;
        return (2L * f + 8) * round + 50L * 2 * deltaMillis + 4 * leaderTimeoutMillis();
    }
}
