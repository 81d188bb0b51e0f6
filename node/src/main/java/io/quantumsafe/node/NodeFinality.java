package io.quantumsafe.node;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.finality.Attestation;
import io.quantumsafe.node.finality.Finality;
import io.quantumsafe.node.finality.FinalityCodec;
import io.quantumsafe.node.finality.FinalityConfig;
import io.quantumsafe.node.finality.FinalityEffect;
import io.quantumsafe.node.finality.FraudProof;
import io.quantumsafe.node.finality.FraudProofCheck;
import io.quantumsafe.node.finality.VerifierSet;
import io.quantumsafe.node.store.NodeStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validator's side of two-stage finality: feeds the pure {@link Finality} its certificates,
 * verifier attestations, fraud proofs (judged by {@link FraudProofCheck} against this node's own
 * committed sequence) and the time, and carries out its effects. Runs on the consensus thread; the
 * stage of a checkpoint and the commit-to-final times are readable from any thread.
 */
final class NodeFinality {
    /** Commit times kept for measuring commit-to-final, and final durations kept for /v1/finality. */
    static final int commitTimesMax = 65_536, durationsKept = 1024;
    static final int revertedKept = 4096;
    /**
     * Checkpoints whose attestations are kept in memory while they await finality and for recent
     * receipts; those that made a checkpoint final are also stored with it (truncated with history).
     */
    static final int attestationsKept = 16_384;

    private final Finality finality;
    private final VerifierSet verifiers;
    private final CheckpointSigning signing;
    private final FinalityConfig config;
    private final NodeStore store;
    private final NodeEvents events;
    private final int networkId;
    private final TreeMap<Long, Long> commitMillis = new TreeMap<>();
    private final TreeMap<Long, TreeMap<Integer, Attestation>> attestations = new TreeMap<>();
    private final long[] durations = new long[durationsKept];
    private final Set<Digest> reverted = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) { return size() > revertedKept; }
    }));
    private volatile long lastFinal;
    private volatile int pending;
    private volatile long finalCount, durationCount, attestedCount, windowCount, revertCount, lastRevertFrom, finalAtLastRevert;

    NodeFinality(FinalityConfig config, VerifierSet verifiers, CheckpointSigning signing, NodeStore store, NodeEvents events, int networkId,
                 Checkpoint lastFinalCheckpoint) {
        this.config = config;
        this.verifiers = verifiers;
        this.signing = signing;
        this.store = store;
        this.events = events;
        this.networkId = networkId;
        this.finality = new Finality(config, signing, verifiers, lastFinalCheckpoint);
        this.lastFinal = finality.lastFinalSequence();
    }

    FinalityConfig config() { return config; }

    VerifierSet verifiers() { return verifiers; }

    long lastFinalSequence() { return lastFinal; }

    Checkpoint lastFinalCheckpoint() { return finality.lastFinal(); }

    /** Where the checkpoint {@code (sequence, root)} stands, for receipts and clients. */
    Finality.Stage stage(long sequence, byte[] stateRoot) {
        Digest digest = new Checkpoint(networkId, sequence, Digest.of(stateRoot)).digest();
        if (reverted.contains(digest)) return Finality.Stage.REVERTED;
        return sequence <= lastFinal ? Finality.Stage.FINAL : Finality.Stage.COMMITTED;
    }

    void committed(long sequence, long nowMillis) {
        commitMillis.put(sequence, nowMillis);
        if (commitMillis.size() > commitTimesMax) commitMillis.pollFirstEntry();
    }

    void certified(CheckpointCertificate certificate, long nowMillis, Node node) {
        perform(finality.certified(certificate, nowMillis), nowMillis, node);
    }

    void attestation(String from, Attestation attestation, long nowMillis, Node node) {
        if (!verifiers.contains(attestation.verifier()) || !verifiers.member(attestation.verifier()).name().equals(from)) {
            events.finalityRejected("attestation from " + from, "it names verifier " + attestation.verifier() + ", not the connected one");
            return;
        }
        List<FinalityEffect> effects = finality.attestation(attestation, nowMillis);
        // Finality checks the signature before anything else: an attestation it did not refuse is genuine.
        if (attestation.checkpointSequence() > lastFinal && effects.stream().noneMatch(e -> e instanceof FinalityEffect.Rejected)) {
            synchronized (attestations) {
                attestations.computeIfAbsent(attestation.checkpointSequence(), k -> new TreeMap<>()).put(attestation.verifier(), attestation);
                while (attestations.size() > attestationsKept) attestations.pollFirstEntry();
            }
        }
        perform(effects, nowMillis, node);
    }

    /**
     * The attestations behind checkpoint {@code sequence} with state root {@code stateRoot}, so a receipt
     * proves finality offline; empty if none are kept (final by the window, or older than what is kept).
     */
    List<Attestation> attestations(long sequence, byte[] stateRoot) {
        Digest digest = new Checkpoint(networkId, sequence, Digest.of(stateRoot)).digest();
        List<Attestation> recent = recentAttestations(sequence, digest);
        if (!recent.isEmpty() || sequence > lastFinal) return recent;
        byte[] stored = store.attestations(sequence);
        if (stored == null) return List.of();
        try {
            return FinalityCodec.decodeAll(stored).stream().filter(a -> a.checkpointDigest().equals(digest)).toList();
        } catch (io.quantumsafe.node.checkpoint.MalformedCheckpointException e) {
            throw new io.quantumsafe.node.store.StoreException("the stored attestations of final checkpoint " + sequence
                    + " are unreadable (" + e.getMessage() + "): the node store is damaged; resync this validator from a peer", e);
        }
    }

    private List<Attestation> recentAttestations(long sequence, Digest digest) {
        synchronized (attestations) {
            TreeMap<Integer, Attestation> kept = attestations.get(sequence);
            if (kept == null) return List.of();
            return kept.values().stream().filter(a -> a.checkpointDigest().equals(digest)).toList();
        }
    }

    void fraudProof(String from, FraudProof proof, long nowMillis, Node node) {
        if (!verifiers.contains(proof.verifier()) || !verifiers.member(proof.verifier()).name().equals(from)) {
            events.finalityRejected("fraud proof from " + from, "it names verifier " + proof.verifier() + ", not the connected one");
            return;
        }
        if (reverted.contains(proof.certificate().checkpoint().digest())) return; // already proven and reverted
        Checkpoint base = finality.lastFinal();
        long baseSequence = base == null ? 0 : base.sequence();
        long end = Math.min(node.committedSequence(), proof.checkpointSequence());
        List<Batch> since = new ArrayList<>();
        for (long s = baseSequence + 1; s <= end && since.size() <= FinalityConfig.pendingMax; s++) {
            Batch batch = node.committedBatch(s);
            if (batch == null) {
                cannotJudge(proof, "sub-DAG " + s + " is not stored here (history restored from a peer's snapshot)");
                return;
            }
            since.add(batch);
        }
        FraudProofCheck.Verdict verdict;
        try {
            verdict = FraudProofCheck.check(proof, verifiers, signing, base, () -> node.freshLedgerAt(baseSequence), since);
        } catch (IllegalStateException noBase) {
            cannotJudge(proof, noBase.getMessage());
            return;
        }
        perform(finality.fraudProof(proof, verdict, nowMillis), nowMillis, node);
    }

    /** This validator lacks the history to re-execute: it neither accepts nor refuses the proof; its peers judge it. */
    private void cannotJudge(FraudProof proof, String why) {
        events.finalityAlert("high", "fraud-proof-not-judged", "fraud proof about the checkpoint after sub-DAG " + proof.checkpointSequence()
                + " from verifier " + proof.verifier() + " cannot be checked here: " + why);
    }

    void tick(long nowMillis, Node node) {
        perform(finality.tick(nowMillis), nowMillis, node);
    }

    private void perform(List<FinalityEffect> effects, long nowMillis, Node node) {
        String fraud = null;
        for (FinalityEffect effect : effects) {
            switch (effect) {
                case FinalityEffect.Finalized f -> finalized(f, nowMillis);
                case FinalityEffect.Revert r -> {
                    for (long s = r.fromSequence(); s <= node.committedSequence(); s++) {
                        Checkpoints.Certificate c = node.checkpoint(s);
                        if (c != null) reverted.add(new Checkpoint(networkId, s, Digest.of(c.stateRoot())).digest());
                    }
                    reverted.add(r.proof().certificate().checkpoint().digest());
                    revertCount++;
                    lastRevertFrom = r.fromSequence();
                    finalAtLastRevert = r.lastFinal() == null ? 0 : r.lastFinal().sequence();
                    events.fraud(r.fromSequence(), fraud == null ? "valid fraud proof from verifier " + r.proof().verifier() : fraud);
                    node.revert(r.fromSequence(), finality.lastFinalSequence());
                }
                case FinalityEffect.Alert a -> {
                    if (a.kind().equals("settlement-fraud")) fraud = a.message();
                    else events.finalityAlert(a.severity(), a.kind(), a.message());
                }
                case FinalityEffect.Rejected r -> events.finalityRejected(r.what(), r.reason());
            }
        }
        pending = finality.pendingCount();
    }

    private void finalized(FinalityEffect.Finalized f, long nowMillis) {
        long sequence = f.certificate().checkpoint().sequence();
        List<Attestation> proof = f.how() == FinalityEffect.How.ATTESTED ? recentAttestations(sequence, f.certificate().checkpoint().digest()) : List.of();
        try (NodeStore.Writes writes = store.writes()) {
            // With the checkpoint's finality, what proves it: receipts carry it after a restart too.
            if (!proof.isEmpty()) writes.attestations(sequence, FinalityCodec.encodeAll(proof));
            writes.lastFinal(sequence);
            writes.flush();
        }
        lastFinal = sequence;
        Long committedAt = commitMillis.get(sequence);
        commitMillis.headMap(sequence, true).clear();
        long took = committedAt == null ? -1 : nowMillis - committedAt;
        synchronized (durations) {
            if (took >= 0) durations[(int) (durationCount++ % durationsKept)] = took;
            finalCount++;
            if (f.how() == FinalityEffect.How.ATTESTED) attestedCount++;
            else windowCount++;
        }
        events.finalized(sequence, f.how().name().toLowerCase(java.util.Locale.ROOT), f.attestations(), took);
    }

    /** Counts and commit-to-final percentiles over the last {@link #durationsKept} final checkpoints. */
    record Summary(long lastFinal, long finalCount, long attested, long byWindow, long reverts, long lastRevertFrom, long finalAtLastRevert, int pending, long p50Millis, long p99Millis,
                   long maxMillis, int samples) {}

    Summary summary() {
        long[] sample;
        synchronized (durations) {
            sample = java.util.Arrays.copyOf(durations, (int) Math.min(durationCount, durationsKept));
            java.util.Arrays.sort(sample);
            int n = sample.length;
            return new Summary(lastFinal, finalCount, attestedCount, windowCount, revertCount, lastRevertFrom, finalAtLastRevert, pending,
                    n == 0 ? -1 : sample[(n - 1) / 2], n == 0 ? -1 : sample[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)],
                    n == 0 ? -1 : sample[n - 1], n);
        }
    }
}
