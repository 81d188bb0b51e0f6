package io.quantumsafe.ledger;

import java.util.List;

/**
 * The outcome of one batch: what happened to each request, and the commitment with the new state
 * root. Keeps the batch's transfer tree, so receipts can be cut from it.
 */
public final class BatchResult {
    private final List<RequestOutcome> outcomes;
    private final BatchCommitment commitment;
    private final byte[] stateRoot;
    private final MerkleTree transferTree;
    private final Transfer[] leafTransfers;
    private final long[] leafTimestamps;
    private final CreateTransferResult[] leafResults;
    private final int expired;

    BatchResult(List<RequestOutcome> outcomes, BatchCommitment commitment, MerkleTree transferTree, Transfer[] leafTransfers,
                long[] leafTimestamps, CreateTransferResult[] leafResults, int expired) {
        this.outcomes = List.copyOf(outcomes);
        this.commitment = commitment;
        this.stateRoot = commitment.stateRoot();
        this.transferTree = transferTree;
        this.leafTransfers = leafTransfers;
        this.leafTimestamps = leafTimestamps;
        this.leafResults = leafResults;
        this.expired = expired;
    }

    public List<RequestOutcome> outcomes() { return outcomes; }

    public BatchCommitment commitment() { return commitment; }

    public byte[] stateRoot() { return stateRoot.clone(); }

    public long sequence() { return commitment.sequence(); }

    /** Pending transfers that expired at the start of this batch. */
    public int expiredPendingTransfers() { return expired; }

    /** Transfer events executed in this batch (across admitted requests). */
    public int transferEvents() { return leafTransfers.length; }

    /** A proof for the transfer at {@code leaf} (see {@link RequestOutcome#firstTransferLeaf()}). */
    public TransferProof transferProof(int leaf) {
        return new TransferProof(leafTransfers[leaf], leafTimestamps[leaf], leafResults[leaf], transferTree.proof(leaf), commitment);
    }
}
