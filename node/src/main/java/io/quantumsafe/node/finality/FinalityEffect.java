package io.quantumsafe.node.finality;

import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;

/** What {@link Finality} asks the node to do or tell. */
public sealed interface FinalityEffect {
    enum How { ATTESTED, CHALLENGE_WINDOW }

    /** The checkpoint is final: receipts under it are settled; the node may drop its older snapshots. */
    record Finalized(CheckpointCertificate certificate, How how, int attestations) implements FinalityEffect {}

    /**
     * A valid fraud proof: the node refuses checkpoints after batch {@code fromSequence} and later, rolls its ledger back
     * to {@code lastFinal} (null: genesis) and re-executes the committed sequence correctly.
     */
    record Revert(long fromSequence, Checkpoint lastFinal, FraudProof proof) implements FinalityEffect {}

    /** For the audit pipeline: critical for fraud, high for a misbehaving verifier. */
    record Alert(String severity, String kind, String message) implements FinalityEffect {}

    /** An input refused, and whom to report. */
    record Rejected(String what, String reason) implements FinalityEffect {}
}
