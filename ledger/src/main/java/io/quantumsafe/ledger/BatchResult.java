package io.quantumsafe.ledger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The outcome of one batch: what happened to each request, and the commitment with the new state
 * root. Keeps the batch's transfer tree, so receipts can be cut from it.
 */
public final class BatchResult {
    private final List<RequestOutcome> outcomes;
    private final long sequence;
    private final CompletableFuture<BatchCommitment> commitment;
    private final MerkleTree transferTree;
    private final Transfer[] leafTransfers;
    private final long[] leafTimestamps;
    private final CreateTransferResult[] leafResults;
    private final int expired;

    BatchResult(List<RequestOutcome> outcomes, long sequence, CompletableFuture<BatchCommitment> commitment,
                MerkleTree transferTree, Transfer[] leafTransfers, long[] leafTimestamps, CreateTransferResult[] leafResults,
                int expired) {
        this.outcomes = List.copyOf(outcomes);
        this.sequence = sequence;
        this.commitment = commitment;
        this.transferTree = transferTree;
        this.leafTransfers = leafTransfers;
        this.leafTimestamps = leafTimestamps;
        this.leafResults = leafResults;
        this.expired = expired;
    }

    public List<RequestOutcome> outcomes() { return outcomes; }

    /** The batch's commitment; with {@link RootHashing#pipelined} this waits until its roots are hashed. */
    public BatchCommitment commitment() { return await(commitment); }

    public byte[] stateRoot() { return commitment().stateRoot(); }

    public long sequence() { return sequence; }

    /** Pending transfers that expired at the start of this batch. */
    public int expiredPendingTransfers() { return expired; }

    /** Transfer events executed in this batch (across admitted requests). */
    public int transferEvents() { return leafTransfers.length; }

    /** A proof for the transfer at {@code leaf} (see {@link RequestOutcome#firstTransferLeaf()}). */
    public TransferProof transferProof(int leaf) {
        BatchCommitment hashed = commitment(); // first: the transfer tree may still be hashing
        return new TransferProof(leafTransfers[leaf], leafTimestamps[leaf], leafResults[leaf], transferTree.proof(leaf), hashed);
    }

    static BatchCommitment await(CompletableFuture<BatchCommitment> commitment) {
        try {
            return commitment.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("hashing the state root failed", e.getCause());
        }
    }
}
