package io.quantumsafe.node;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.MessageCodec;
import io.quantumsafe.consensus.order.CommittedSubDag;
import io.quantumsafe.consensus.replica.Effect;
import io.quantumsafe.consensus.replica.PersistedState;
import io.quantumsafe.consensus.replica.Rejection;
import io.quantumsafe.consensus.replica.Replica;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerCodecException;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.RequestOutcome;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.node.store.NodeStore;
import io.quantumsafe.node.transport.PeerTransport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's single consensus thread: it owns the pure {@link Replica} and the {@link Ledger},
 * feeds them peer frames, accepted requests and clock ticks, and performs their effects in order:
 * persists are made durable before any send that follows them, and a committed sub-DAG's batches
 * are durable before they are executed and anyone is told "committed".
 */
final class Node {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    /** Inputs waiting for the consensus thread; peers and the API block when it is full (back-pressure). */
    static final int inputQueueMax = 20_000;
    /** Accepted requests not yet proposed: beyond this the API answers 503. */
    static final int pendingRequestsMax = 200_000;
    static final long tickMillis = 20;
    /**
     * Least time between this validator's own new headers. The consensus core advances a round as soon
     * as it holds a quorum, which on loopback means dozens of empty rounds a second; holding our header
     * back (a network delay, as far as the protocol knows) paces rounds, and so stretches the GC window
     * in wall time that a restarted validator can fetch its way back through.
     */
    static final long headerIntervalMillis = 100;
    /** Bytes of requests in one consensus batch (a single request can be about 1 MiB). */
    static final int batchBytesMax = 2 * 1024 * 1024;

    sealed interface Input {
        record PeerFrame(int from, byte[] bytes) implements Input {}

        record PeerMessage(int from, Message message) implements Input {}

        record Accepted(byte[] key, byte[] request) implements Input {}

        record VerifierAttestation(String verifier, io.quantumsafe.node.finality.Attestation attestation) implements Input {}

        record VerifierFraudProof(String verifier, io.quantumsafe.node.finality.FraudProof proof) implements Input {}
    }

    private final int self;
    private final Committee committee;
    private final io.quantumsafe.node.checkpoint.CheckpointSigning checkpointSigning;
    private final ReplicaConfig replicaConfig;
    private final NodeStore store;
    private final Outcomes outcomes;
    private final NodeEvents events;
    private final int batchRequestsMax;
    private final BlockingQueue<Input> inputs = new ArrayBlockingQueue<>(inputQueueMax);
    private final ArrayDeque<Input.Accepted> pending = new ArrayDeque<>();
    /**
     * Requests this node put into a batch and has not seen executed, oldest first. A certified vertex
     * that no later vertex references is output by no leader, and the consensus core re-proposes its
     * batches only when it is garbage-collected (300 rounds); re-proposing the requests themselves
     * after {@link #reproposeAfterMillis} bounds that delay. A request executed twice is refused the
     * second time as replayed, so this is safe.
     */
    private final java.util.LinkedHashMap<String, Input.Accepted> proposed = new java.util.LinkedHashMap<>();
    private final java.util.HashMap<String, Long> proposedAt = new java.util.HashMap<>();
    static final long reproposeAfterMillis = 2_000;
    private final Object ledgerLock = new Object();
    private final LedgerConfig ledgerConfig;
    private final PqcEngine engine;
    /** Replaced in {@link #recover} (a snapshot, before the consensus thread starts) and by {@link #revert}, under the ledger lock. */
    private Ledger ledger;
    /** How live execution checks request signatures (the engine; only the test fault trust-signatures passes anything else). */
    private final io.quantumsafe.ledger.SignatureCheck signatureCheck;
    private volatile long committedSequence;
    private NodeFinality finality;
    private io.quantumsafe.node.sync.SnapshotFiles snapshots;
    private int snapshotInterval;
    private final Checkpoints checkpoints;
    private final Receipts receipts = new Receipts();
    /** State roots of the latest sub-DAGs, so validators can be compared at one sequence. */
    static final int recentRootsMax = 4096;
    private final java.util.TreeMap<Long, byte[]> recentRoots = new java.util.TreeMap<>();
    private Replica replica;
    private PeerTransport transport;
    private volatile boolean running = true;
    private Thread thread;
    private long lastHeaderSentAt;
    private long lastHeaderRound;
    private byte[] heldHeader;
    private long heldHeaderRound;

    Node(int self, Committee committee, ReplicaConfig replicaConfig, LedgerConfig ledgerConfig, PqcEngine engine, NodeStore store,
         Outcomes outcomes, NodeEvents events, int batchRequestsMax, Checkpoints checkpoints, io.quantumsafe.ledger.SignatureCheck execution) {
        this.ledgerConfig = ledgerConfig;
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.self = self;
        this.committee = committee;
        this.checkpointSigning = new io.quantumsafe.node.checkpoint.CheckpointSigning(committee, engine);
        this.replicaConfig = replicaConfig;
        this.store = store;
        this.outcomes = outcomes;
        this.events = events;
        this.batchRequestsMax = batchRequestsMax;
        // Every validator checks every request's signature when it executes it: votes do not check batches.
        // (Only the test fault trust-signatures passes anything else: a colluding validator's execution.)
        this.signatureCheck = execution;
        this.ledger = new Ledger(ledgerConfig, signatureCheck);
    }

    /** Ledger snapshots every {@code interval} committed sub-DAGs; recovery starts from the newest usable one. */
    void useSnapshots(io.quantumsafe.node.sync.SnapshotFiles files, int interval) {
        this.snapshots = files;
        this.snapshotInterval = interval;
    }

    /** Finality is optional for the tests of consensus alone; a validator always has it. */
    void finality(NodeFinality finality) { this.finality = finality; }

    NodeFinality finality() { return finality; }

    /** Rebuilds the ledger from the committed sequence and the replica from its records; re-queues the mempool. */
    void recover(io.quantumsafe.consensus.crypto.CertificateScheme scheme, VoteSigner signer) {
        long[] replayed = {0};
        long from = snapshots == null ? 1 : NodeSync.loadSnapshot(snapshots, store, ledger.config(), signatureCheck, loaded -> {
            ledger = loaded;
            recentRoots.put(loaded.sequence(), loaded.stateRoot());
            checkpoints.executed(loaded.sequence(), loaded.stateRoot(), false);
        }) + 1;
        long[] expected = {from};
        store.forEachCommitEntry(from, (sequence, entry) -> {
            if (sequence != expected[0]) {
                throw new io.quantumsafe.node.store.StoreException("committed history has a gap: sub-DAG " + sequence + " follows " + (expected[0] - 1)
                        + " (truncated below a snapshot that is missing or damaged); move the data directory away and restart to resync from a peer", null);
            }
            expected[0]++;
            execute(sequence, EntryCodec.decode(entry), false);
            replayed[0]++;
        });
        committedSequence = ledger.sequence();
        PersistedState state = store.loadConsensus();
        replica = state.sequence() == 0 && state.lastOwnHeader() == null
                ? Replica.create(replicaConfig, scheme, signer)
                : Replica.restore(replicaConfig, scheme, signer, state);
        int[] requeued = {0};
        try (NodeStore.Writes writes = store.writes()) {
            store.forEachRequest((key, request) -> {
                if (outcomes.contains(key)) {
                    writes.removeRequest(key);
                } else {
                    pending.add(new Input.Accepted(key, request));
                    requeued[0]++;
                }
            });
            writes.flush();
        }
        if (replayed[0] > 0 || requeued[0] > 0) {
            log.info("recovered: ledger at sub-DAG {} (replayed {}), consensus at sequence {}, {} mempool requests re-queued",
                    ledger.sequence(), replayed[0], state.sequence(), requeued[0]);
        }
    }

    private PreverifyingScheme preverifier;
    private io.quantumsafe.consensus.message.CodecLimits limits;

    /** Lets peer threads decode and verify consensus messages before the consensus thread steps them. */
    void preverifyWith(PreverifyingScheme scheme, io.quantumsafe.consensus.message.CodecLimits codecLimits) {
        this.preverifier = scheme;
        this.limits = codecLimits;
    }

    void start(PeerTransport peers) {
        this.transport = peers;
        thread = Thread.ofPlatform().name("consensus-" + self).start(this::loop);
    }

    /** Hands a peer frame to the consensus thread, blocking while it is busy. */
    void deliver(int from, byte[] frame) throws InterruptedException {
        if (frame.length > 0 && frame[0] == Channel.CONSENSUS && preverifier != null) {
            // Decode and check signatures here, on the peer's thread, so the consensus thread does neither.
            Message message;
            try {
                message = MessageCodec.decode(Arrays.copyOfRange(frame, 1, frame.length), limits);
            } catch (io.quantumsafe.consensus.message.MalformedMessageException e) {
                events.rejected(Rejection.MALFORMED);
                return;
            }
            preverifier.preverify(message);
            inputs.put(new Input.PeerMessage(from, message));
            return;
        }
        inputs.put(new Input.PeerFrame(from, frame));
    }

    /** Queues a verifier's attestation or fraud proof for the consensus thread; false if it is saturated. */
    boolean offerFinalityInput(Input input) {
        return inputs.offer(input);
    }

    /** Queues a durable, verified request for proposal; false if the node is saturated. */
    boolean offerAccepted(byte[] key, byte[] request) {
        return inputs.offer(new Input.Accepted(key, request));
    }

    // ---------------------------------------------------------------- the loop

    private void loop() {
        long lastTick = 0;
        try {
            while (running) {
                Input input = inputs.poll(heldHeader == null ? tickMillis : 2, TimeUnit.MILLISECONDS);
                int handled = 0;
                while (input != null && handled < 1_000) {
                    handle(input);
                    handled++;
                    input = inputs.poll();
                }
                if (input != null) handle(input);
                long now = System.currentTimeMillis();
                if (heldHeader != null && now - lastHeaderSentAt >= headerIntervalMillis) sendHeldHeader(now);
                if (now - lastTick >= tickMillis) {
                    lastTick = now;
                    proposePending(now);
                    perform(replica.tick(now));
                    if (finality != null) finality.tick(now, this);
                    events.sampleReplica(replica, pending.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A store failure or a broken invariant: stop rather than run on state that may be wrong.
            log.error("consensus thread stopped: {}", e.toString(), e);
            events.fatal(e);
        }
    }

    private void handle(Input input) {
        switch (input) {
            case Input.PeerFrame f -> {
                byte[] bytes = f.bytes();
                if (bytes.length > 0 && bytes[0] == Channel.CONSENSUS) {
                    perform(replica.receive(f.from(), Arrays.copyOfRange(bytes, 1, bytes.length)));
                } else if (bytes.length > 0 && bytes[0] == Channel.CHECKPOINT) {
                    if (!checkpoints.received(f.from(), bytes)) events.signatureFailure(f.from(), "invalid checkpoint signature frame");
                    storeCertified();
                } else {
                    events.rejected(Rejection.MALFORMED);
                }
            }
            case Input.PeerMessage m -> perform(replica.step(m.from(), m.message()));
            case Input.Accepted a -> {
                if (pending.size() < pendingRequestsMax) pending.add(a);
            }
            case Input.VerifierAttestation a -> {
                if (finality != null) finality.attestation(a.verifier(), a.attestation(), System.currentTimeMillis(), this);
            }
            case Input.VerifierFraudProof f -> {
                if (finality != null) finality.fraudProof(f.verifier(), f.proof(), System.currentTimeMillis(), this);
            }
        }
    }

    private void track(Input.Accepted a, long now) {
        String key = java.util.HexFormat.of().formatHex(a.key());
        proposed.remove(key);
        proposed.put(key, a);
        proposedAt.put(key, now);
    }

    private void reproposeStale(long now) {
        var it = proposed.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (now - proposedAt.get(e.getKey()) < reproposeAfterMillis) break;
            it.remove();
            proposedAt.remove(e.getKey());
            pending.addFirst(e.getValue());
            events.reproposed();
        }
    }

    private void proposePending(long now) {
        reproposeStale(now);
        while (!pending.isEmpty() && replica.queuedBatches().size() < 64) {
            List<byte[]> requests = new ArrayList<>();
            int bytes = 0;
            while (!pending.isEmpty() && requests.size() < batchRequestsMax && bytes + pending.peek().request().length + 4 <= batchBytesMax) {
                Input.Accepted a = pending.poll();
                requests.add(a.request());
                bytes += a.request().length + 4;
                track(a, now);
            }
            if (requests.isEmpty()) requests.add(pending.poll().request()); // larger than a batch: refused below, counted
            List<Effect> effects = replica.propose(Batch.of(new MempoolBatch(now, requests).encode()));
            perform(effects);
        }
    }

    private void perform(List<Effect> effects) {
        if (effects.isEmpty()) return;
        try (NodeStore.Writes writes = store.writes()) {
            for (Effect effect : effects) {
                switch (effect) {
                    case Effect.Persist p -> writes.add(p.record());
                    case Effect.Send s -> {
                        writes.flush();
                        transport.send(s.to(), Channel.consensus(MessageCodec.encode(s.message(), committee.size())));
                    }
                    case Effect.Broadcast b -> {
                        writes.flush();
                        byte[] frame = Channel.consensus(MessageCodec.encode(b.message(), committee.size()));
                        if (b.message() instanceof Message.HeaderMessage h && h.header().author() == self && h.header().round() > lastHeaderRound) {
                            // A new own header: hold it until the interval has passed (replacing an older held one).
                            heldHeader = frame;
                            heldHeaderRound = h.header().round();
                            long now = System.currentTimeMillis();
                            if (now - lastHeaderSentAt >= headerIntervalMillis) sendHeldHeader(now);
                        } else {
                            broadcast(frame);
                        }
                    }
                    case Effect.Commit c -> commit(c.subDag(), writes);
                    case Effect.Rejected r -> {
                        if (r.reason() == Rejection.INVALID_SIGNATURE || r.reason() == Rejection.INVALID_CERTIFICATE) events.signatureFailure(r.from(), r.detail());
                        events.rejected(r.reason());
                    }
                    case Effect.Alarm a -> events.alarm(a.detail());
                }
            }
            writes.flush();
        }
    }

    private void storeCertified() {
        List<Checkpoints.Certificate> certified = checkpoints.drainCertified();
        if (certified.isEmpty()) return;
        try (NodeStore.Writes writes = store.writes()) {
            for (Checkpoints.Certificate c : certified) writes.checkpoint(c.sequence(), Checkpoints.encode(c));
            writes.flush();
        }
        events.certified(certified.getLast().sequence());
        if (finality != null) {
            long now = System.currentTimeMillis();
            for (Checkpoints.Certificate c : certified) finality.certified(checkpointCertificate(c), now, this);
        }
    }

    private void sendHeldHeader(long now) {
        broadcast(heldHeader);
        lastHeaderSentAt = now;
        lastHeaderRound = heldHeaderRound;
        heldHeader = null;
    }

    private void broadcast(byte[] frame) {
        for (int peer = 0; peer < committee.size(); peer++) if (peer != self) transport.send(peer, frame);
    }

    private void commit(CommittedSubDag subDag, NodeStore.Writes writes) {
        List<byte[]> batches = new ArrayList<>();
        for (CommittedSubDag.Entry entry : subDag.vertices()) {
            for (Batch b : entry.batches()) batches.add(b.bytes());
        }
        writes.commitEntry(subDag.sequence(), EntryCodec.encode(batches));
        writes.flush();
        if (finality != null) finality.committed(subDag.sequence(), System.currentTimeMillis());
        List<byte[]> executedKeys = execute(subDag.sequence(), batches, true);
        for (byte[] key : executedKeys) writes.removeRequest(key);
        events.committed(subDag, replica.round());
    }

    /** Executes one committed entry on the ledger; returns the mempool keys of the requests it carried. */
    private List<byte[]> execute(long sequence, List<byte[]> batches, boolean live) {
        io.quantumsafe.ledger.Batch ledgerBatch = ledgerBatch(sequence, batches, events);
        List<SettlementRequest> requests = ledgerBatch.requests();
        BatchResult result;
        byte[] snapshot = null;
        synchronized (ledgerLock) {
            result = ledger.apply(ledgerBatch);
            recentRoots.put(sequence, result.stateRoot());
            if (recentRoots.size() > recentRootsMax) recentRoots.pollFirstEntry();
            receipts.executed(result, requests);
            committedSequence = sequence;
            if (live && snapshots != null && sequence % snapshotInterval == 0) snapshot = io.quantumsafe.ledger.LedgerSnapshot.toBytes(ledger);
        }
        if (snapshot != null) snapshots.writeInBackground(sequence, snapshot); // durable before history below the oldest kept is dropped
        byte[] signatureFrame = checkpoints.executed(sequence, result.stateRoot(), live);
        if (signatureFrame != null) {
            broadcast(signatureFrame);
            storeCertified();
        }
        List<byte[]> keys = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            RequestOutcome outcome = result.outcomes().get(i);
            byte[] key = Outcomes.key(outcome.clientId(), outcome.requestNumber());
            keys.add(key);
            if (live && !proposed.isEmpty()) {
                String hex = java.util.HexFormat.of().formatHex(key);
                if (proposed.remove(hex) != null) proposedAt.remove(hex);
            }
            outcomes.record(key, Outcomes.Recorded.of(sequence, outcome, RequestCodec.encode(requests.get(i))), live);
        }
        if (live) events.executed(result, requests.size());
        return keys;
    }

    // ---------------------------------------------------------------- finality (consensus thread)

    /**
     * A valid fraud proof about the checkpoint after sub-DAG {@code from}: rebuilds the ledger with
     * every request signature checked (the correct execution of the committed sequence, which itself
     * cannot change), replaces the running one, corrects outcomes and receipts after the last final
     * checkpoint, drops the refused certificates and signs the corrected roots from {@code from} on,
     * so the committee certifies them anew. Starts from the newest snapshot at or below the last final checkpoint.
     */
    void revert(long from, long lastFinalSequence) {
        long end = committedSequence;
        Ledger rebuilt = freshLedgerAt(lastFinalSequence);
        java.util.TreeMap<Long, byte[]> roots = new java.util.TreeMap<>();
        if (snapshots != null) snapshots.deleteFrom(from);
        synchronized (ledgerLock) {
            receipts.revert(lastFinalSequence + 1);
            for (long s = lastFinalSequence + 1; s <= end; s++) {
                io.quantumsafe.ledger.Batch batch = committedBatch(s);
                BatchResult result = rebuilt.apply(batch);
                roots.put(s, result.stateRoot());
                recentRoots.put(s, result.stateRoot());
                receipts.executed(result, batch.requests());
                for (int i = 0; i < batch.requests().size(); i++) {
                    RequestOutcome outcome = result.outcomes().get(i);
                    outcomes.corrected(Outcomes.key(outcome.clientId(), outcome.requestNumber()),
                            Outcomes.Recorded.of(s, outcome, RequestCodec.encode(batch.requests().get(i))));
                }
            }
            while (recentRoots.size() > recentRootsMax) recentRoots.pollFirstEntry();
            ledger = rebuilt;
        }
        checkpoints.revert(from);
        try (NodeStore.Writes writes = store.writes()) {
            for (long s = from; s <= end; s++) if (store.checkpoint(s) != null) writes.removeCheckpoint(s);
            writes.flush();
        }
        for (var root : roots.tailMap(from, true).entrySet()) {
            byte[] frame = checkpoints.executed(root.getKey(), root.getValue(), true);
            if (frame != null) broadcast(frame);
        }
        log.warn("reverted sub-DAGs {}..{}: ledger re-executed with every signature checked, state root now {}", from, end,
                java.util.HexFormat.of().formatHex(rebuilt.stateRoot()));
        storeCertified();
    }

    /**
     * A ledger that checks every signature, at sub-DAG {@code sequence}: the newest snapshot at or below it
     * (snapshot files keep one at or below the last final checkpoint, and the history after it), then the
     * stored committed sequence; from genesis while nothing is snapshotted.
     */
    Ledger freshLedgerAt(long sequence) {
        EngineSignatureCheck check = new EngineSignatureCheck(engine);
        Ledger fresh = snapshots == null ? null : snapshots.newestUsable(sequence, ledgerConfig, check);
        if (fresh == null) {
            if (historyFloor() > 0) {
                throw new IllegalStateException("no usable ledger snapshot at or below sub-DAG " + sequence + " and history below "
                        + historyFloor() + " is truncated: this validator cannot re-execute; resync it from a peer");
            }
            fresh = new Ledger(ledgerConfig, check);
        }
        for (long s = fresh.sequence() + 1; s <= sequence; s++) fresh.apply(committedBatch(s));
        return fresh;
    }

    long committedSequence() { return committedSequence; }

    // ---------------------------------------------------------------- queries (any thread)

    /**
     * The ledger's input for a committed entry, derived the same way at every validator and verifier:
     * the requests of its mempool batches in order (undecodable ones skipped), at consensus time =
     * the median proposer clock of the batches that carry requests, so no single proposer sets it.
     */
    static io.quantumsafe.ledger.Batch ledgerBatch(long sequence, List<byte[]> batches, NodeEvents events) {
        List<SettlementRequest> requests = new ArrayList<>();
        long[] times = new long[batches.size()];
        int timeCount = 0;
        for (byte[] bytes : batches) {
            MempoolBatch batch = MempoolBatch.decode(bytes);
            if (!batch.requests().isEmpty()) times[timeCount++] = batch.proposerMillis();
            for (byte[] r : batch.requests()) {
                try {
                    requests.add(RequestCodec.decode(r));
                } catch (LedgerCodecException e) {
                    if (events != null) events.malformedCommitted(sequence, e.getMessage());
                }
            }
        }
        Arrays.sort(times, 0, timeCount);
        long nanos = timeCount == 0 ? 0 : times[timeCount / 2] * 1_000_000L;
        return new io.quantumsafe.ledger.Batch(sequence, nanos, requests);
    }

    int committeeSize() { return committee.size(); }

    /** A certificate in the form verifiers check ({@link io.quantumsafe.node.checkpoint.CheckpointSigning#verify}). */
    io.quantumsafe.node.checkpoint.CheckpointCertificate checkpointCertificate(Checkpoints.Certificate certificate) {
        return Checkpoints.toCheckpointCertificate(ledger.config().networkId(), certificate, checkpointSigning);
    }

    /** The ledger batch of committed entry {@code sequence}, as executed here; null if not committed (yet). */
    io.quantumsafe.ledger.Batch committedBatch(long sequence) {
        byte[] entry = store.commitEntry(sequence);
        return entry == null ? null : ledgerBatch(sequence, EntryCodec.decode(entry), null);
    }

    <T> T withLedger(java.util.function.Function<Ledger, T> query) {
        synchronized (ledgerLock) {
            return query.apply(ledger);
        }
    }

    /** The state root after sub-DAG {@code sequence}, if it is recent enough to be kept. */
    byte[] rootAt(long sequence) {
        synchronized (ledgerLock) {
            return recentRoots.get(sequence);
        }
    }

    /** A certified checkpoint for {@code sequence}, from memory or the store; null if not (yet) certified. */
    Checkpoints.Certificate checkpoint(long sequence) {
        Checkpoints.Certificate c = checkpoints.certificate(sequence);
        if (c != null) return c;
        byte[] stored = store.checkpoint(sequence);
        return stored == null ? null : Checkpoints.decode(stored);
    }

    Checkpoints.Certificate latestCheckpoint() { return checkpoints.latest(); }

    /** The proof for a recent transfer, or null if it is unknown or older than the receipt window. */
    io.quantumsafe.ledger.TransferProof transferProof(io.quantumsafe.ledger.UInt128 id) {
        synchronized (ledgerLock) {
            return receipts.proof(id);
        }
    }

    int pendingRequests() { return pending.size() + inputs.size(); }

    /** Where this validator keeps its ledger snapshots; null if it keeps none. */
    io.quantumsafe.node.sync.SnapshotFiles snapshotFiles() { return snapshots; }

    /** Certificates below this sub-DAG were truncated with the history below the oldest kept snapshot (0: none). */
    long historyFloor() { return snapshots == null ? 0 : snapshots.truncatedBelow(); }

    void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
