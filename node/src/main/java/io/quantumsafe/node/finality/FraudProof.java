package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A verifier's claim that a certified checkpoint is wrong: the certificate, the committed batches
 * since the previous checkpoint, the state root before them and the root the verifier got by
 * re-executing them with every rule and signature checked. When the verifier can name it, the
 * offending request and the rule it breaks (e.g. {@link RequestResult#BAD_SIGNATURE} for a forged
 * transfer that validators executed without re-checking). Nobody takes the claim on trust: a
 * validator re-executes the same batches itself ({@link FraudProofCheck}).
 */
public record FraudProof(int verifier, CheckpointCertificate certificate, List<Batch> batches, Digest preStateRoot,
                         Digest recomputedRoot, Offence offence, byte[] signature) {
    /** Batches a proof may carry: a checkpoint covers at most this many (the node checkpoints far more often). */
    public static final int batchesMax = 1024;

    /** The request a verifier found breaking a rule. */
    public record Offence(long batch, int request, UInt128 clientId, long requestNumber, RequestResult rule) {}

    public FraudProof {
        batches = List.copyOf(batches);
        if (batches.isEmpty() || batches.size() > batchesMax) {
            throw new IllegalArgumentException("a fraud proof carries 1.." + batchesMax + " batches, not " + batches.size());
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() { return signature.clone(); }

    public long checkpointSequence() { return certificate.checkpoint().sequence(); }

    public static FraudProof sign(VerifierSet verifiers, int verifier, PrivateKey key, CheckpointCertificate certificate,
                                  List<Batch> batches, Digest preStateRoot, Digest recomputedRoot, Offence offence) {
        FraudProof unsigned = new FraudProof(verifier, certificate, batches, preStateRoot, recomputedRoot, offence, new byte[0]);
        byte[] signature = verifiers.sign(verifier, key, VerifierSet.FRAUD_PROOF, unsigned.signedDigest());
        return new FraudProof(verifier, certificate, batches, preStateRoot, recomputedRoot, offence, signature);
    }

    /** Signed by the verifier it names, over every field. */
    public boolean signatureValid(VerifierSet verifiers) {
        return verifiers.verify(verifier, VerifierSet.FRAUD_PROOF, signedDigest(), signature);
    }

    Digest signedDigest() {
        ByteBuffer tail = ByteBuffer.allocate(4 + 1 + 8 + 4 + 16 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tail.putInt(verifier);
        if (offence == null) {
            tail.put((byte) 0);
        } else {
            tail.put((byte) 1).putLong(offence.batch()).putInt(offence.request())
                    .putLong(offence.clientId().hi()).putLong(offence.clientId().lo()).putLong(offence.requestNumber())
                    .putInt(offence.rule().ordinal());
        }
        return Digest.sha256(certificate.checkpoint().digest().toBytes(), digestOf(batches).toBytes(), preStateRoot.toBytes(),
                recomputedRoot.toBytes(), tail.array());
    }

    /** SHA-256 over the batches' canonical encodings: what a validator compares with its own committed batches. */
    public static Digest digestOf(List<Batch> batches) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Batch batch : batches) { // one batch in memory at a time: a proof may carry up to batchesMax
            body.reset();
            FinalityCodec.writeBatchBody(body, batch);
            sha.update(body.toByteArray());
        }
        return Digest.of(sha.digest());
    }
}
