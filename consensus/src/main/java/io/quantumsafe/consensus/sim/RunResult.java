package io.quantumsafe.consensus.sim;

import java.util.List;
import java.util.Map;

/**
 * What one simulated run did and whether every checker passed.
 *
 * @param committedSubDags      sub-DAGs output by the most advanced honest replica
 * @param committedBatches      honest batches output by every live honest replica
 * @param proposedBatches       honest batches proposed (excluding those lost in a crash before they reached a header)
 * @param latencyMillisMean     mean of (output time - proposal time) over every (batch, honest replica)
 * @param latencyMillisP99      99th percentile of the same
 * @param latencyRoundsMean     mean of (committing leader's round - proposer's round at proposal)
 * @param messages              messages sent by all validators (duplicates by the network not counted)
 * @param bytes                 encoded bytes of those messages
 * @param highestRound          highest round an honest replica proposed
 * @param simulatedMillis       simulated time at the end of the run
 * @param maxDagVertices        largest DAG any honest replica held
 * @param finalDagVertices      largest DAG at the end of the run
 * @param rejections            refusals by honest replicas, by reason
 * @param violations            checker failures; empty when the run passed
 */
public record RunResult(long seed, long committedSubDags, long committedBatches, long proposedBatches, double latencyMillisMean,
                        long latencyMillisP99, double latencyRoundsMean, long messages, long bytes, long highestRound, long simulatedMillis,
                        int maxDagVertices, int finalDagVertices, Map<String, Long> rejections, List<String> violations, long wallMillis,
                        String fingerprint) {
    public boolean passed() { return violations.isEmpty(); }

    public double messagesPerCommit() { return committedSubDags == 0 ? 0 : (double) messages / committedSubDags; }

    public double bytesPerCommit() { return committedSubDags == 0 ? 0 : (double) bytes / committedSubDags; }

    /** One line for the per-run table; with the same seed and configuration it is identical, wall time aside. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "seed %d: %s  sub-DAGs %d, batches %d/%d, latency %.0f ms (p99 %d ms) %.1f rounds, %.0f msgs and %.0f KB per sub-DAG, round %d, %.1f s simulated, DAG max %d",
                seed, passed() ? "OK  " : "FAIL", committedSubDags, committedBatches, proposedBatches, latencyMillisMean, latencyMillisP99,
                latencyRoundsMean, messagesPerCommit(), bytesPerCommit() / 1024, highestRound, simulatedMillis / 1000.0, maxDagVertices);
    }
}
