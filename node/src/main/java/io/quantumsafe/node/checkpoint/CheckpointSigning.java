package io.quantumsafe.node.checkpoint;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import java.util.Arrays;
import java.util.SortedMap;

/**
 * Checkpoint signatures of a committee (the node's own format, {@link Checkpoint#signingMessage()}):
 * always ML-DSA-65, whatever scheme consensus votes use,
 * because checkpoints are what must stay unforgeable for decades (DESIGN.md). Verification is a
 * pure function of the committee's public keys, so receipts can be checked offline.
 */
public final class CheckpointSigning {
    public static final Algorithm ALGORITHM = MlDsaCertificateScheme.ALGORITHM;
    public static final int SIGNATURE_BYTES = ALGORITHM.signatureBytesMax();

    private final Committee committee;
    private final PqcEngine engine;
    /** The committee's ML-DSA-65 keys and quorum bitmaps, shared with consensus certificates; only the message differs. */
    private final MlDsaCertificateScheme scheme;

    public CheckpointSigning(Committee committee, PqcEngine engine) {
        this.committee = committee;
        this.engine = engine;
        this.scheme = new MlDsaCertificateScheme(committee, engine);
    }

    public Committee committee() { return committee; }

    /** Validator {@code index}'s signature on {@code checkpoint}; the key must be that validator's. */
    public byte[] sign(int index, PrivateKey privateKey, Checkpoint checkpoint) {
        if (!Arrays.equals(privateKey.publicKey().encoded(), committee.validator(index).publicKey())) {
            throw new IllegalArgumentException("the private key is not validator " + committee.validator(index).name() + "'s");
        }
        return engine.signer(privateKey).sign(checkpoint.signingMessage());
    }

    public boolean verifySignature(int index, Checkpoint checkpoint, byte[] signature) {
        return scheme.verifySigned(index, checkpoint.signingMessage(), signature);
    }

    /** A certificate from signatures already verified one by one; needs a quorum. */
    public CheckpointCertificate certificate(Checkpoint checkpoint, SortedMap<Integer, byte[]> signaturesByValidator) {
        if (signaturesByValidator.size() < committee.quorum()) {
            throw new IllegalArgumentException(signaturesByValidator.size() + " signatures are below the quorum of " + committee.quorum());
        }
        return new CheckpointCertificate(checkpoint, scheme.aggregate(signaturesByValidator));
    }

    /** At least 2f+1 distinct committee members signed exactly this checkpoint. */
    public boolean verify(CheckpointCertificate certificate) {
        return certificate.signatures().signerCount() >= committee.quorum()
                && scheme.verifyAll(certificate.checkpoint().signingMessage(), certificate.signatures());
    }
}
