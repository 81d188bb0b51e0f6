package io.quantumsafe.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The settlement ledger: a deterministic state machine over the committed sequence of batches.
 * No clock, no I/O, no threads, no randomness that anything it returns depends on (the id index
 * seeds its hash, which only decides where ids sit in memory): consensus supplies the order and
 * the time, so every replica that applies the same batches computes the same state and the same root.
 * Not thread-safe, lookups included: one thread at a time (the node holds its ledger lock).
 *
 * <p>For each batch: pending transfers due at the batch's time expire; each request is admitted
 * (network, client, size, request number, signature) or refused as a whole; an admitted request's
 * account creations, then its transfers, run in order, with linked chains all-or-nothing; then the
 * roots are computed ({@link BatchCommitment}).
 */
public final class Ledger {
    private final LedgerConfig config;
    private final SignatureCheck signatures;
    private final boolean computeRoots;
    private final RootHashing hashing;
    final AccountTable accounts;
    final TransferTable transfers;
    final ExpiryQueue expiries = new ExpiryQueue();
    final BalanceHistory history = new BalanceHistory();
    final MerkleTree accountTree;
    private final EventExecutor executor;
    private final ClientKey[] clients;
    final long[] lastRequestNumbers;
    private final Map<UInt128, Integer> clientSlots = new HashMap<>();
    final MerkleTree clientTree;
    long sequence;
    long lastTimestamp;
    byte[] historyRoot = new byte[32];
    private BatchCommitment lastCommitment;
    /** With {@link RootHashing.Pipelined}: the last batch's commitment while it is being hashed, else null. */
    private CompletableFuture<BatchCommitment> inFlight;
    private SharedTask<byte[]> inFlightTransferRoot;
    /** Pipelined: the accounts tree's levels, shared out between the hashing thread and this one. */
    private final SharedSlices sharedSlices;
    /** Pipelined: rounds with nothing to help with before each further round yields the core to any other runnable thread. */
    private static final int spinsBeforeYield = 2_000;
    /** Pipelined: yielding rounds before the helper only looks in every 50 µs. */
    private static final int yieldsBeforePark = 10_000;

    // Reused per batch: the transfer leaves.
    private Transfer[] leafTransfers = new Transfer[1024];
    private long[] leafTimestamps = new long[1024];
    private CreateTransferResult[] leafResults = new CreateTransferResult[1024];
    private int leafCount;
    /** Transfers warmed ahead of execution at a time ({@link EventExecutor#warm}): their lines stay in L1/L2. */
    private static final int WARM_AHEAD = 64;
    /** What warming read; kept so the reads are not optimised away, never used otherwise. */
    private long warmth;

    public Ledger(LedgerConfig config, SignatureCheck signatures) {
        this(config, signatures, RootHashing.SERIAL, true);
    }

    /** A ledger whose roots are hashed with {@code hashing} (parallel in a node; identical roots either way). */
    public Ledger(LedgerConfig config, SignatureCheck signatures, RootHashing hashing) {
        this(config, signatures, hashing, true);
    }

    /**
     * @param computeRoots false only to measure the state machine without hashing (LedgerLoad): such a
     *                     ledger's batch commitments carry zero roots, so it can serve neither proofs
     *                     nor checkpoints
     */
    public Ledger(LedgerConfig config, SignatureCheck signatures, RootHashing hashing, boolean computeRoots) {
        this.config = config;
        this.signatures = signatures;
        this.hashing = hashing;
        this.computeRoots = computeRoots;
        this.sharedSlices = hashing instanceof RootHashing.Pipelined ? new SharedSlices() : null;
        this.accounts = new AccountTable(config.accountsMax());
        this.transfers = new TransferTable(config.transfersMax());
        this.accountTree = new MerkleTree(new MerkleTree.LeafSource() {
            @Override
            public int leafBytes() { return RecordCodec.RECORD_BYTES; }

            @Override
            public void write(int index, byte[] out, int offset) { accounts.writeRecord(index, out, offset); }
        }, sharedSlices != null ? sharedSlices : hashing);
        this.executor = new EventExecutor(accounts, transfers, expiries, history, accountTree);
        this.clients = config.clients().stream().sorted(Comparator.comparing(ClientKey::clientId)).toArray(ClientKey[]::new);
        this.lastRequestNumbers = new long[clients.length];
        for (int i = 0; i < clients.length; i++) clientSlots.put(clients[i].clientId(), i);
        this.clientTree = new MerkleTree(new MerkleTree.LeafSource() {
            @Override
            public int leafBytes() { return 24; }

            @Override
            public void write(int index, byte[] out, int offset) {
                RecordCodec.putU128(out, offset, clients[index].clientId());
                RecordCodec.LONG.set(out, offset + 16, lastRequestNumbers[index]);
            }
        });
        clientTree.setCount(clients.length);
        this.lastCommitment = commit(0, 0, new byte[32], 0);
        // Genesis chains like every batch: the next batch's previous history root is this one's, which
        // is also what a snapshot of a fresh ledger restores.
        this.historyRoot = lastCommitment.historyRoot();
    }

    public LedgerConfig config() { return config; }

    /** The sequence number of the last applied batch (0 before the first). */
    public long sequence() { return sequence; }

    public byte[] stateRoot() { return lastCommitment().stateRoot(); }

    public BatchCommitment lastCommitment() {
        settle();
        return lastCommitment;
    }

    public int accountCount() { return accounts.count; }

    public long transferCount() { return transfers.count; }

    // ---------------------------------------------------------------- the state transition

    public BatchResult apply(Batch batch) {
        if (batch.sequence() != sequence + 1) {
            throw new IllegalArgumentException("batch " + batch.sequence() + " does not follow " + sequence
                    + ": batches must be applied in consensus order without gaps");
        }
        long eventTime = Math.max(batch.timestamp(), lastTimestamp + 1);
        long firstTimestamp = eventTime;
        int expired = executor.expireDue(eventTime);
        leafCount = 0;
        List<RequestOutcome> outcomes = new ArrayList<>(batch.requests().size());
        for (SettlementRequest request : batch.requests()) {
            RequestResult admission = admit(request);
            if (admission != RequestResult.OK) {
                outcomes.add(RequestOutcome.rejected(request, admission));
                continue;
            }
            int client = clientSlots.get(request.clientId());
            lastRequestNumbers[client] = request.requestNumber();
            clientTree.markDirty(client);
            long requestStart = eventTime;
            int firstLeaf = leafCount;
            CreateAccountResult[] accountResults = runAccounts(request, eventTime);
            eventTime += request.accounts().size();
            CreateTransferResult[] transferResults = runTransfers(request, eventTime);
            eventTime += request.transfers().size();
            outcomes.add(new RequestOutcome(request.clientId(), request.requestNumber(), RequestResult.OK,
                    List.of(accountResults), List.of(transferResults), requestStart, firstLeaf));
        }
        sequence = batch.sequence();
        lastTimestamp = Math.max(firstTimestamp, eventTime - 1);
        Transfer[] batchTransfers = Arrays.copyOf(leafTransfers, leafCount);
        long[] batchTimestamps = Arrays.copyOf(leafTimestamps, leafCount);
        CreateTransferResult[] batchResults = Arrays.copyOf(leafResults, leafCount);
        MerkleTree transferTree = transferTree(batchTransfers, batchTimestamps, batchResults);
        CompletableFuture<BatchCommitment> commitment = commitBatch(firstTimestamp, transferTree);
        return new BatchResult(outcomes, sequence, commitment, transferTree, batchTransfers, batchTimestamps, batchResults,
                expired);
    }

    /** The roots of the batch just executed: now, or (pipelined) on the hashing executor. */
    private CompletableFuture<BatchCommitment> commitBatch(long firstTimestamp, MerkleTree transferTree) {
        if (!computeRoots) {
            return settled(new BatchCommitment(config.networkId(), sequence, firstTimestamp, lastTimestamp, accounts.count,
                    transfers.count, leafCount, new byte[32], new byte[32], historyRoot, new byte[32]));
        }
        if (!(hashing instanceof RootHashing.Pipelined pipelined)) {
            return settled(commit(firstTimestamp, lastTimestamp, transferTree.root(), leafCount));
        }
        MerkleTree.Staged accountChanges = accountTree.stage();
        MerkleTree.Staged clientChanges = clientTree.stage();
        settle(); // one batch in flight at most; its history root chains into this one
        int network = config.networkId();
        long batchSequence = sequence;
        long lastTime = lastTimestamp;
        int accountCount = accounts.count;
        long transferCount = transfers.count;
        int leaves = leafCount;
        byte[] previousHistoryRoot = historyRoot;
        // Whichever thread gets to it first hashes the transfer tree: the hashing thread after the
        // accounts, or this one when it finishes the next batch early (settle), so the two share the work.
        SharedTask<byte[]> transferRoot = new SharedTask<>(transferTree::root);
        Supplier<BatchCommitment> roots = () -> {
            byte[] accountsRoot = accountTree.hash(accountChanges);
            byte[] clientsRoot = clientTree.hash(clientChanges);
            return new BatchCommitment(network, batchSequence, firstTimestamp, lastTime, accountCount, transferCount, leaves,
                    accountsRoot, clientsRoot, previousHistoryRoot, transferRoot.runOrAwait());
        };
        inFlightTransferRoot = transferRoot;
        try {
            inFlight = CompletableFuture.supplyAsync(roots, pipelined.executor());
        } catch (RejectedExecutionException e) {
            // The staged changes are only here now: hash them on this thread rather than lose them.
            inFlight = CompletableFuture.completedFuture(roots.get());
        }
        return inFlight;
    }

    private CompletableFuture<BatchCommitment> settled(BatchCommitment commitment) {
        historyRoot = commitment.historyRoot();
        lastCommitment = commitment;
        return CompletableFuture.completedFuture(commitment);
    }

    /** Waits for the batch being hashed, if any (pipelined); afterwards the trees and roots are current. */
    private void settle() {
        if (inFlight == null) return;
        inFlightTransferRoot.runOrAwait();
        // Stay available until the batch is hashed: the hashing thread publishes each level as it
        // reaches it, and a helper that had gone to sleep between two levels missed the rest (the
        // hashing thread then did 8.8 of the 15.3 CPU ms per uniform batch instead of half).
        int idle = 0;
        while (!inFlight.isDone()) {
            if (sharedSlices.help()) {
                idle = 0;
            } else if (++idle < spinsBeforeYield) {
                Thread.onSpinWait();
            } else if (idle < spinsBeforeYield + yieldsBeforePark) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(50_000); // a hashing thread that has stalled is not waited for at full speed
            }
        }
        BatchCommitment commitment = BatchResult.await(inFlight);
        inFlight = null;
        historyRoot = commitment.historyRoot();
        lastCommitment = commitment;
    }

    private RequestResult admit(SettlementRequest request) {
        if (request.networkId() != config.networkId()) return RequestResult.WRONG_NETWORK;
        Integer client = clientSlots.get(request.clientId());
        if (client == null) return RequestResult.UNKNOWN_CLIENT;
        if (request.eventCount() == 0) return RequestResult.EMPTY;
        if (request.eventCount() > RequestCodec.eventsMax) return RequestResult.BATCH_TOO_LARGE;
        long last = lastRequestNumbers[client];
        if (request.requestNumber() == last && last != 0) return RequestResult.REQUEST_NUMBER_REPLAYED;
        if (Long.compareUnsigned(request.requestNumber(), last) <= 0) return RequestResult.REQUEST_NUMBER_OUT_OF_ORDER;
        // A certified sequence skips encoding the signing message too (about 1 MB per full request).
        if (signatures != SignatureCheck.TRUST_CERTIFIED
                && !signatures.verify(clients[client], RequestCodec.signingMessage(request), request.signature())) {
            return RequestResult.BAD_SIGNATURE;
        }
        return RequestResult.OK;
    }

    private CreateAccountResult[] runAccounts(SettlementRequest request, long firstTime) {
        List<Account> events = request.accounts();
        CreateAccountResult[] results = new CreateAccountResult[events.size()];
        int start = 0;
        while (start < events.size()) {
            int end = chainEnd(events.size(), i -> events.get(i).hasFlag(AccountFlags.LINKED), start);
            if (end == events.size()) {
                failOpenChain(results, start, CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.LINKED_EVENT_CHAIN_OPEN);
                break;
            }
            boolean chain = end > start;
            if (chain) executor.beginChain();
            for (int i = start; i <= end; i++) {
                CreateAccountResult result = executor.createAccount(events.get(i), request.clientId(), firstTime + i);
                results[i] = result;
                if (result != CreateAccountResult.OK && chain) {
                    executor.rollbackChain();
                    for (int j = start; j <= end; j++) if (j != i) results[j] = CreateAccountResult.LINKED_EVENT_FAILED;
                    chain = false;
                    break;
                }
            }
            if (chain) executor.commitChain();
            start = end + 1;
        }
        return results;
    }

    private CreateTransferResult[] runTransfers(SettlementRequest request, long firstTime) {
        List<Transfer> events = request.transfers();
        CreateTransferResult[] results = new CreateTransferResult[events.size()];
        int warmedTo = 0;
        int start = 0;
        while (start < events.size()) {
            int end = chainEnd(events.size(), i -> events.get(i).hasFlag(TransferFlags.LINKED), start);
            if (end == events.size()) {
                failOpenChain(results, start, CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.LINKED_EVENT_CHAIN_OPEN);
                break;
            }
            boolean chain = end > start;
            if (chain) executor.beginChain();
            for (int i = start; i <= end; i++) {
                if (i >= warmedTo) { // >=: a failed chain skips ahead
                    warmedTo = Math.min(events.size(), i + WARM_AHEAD);
                    warmth += executor.warm(events, i, warmedTo);
                }
                CreateTransferResult result = executor.createTransfer(events.get(i), request.clientId(), firstTime + i);
                results[i] = result;
                if (result != CreateTransferResult.OK && chain) {
                    executor.rollbackChain();
                    for (int j = start; j <= end; j++) if (j != i) results[j] = CreateTransferResult.LINKED_EVENT_FAILED;
                    chain = false;
                    break;
                }
            }
            if (chain) executor.commitChain();
            start = end + 1;
        }
        for (int i = 0; i < events.size(); i++) addLeaf(events.get(i), firstTime + i, results[i]);
        return results;
    }

    /** The index of the chain's last event (the first without LINKED), or {@code size} if the chain never closes. */
    private static int chainEnd(int size, java.util.function.IntPredicate linked, int start) {
        int i = start;
        while (i < size && linked.test(i)) i++;
        return i;
    }

    /** TigerBeetle: the last event of an unclosed chain says so; the others failed because of it. */
    private static <R> void failOpenChain(R[] results, int start, R failed, R open) {
        for (int i = start; i < results.length - 1; i++) results[i] = failed;
        results[results.length - 1] = open;
    }

    private void addLeaf(Transfer transfer, long timestamp, CreateTransferResult result) {
        if (leafCount == leafTransfers.length) {
            leafTransfers = Arrays.copyOf(leafTransfers, leafCount * 2);
            leafTimestamps = Arrays.copyOf(leafTimestamps, leafCount * 2);
            leafResults = Arrays.copyOf(leafResults, leafCount * 2);
        }
        leafTransfers[leafCount] = transfer;
        leafTimestamps[leafCount] = timestamp;
        leafResults[leafCount] = result;
        leafCount++;
    }

    private MerkleTree transferTree(Transfer[] transfersOfBatch, long[] timestamps, CreateTransferResult[] results) {
        MerkleTree tree = new MerkleTree(new MerkleTree.LeafSource() {
            @Override
            public int leafBytes() { return RecordCodec.RECORD_BYTES + 2; }

            @Override
            public void write(int index, byte[] out, int offset) {
                RecordCodec.writeTransfer(transfersOfBatch[index], out, offset);
                RecordCodec.LONG.set(out, offset + 120, timestamps[index]);
                RecordCodec.SHORT.set(out, offset + RecordCodec.RECORD_BYTES, (short) results[index].code());
            }
        }, hashing);
        tree.setCount(results.length);
        return tree;
    }

    private BatchCommitment commit(long firstTimestamp, long lastTime, byte[] transferRoot, int leaves) {
        return new BatchCommitment(config.networkId(), sequence, firstTimestamp, lastTime, accounts.count, transfers.count,
                leaves, accountTree.root(), clientTree.root(), historyRoot, transferRoot);
    }

    // ---------------------------------------------------------------- queries

    public Optional<Account> account(UInt128 id) {
        int slot = accounts.find(id.hi(), id.lo());
        return slot < 0 ? Optional.empty() : Optional.of(accounts.get(slot));
    }

    public Optional<Transfer> transfer(UInt128 id) {
        int slot = transfers.find(id.hi(), id.lo());
        return slot < 0 ? Optional.empty() : Optional.of(transfers.get(slot));
    }

    /** Balance snapshots of an account flagged HISTORY (empty for other accounts). */
    public List<AccountBalance> balanceHistory(UInt128 id) {
        int slot = accounts.find(id.hi(), id.lo());
        return slot < 0 ? List.of() : history.of(slot);
    }

    /** The last request number applied for a client (0 if none). */
    public long lastRequestNumber(UInt128 clientId) {
        Integer slot = clientSlots.get(clientId);
        if (slot == null) throw new IllegalArgumentException("unknown client " + clientId);
        return lastRequestNumbers[slot];
    }

    /** A proof of the account's current record under {@link #stateRoot()}. */
    public Optional<AccountProof> accountProof(UInt128 id) {
        int slot = accounts.find(id.hi(), id.lo());
        if (slot < 0) return Optional.empty();
        BatchCommitment commitment = lastCommitment();
        return Optional.of(new AccountProof(accounts.get(slot), accountTree.proof(slot), commitment));
    }

    // ---------------------------------------------------------------- snapshots

    /** After a snapshot's tables were restored: every leaf must be hashed. */
    void markRestoredStateDirty() {
        settle();
        accountTree.setCount(accounts.count);
        for (int i = 0; i < accounts.count; i++) accountTree.markDirty(i);
        for (int i = 0; i < clients.length; i++) clientTree.markDirty(i);
    }

    /** The commitment of the restored state, checked against the snapshot's recorded root by the caller. */
    void restoreCommitment(long restoredSequence, long restoredTimestamp, BatchCommitment restoredCommitment) {
        this.sequence = restoredSequence;
        this.lastTimestamp = restoredTimestamp;
        this.historyRoot = restoredCommitment.historyRoot();
        this.lastCommitment = restoredCommitment;
    }

    int clientSlot(UInt128 clientId) {
        Integer slot = clientSlots.get(clientId);
        return slot == null ? -1 : slot;
    }

    int clientCount() { return clients.length; }

    UInt128 clientId(int slot) { return clients[slot].clientId(); }
}
