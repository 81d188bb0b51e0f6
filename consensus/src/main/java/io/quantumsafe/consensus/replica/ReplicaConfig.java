package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.message.CodecLimits;

/**
 * A replica's identity, timeouts (in the caller's time unit, milliseconds by convention) and bounds.
 * Every buffer has a bound here; {@link Replica#memory()} reports usage against them.
 *
 * @param leaderTimeoutMillis     how long to wait in a round for the leader (even) or its votes (odd) before moving on
 * @param resendIntervalMillis    how long without progress before re-sending the own header and certificate
 * @param syncRetryMillis         how long before asking another peer for something still missing
 * @param gcDepthRounds           rounds kept behind the last committed leader; Bullshark's output floor
 * @param dagRoundsMax            rounds the DAG may hold above the GC round; beyond it the replica stops advancing
 * @param headerRoundsAheadMax    rounds beyond the DAG's highest round from which headers are accepted
 * @param pendingCertificatesMax  certificates held while their parents or batches are fetched
 * @param missingMax              certificates and batches being fetched at once
 * @param batchCacheMax           batches held (of vertices and of headers not yet certified): at most
 *                                batchesPerHeaderMax per author per retained or accepted-ahead round
 * @param proposalQueueMax        batches waiting for a header
 * @param batchesPerHeaderMax     batches one header carries
 * @param batchBytesMax           bytes of one batch
 * @param syncItemsMax            digests in one sync request, items in one response
 * @param brokenVoteRuleForTestsOnly votes for every header, equivocating ones too; exists only so that a
 *                                test can show the safety checker catches it. Never set it anywhere else.
 */
public record ReplicaConfig(Committee committee, int self, long leaderTimeoutMillis, long resendIntervalMillis, long syncRetryMillis,
                            int gcDepthRounds, int dagRoundsMax, int headerRoundsAheadMax, int pendingCertificatesMax,
                            int missingMax, int batchCacheMax, int proposalQueueMax, int batchesPerHeaderMax, int batchBytesMax,
                            int syncItemsMax, boolean brokenVoteRuleForTestsOnly) {
    public ReplicaConfig {
        if (!committee.contains(self)) throw new IllegalArgumentException("validator " + self + " is not in the " + committee);
        if (gcDepthRounds < 4) throw new IllegalArgumentException("gcDepthRounds must be at least 4");
        if (dagRoundsMax < gcDepthRounds + 8) throw new IllegalArgumentException("dagRoundsMax must exceed gcDepthRounds by at least 8");
        if (leaderTimeoutMillis <= 0 || resendIntervalMillis <= 0 || syncRetryMillis <= 0) throw new IllegalArgumentException("timeouts must be positive");
    }

    /**
     * Defaults sized for a WAN committee: a 1 s leader timeout (a few round trips), GC 50 rounds behind
     * the commit point (a lagging replica has 50 rounds to catch up by fetching), 64 batches of up to 1 MiB per header.
     */
    public static ReplicaConfig defaults(Committee committee, int self) {
        int n = committee.size();
        int batchesPerHeader = 64, dagRounds = 150, headerRoundsAhead = 4;
        return new ReplicaConfig(committee, self, 1_000, 1_000, 500, 50, dagRounds, headerRoundsAhead, 16 * n + 256, 8 * n + 256,
                batchesPerHeader * n * (dagRounds + headerRoundsAhead + 1), 10_000, batchesPerHeader, 1 << 20, 256, false);
    }

    public ReplicaConfig withTimeouts(long leaderTimeout, long resendInterval, long syncRetry) {
        return new ReplicaConfig(committee, self, leaderTimeout, resendInterval, syncRetry, gcDepthRounds, dagRoundsMax, headerRoundsAheadMax,
                pendingCertificatesMax, missingMax, batchCacheMax, proposalQueueMax, batchesPerHeaderMax, batchBytesMax, syncItemsMax,
                brokenVoteRuleForTestsOnly);
    }

    public ReplicaConfig withGc(int gcDepth, int dagRounds) {
        return new ReplicaConfig(committee, self, leaderTimeoutMillis, resendIntervalMillis, syncRetryMillis, gcDepth, dagRounds, headerRoundsAheadMax,
                pendingCertificatesMax, missingMax, batchCacheMax, proposalQueueMax, batchesPerHeaderMax, batchBytesMax, syncItemsMax,
                brokenVoteRuleForTestsOnly);
    }

    public ReplicaConfig withSelf(int index) {
        return new ReplicaConfig(committee, index, leaderTimeoutMillis, resendIntervalMillis, syncRetryMillis, gcDepthRounds, dagRoundsMax,
                headerRoundsAheadMax, pendingCertificatesMax, missingMax, batchCacheMax, proposalQueueMax, batchesPerHeaderMax, batchBytesMax,
                syncItemsMax, brokenVoteRuleForTestsOnly);
    }

    /** Test only: see {@link #brokenVoteRuleForTestsOnly}. */
    public ReplicaConfig withBrokenVoteRuleForTestsOnly() {
        return new ReplicaConfig(committee, self, leaderTimeoutMillis, resendIntervalMillis, syncRetryMillis, gcDepthRounds, dagRoundsMax,
                headerRoundsAheadMax, pendingCertificatesMax, missingMax, batchCacheMax, proposalQueueMax, batchesPerHeaderMax, batchBytesMax,
                syncItemsMax, true);
    }

    /** Codec bounds matching this configuration, for signatures of up to {@code signatureBytesMax}. */
    public CodecLimits codecLimits(int signatureBytesMax) {
        return CodecLimits.of(committee.size(), batchesPerHeaderMax, batchBytesMax, syncItemsMax, signatureBytesMax);
    }
}
