package io.quantumsafe.node.verifier;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.RequestOutcome;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.finality.Attestation;
import io.quantumsafe.node.finality.FraudProof;
import io.quantumsafe.node.finality.VerifierSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier does, without I/O: it follows the committed sequence, re-executes every batch on
 * its own ledger with every request signature checked (validators executing a certified sequence
 * do not re-check), and answers each checkpoint certificate with a signed attestation or a signed
 * fraud proof. The certificate itself must carry 2f+1 valid committee signatures and be taken after
 * the batch the verifier has just executed; otherwise it is refused without either.
 */
public final class VerifierCore {
    /** What the verifier says about one certificate. */
    public sealed interface Output {}

    public record Attest(Attestation attestation) implements Output {}

    public record Fraud(FraudProof proof) implements Output {}

    /** Not answered: a certificate that is invalid, out of order, or ahead of the batches seen so far. */
    public record Refused(String reason) implements Output {}

    private final int index;
    private final PrivateKey key;
    private final VerifierSet verifiers;
    private final CheckpointSigning signing;
    private final Ledger ledger;

    private Checkpoint lastVerified;
    private Digest rootAtLastVerified;
    private final List<Batch> sinceLastVerified = new ArrayList<>();
    private final List<FraudProof.Offence> offences = new ArrayList<>();
    private long batchesExecuted;

    /**
     * @param ledger the verifier's ledger at {@code lastVerified} (null: genesis, a new ledger), executing
     *               with full signature checks
     */
    public VerifierCore(int index, PrivateKey key, VerifierSet verifiers, CheckpointSigning signing, Ledger ledger,
                        Checkpoint lastVerified) {
        this.index = index;
        this.key = key;
        this.verifiers = verifiers;
        this.signing = signing;
        this.ledger = ledger;
        this.lastVerified = lastVerified;
        this.rootAtLastVerified = Digest.of(ledger.stateRoot());
    }

    public long batchesExecuted() { return batchesExecuted; }

    /** The last checkpoint this verifier attested (or resumed from); null at genesis. */
    public Checkpoint lastVerified() { return lastVerified; }

    /**
     * The ledger at the last attested checkpoint, as {@link io.quantumsafe.ledger.LedgerSnapshot} bytes:
     * what a restarted verifier resumes from instead of re-executing from genesis. Only right after an
     * attestation, when the ledger is exactly at that checkpoint.
     */
    public byte[] snapshotAtLastVerified() {
        if (lastVerified == null || ledger.sequence() != lastVerified.sequence() || !sinceLastVerified.isEmpty()) {
            throw new IllegalStateException("a verifier snapshot is taken only at its last attested checkpoint (ledger at "
                    + ledger.sequence() + ", last verified " + lastVerified + ")");
        }
        return io.quantumsafe.ledger.LedgerSnapshot.toBytes(ledger);
    }

    public long sequence() { return ledger.sequence(); }

    public byte[] stateRoot() { return ledger.stateRoot(); }

    /** The next committed batch, in order. */
    public void batch(Batch batch) {
        if (sinceLastVerified.size() >= FraudProof.batchesMax) {
            throw new IllegalStateException(FraudProof.batchesMax + " batches without a checkpoint: the validators stopped "
                    + "checkpointing, so this verifier cannot vouch for anything; check the validators' checkpoint interval");
        }
        BatchResult result = ledger.apply(batch);
        batchesExecuted++;
        sinceLastVerified.add(batch);
        List<RequestOutcome> outcomes = result.outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
            RequestOutcome outcome = outcomes.get(i);
            // Validators refuse replays and unknown clients themselves; a bad signature is what a
            // certified sequence can carry past them when more than f validators collude.
            if (outcome.result() == RequestResult.BAD_SIGNATURE && offences.size() < 64) {
                offences.add(new FraudProof.Offence(batch.sequence(), i, outcome.clientId(), outcome.requestNumber(), outcome.result()));
            }
        }
    }

    public Output checkpoint(CheckpointCertificate certificate) {
        Checkpoint checkpoint = certificate.checkpoint();
        long verified = lastVerified == null ? 0 : lastVerified.sequence();
        if (checkpoint.sequence() <= verified) return new Refused(checkpoint + " is not after the last verified one (batch " + verified + ")");
        if (checkpoint.sequence() != ledger.sequence()) {
            return new Refused(checkpoint + " is taken after batch " + checkpoint.sequence() + " but " + ledger.sequence() + " batches were executed here");
        }
        if (!signing.verify(certificate)) return new Refused(checkpoint + " is not signed by a quorum of the committee");
        Digest recomputed = Digest.of(ledger.stateRoot());
        if (recomputed.equals(checkpoint.stateRoot())) {
            Attestation attestation = Attestation.sign(verifiers, index, key, checkpoint.sequence(), checkpoint.digest());
            lastVerified = checkpoint;
            rootAtLastVerified = recomputed;
            sinceLastVerified.clear();
            offences.clear();
            return new Attest(attestation);
        }
        if (sinceLastVerified.isEmpty()) return new Refused(checkpoint + " covers no batch since the last verified checkpoint");
        FraudProof proof = FraudProof.sign(verifiers, index, key, certificate, sinceLastVerified, rootAtLastVerified, recomputed,
                offences.isEmpty() ? null : offences.getFirst());
        // The verifier's own state is the correct one; it keeps it and waits for the validators to
        // certify a corrected checkpoint at the same index, after the same batches.
        return new Fraud(proof);
    }
}
