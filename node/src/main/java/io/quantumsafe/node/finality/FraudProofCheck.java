package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a validator decides whether a fraud proof holds: it trusts nothing in the proof but its
 * signatures. It re-executes its own committed batches from its state at the last final checkpoint,
 * with every request signature checked, and compares with the certified root. A pure function of
 * its inputs (the ledger is deterministic), so every honest validator reaches the same verdict.
 */
public final class FraudProofCheck {
    private FraudProofCheck() {}

    /** The outcome; {@code Valid} carries the correctly re-executed ledger the validator continues from. */
    public sealed interface Verdict {}

    public record Valid(Ledger corrected, Digest correctRoot) implements Verdict {}

    public record Invalid(String reason) implements Verdict {}

    /**
     * @param lastFinal the validator's last final checkpoint (null: genesis)
     * @param ledgerAtLastFinal a fresh ledger at {@code lastFinal}, executing with full signature checks
     * @param committedSince the validator's own committed batches after {@code lastFinal}, in order
     */
    public static Verdict check(FraudProof proof, VerifierSet verifiers, CheckpointSigning signing, Checkpoint lastFinal,
                                Supplier<Ledger> ledgerAtLastFinal, List<Batch> committedSince) {
        if (!proof.signatureValid(verifiers)) return new Invalid("not signed by a known verifier");
        if (!signing.verify(proof.certificate())) return new Invalid("its certificate is not signed by a quorum of the committee");
        Checkpoint disputed = proof.certificate().checkpoint();
        long finalBatch = lastFinal == null ? 0 : lastFinal.sequence();
        if (disputed.sequence() <= finalBatch) return new Invalid("the checkpoint after batch " + disputed.sequence() + " is already final");
        long end = disputed.sequence() - finalBatch;
        if (end > committedSince.size()) {
            return new Invalid("the checkpoint after batch " + disputed.sequence() + " is beyond the "
                    + committedSince.size() + " batches committed here since the last final checkpoint");
        }
        List<Batch> own = committedSince.subList(0, (int) end);
        int start = own.size() - proof.batches().size();
        if (start < 0 || !FraudProof.digestOf(own.subList(start, own.size())).equals(FraudProof.digestOf(proof.batches()))) {
            return new Invalid("its batches are not the committed sequence");
        }
        Ledger ledger = ledgerAtLastFinal.get();
        for (Batch batch : own) ledger.apply(batch);
        Digest root = Digest.of(ledger.stateRoot());
        if (root.equals(disputed.stateRoot())) return new Invalid("re-execution agrees with the certified state root");
        return new Valid(ledger, root);
    }
}
