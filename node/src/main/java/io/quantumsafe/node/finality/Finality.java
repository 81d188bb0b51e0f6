package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.finality.FinalityEffect.Alert;
import io.quantumsafe.node.finality.FinalityEffect.Finalized;
import io.quantumsafe.node.finality.FinalityEffect.How;
import io.quantumsafe.node.finality.FinalityEffect.Rejected;
import io.quantumsafe.node.finality.FinalityEffect.Revert;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.TreeMap;

/**
 * Two-stage finality as a pure state machine: inputs are certified checkpoints, verifier
 * attestations, checked fraud proofs and the time; outputs are effects. A checkpoint is final when
 * it is certified (2f+1 ML-DSA signatures), every earlier certified one is final, and either enough distinct
 * verifiers attested exactly it or the challenge window passed without a valid fraud proof.
 * Finality only moves forward: a proof about a final checkpoint is refused, whatever it says.
 */
public final class Finality {
    /** Where a checkpoint is, as receipts and clients show it. */
    public enum Stage { UNKNOWN, COMMITTED, FINAL, REVERTED }

    private static final int refusedMax = 4096;

    private final FinalityConfig config;
    private final CheckpointSigning signing;
    private final VerifierSet verifiers;
    private final long windowMillis;

    private Checkpoint lastFinal;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final Map<Long, List<Attestation>> early = new HashMap<>();
    private int earlyCount;
    private final SequencedSet<Digest> refused = new LinkedHashSet<>();

    private static final class Pending {
        final CheckpointCertificate certificate;
        final Digest digest;
        final long certifiedAt;
        final BitSet attested = new BitSet();

        Pending(CheckpointCertificate certificate, long certifiedAt) {
            this.certificate = certificate;
            this.digest = certificate.checkpoint().digest();
            this.certifiedAt = certifiedAt;
        }
    }

    /** @param lastFinal the last final checkpoint on record (null: genesis), e.g. after a restart */
    public Finality(FinalityConfig config, CheckpointSigning signing, VerifierSet verifiers, Checkpoint lastFinal) {
        this.config = config;
        this.signing = signing;
        this.verifiers = verifiers;
        this.windowMillis = config.challengeWindow().toMillis();
        this.lastFinal = lastFinal;
    }

    public Checkpoint lastFinal() { return lastFinal; }

    public long lastFinalSequence() { return lastFinal == null ? 0 : lastFinal.sequence(); }

    public int pendingCount() { return pending.size(); }

    public Stage stage(long sequence, Digest digest) {
        if (refused.contains(digest)) return Stage.REVERTED;
        if (lastFinal != null && sequence <= lastFinal.sequence()) {
            return sequence == lastFinal.sequence() && !lastFinal.digest().equals(digest) ? Stage.UNKNOWN : Stage.FINAL;
        }
        Pending entry = pending.get(sequence);
        return entry != null && entry.digest.equals(digest) ? Stage.COMMITTED : Stage.UNKNOWN;
    }

    /** A certificate from consensus or a peer, at {@code nowMillis} (consensus time). */
    public List<FinalityEffect> certified(CheckpointCertificate certificate, long nowMillis) {
        List<FinalityEffect> effects = new ArrayList<>();
        Checkpoint checkpoint = certificate.checkpoint();
        Digest digest = checkpoint.digest();
        if (refused.contains(digest)) {
            effects.add(new Rejected(checkpoint.toString(), "it was reverted by a valid fraud proof"));
            return effects;
        }
        if (checkpoint.sequence() <= lastFinalSequence()) {
            if (checkpoint.sequence() == lastFinalSequence() && !digest.equals(lastFinal.digest()) && signing.verify(certificate)) {
                effects.add(new Alert("critical", "conflicting-final-checkpoint", "a quorum certified " + checkpoint
                        + " which conflicts with final " + lastFinal + ": more than f validators equivocated"));
            }
            return effects;
        }
        Pending existing = pending.get(checkpoint.sequence());
        if (existing != null) {
            if (!existing.digest.equals(digest) && signing.verify(certificate)) {
                effects.add(new Alert("critical", "conflicting-checkpoints", "two certified checkpoints after batch " + checkpoint.sequence()
                        + ": " + existing.certificate.checkpoint() + " and " + checkpoint + "; more than f validators equivocated"));
            }
            return effects;
        }
        if (pending.size() >= FinalityConfig.pendingMax) {
            effects.add(new Rejected(checkpoint.toString(), pending.size() + " checkpoints already await finality"));
            return effects;
        }
        if (!signing.verify(certificate)) {
            effects.add(new Rejected(checkpoint.toString(), "its certificate is not signed by a quorum of the committee"));
            return effects;
        }
        Pending entry = new Pending(certificate, nowMillis);
        pending.put(checkpoint.sequence(), entry);
        List<Attestation> waiting = early.remove(checkpoint.sequence());
        if (waiting != null) {
            earlyCount -= waiting.size();
            for (Attestation attestation : waiting) count(entry, attestation, effects);
        }
        advance(nowMillis, effects);
        return effects;
    }

    public List<FinalityEffect> attestation(Attestation attestation, long nowMillis) {
        List<FinalityEffect> effects = new ArrayList<>();
        if (attestation.checkpointSequence() <= lastFinalSequence()) return effects;
        if (!attestation.verify(verifiers)) {
            effects.add(new Rejected("attestation of the checkpoint after batch " + attestation.checkpointSequence() + " from verifier " + attestation.verifier(),
                    "its signature does not verify against a known verifier"));
            return effects;
        }
        Pending entry = pending.get(attestation.checkpointSequence());
        if (entry == null) {
            if (earlyCount >= FinalityConfig.earlyAttestationsMax) {
                effects.add(new Rejected("attestation of the checkpoint after batch " + attestation.checkpointSequence(), "too many attestations ahead of their certificates"));
            } else {
                early.computeIfAbsent(attestation.checkpointSequence(), k -> new ArrayList<>()).add(attestation);
                earlyCount++;
            }
            return effects;
        }
        count(entry, attestation, effects);
        advance(nowMillis, effects);
        return effects;
    }

    public List<FinalityEffect> tick(long nowMillis) {
        List<FinalityEffect> effects = new ArrayList<>();
        advance(nowMillis, effects);
        return effects;
    }

    /**
     * A fraud proof and the node's verdict on it ({@link FraudProofCheck}). A valid one about a
     * checkpoint that is not final reverts it and every later one; anything else is refused and its
     * sender reported.
     */
    public List<FinalityEffect> fraudProof(FraudProof proof, FraudProofCheck.Verdict verdict, long nowMillis) {
        List<FinalityEffect> effects = new ArrayList<>();
        String what = "fraud proof about the checkpoint after batch " + proof.checkpointSequence() + " from verifier " + proof.verifier();
        if (proof.checkpointSequence() <= lastFinalSequence()) {
            effects.add(new Rejected(what, "the checkpoint after batch " + proof.checkpointSequence() + " is already final"));
            return effects;
        }
        if (verdict instanceof FraudProofCheck.Invalid(String reason)) {
            effects.add(new Rejected(what, reason));
            effects.add(new Alert("high", "invalid-fraud-proof", what + " was refused: " + reason));
            return effects;
        }
        FraudProofCheck.Valid valid = (FraudProofCheck.Valid) verdict;
        long from = proof.checkpointSequence();
        for (Pending entry : pending.tailMap(from, true).values()) refuse(entry.digest);
        refuse(proof.certificate().checkpoint().digest());
        pending.tailMap(from, true).clear();
        early.keySet().removeIf(index -> index >= from);
        earlyCount = early.values().stream().mapToInt(List::size).sum();
        String offence = proof.offence() == null ? "" : "; offending request " + proof.offence().requestNumber() + " of client "
                + proof.offence().clientId() + " in batch " + proof.offence().batch() + " breaks " + proof.offence().rule().wireName();
        effects.add(new Alert("critical", "settlement-fraud", "the checkpoint after batch " + from + " certified state root "
                + proof.certificate().checkpoint().stateRoot() + " but re-execution gives " + valid.correctRoot() + offence
                + "; reverted to " + (lastFinal == null ? "genesis" : lastFinal)));
        effects.add(new Revert(from, lastFinal, proof));
        return effects;
    }

    private void refuse(Digest digest) {
        if (refused.size() >= refusedMax) refused.removeFirst();
        refused.add(digest);
    }

    private void count(Pending entry, Attestation attestation, List<FinalityEffect> effects) {
        if (attestation.checkpointDigest().equals(entry.digest)) {
            entry.attested.set(attestation.verifier());
        } else {
            effects.add(new Alert("high", "verifier-disagrees", "verifier " + verifiers.member(attestation.verifier()).name()
                    + " attested a different checkpoint " + attestation.checkpointSequence() + " than the certified one"));
        }
    }

    private void advance(long nowMillis, List<FinalityEffect> effects) {
        // In sequence order: a checkpoint's root commits to all history before it, so finality never
        // skips an earlier certified checkpoint that is still open to a fraud proof. Sequences need not
        // be contiguous (a node certifies every sub-DAG, but a restarted one may miss some).
        while (!pending.isEmpty()) {
            Pending next = pending.firstEntry().getValue();
            int attestations = next.attested.cardinality();
            How how;
            if (attestations >= config.attestationsRequired()) how = How.ATTESTED;
            else if (nowMillis - next.certifiedAt >= windowMillis) how = How.CHALLENGE_WINDOW;
            else return;
            pending.pollFirstEntry();
            lastFinal = next.certificate.checkpoint();
            effects.add(new Finalized(next.certificate, how, attestations));
        }
    }
}
