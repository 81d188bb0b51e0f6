package io.quantumsafe.node.sync;

import java.util.List;

/**
 * What a validator that fell out of the consensus GC window needs to rejoin, as one peer serves it:
 * the peer's newest ledger snapshot, the committed entries after it up to the peer's commit
 * position, the checkpoint certificates that anchor them (the one at the commit position is required),
 * and the peer's consensus window at that position (what the peer itself would restart from after a
 * crash, without its own votes).
 *
 * @param snapshotSequence the sub-DAG the ledger snapshot is at; 0 with an empty snapshot means genesis
 * @param certificates encoded {@link io.quantumsafe.node.checkpoint.CheckpointCertificate}s
 */
public record RestartPoint(int networkId, long snapshotSequence, byte[] ledgerSnapshot, List<byte[]> certificates, List<Entry> entries,
                           Consensus consensus) {
    public RestartPoint {
        certificates = List.copyOf(certificates);
        entries = List.copyOf(entries);
    }

    /** One committed sub-DAG's batches, in the node store's entry encoding. */
    public record Entry(long sequence, byte[] batches) {}

    /**
     * The commit position and the DAG above the GC round.
     *
     * @param vertices each a consensus {@code SyncResponse} holding one certificate and its batches
     * @param committed vertices in the window already output (digest, round)
     */
    public record Consensus(long sequence, long leaderRound, long gcRound, List<byte[]> vertices, List<Committed> committed) {
        public Consensus {
            vertices = List.copyOf(vertices);
            committed = List.copyOf(committed);
        }
    }

    public record Committed(byte[] digest, long round) {}
}
