package io.quantumsafe.node.checkpoint;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.Verifier;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.SortedMap;

/**
 * Checkpoint signatures of a committee (the node's own format, {@link Checkpoint#signingMessage()}):
 * always ML-DSA-65, whatever scheme consensus votes use,
 * because checkpoints are what must stay unforgeable for decades (DESIGN.md). Verification is a
 * pure function of the committee's public keys, so receipts can be checked offline.
 */
public final class CheckpointSigning {
    public static final Algorithm ALGORITHM = Algorithm.ML_DSA_65;
    public static final int SIGNATURE_BYTES = ALGORITHM.signatureBytesMax();

    private final Committee committee;
    private final PqcEngine engine;
    private final Verifier[] verifiers;

    public CheckpointSigning(Committee committee, PqcEngine engine) {
        this.committee = committee;
        this.engine = engine;
        this.verifiers = new Verifier[committee.size()];
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
        if (!committee.contains(index) || signature.length != SIGNATURE_BYTES) return false;
        try {
            return verifier(index).verify(checkpoint.signingMessage(), signature);
        } catch (CryptoException malformed) {
            return false;
        }
    }

    /** A certificate from signatures already verified one by one; needs a quorum. */
    public CheckpointCertificate certificate(Checkpoint checkpoint, SortedMap<Integer, byte[]> signaturesByValidator) {
        if (signaturesByValidator.size() < committee.quorum()) {
            throw new IllegalArgumentException(signaturesByValidator.size() + " signatures are below the quorum of " + committee.quorum());
        }
        BitSet signers = new BitSet(committee.size());
        ByteArrayOutputStream proof = new ByteArrayOutputStream(signaturesByValidator.size() * SIGNATURE_BYTES);
        for (Map.Entry<Integer, byte[]> entry : signaturesByValidator.entrySet()) {
            if (!committee.contains(entry.getKey()) || entry.getValue().length != SIGNATURE_BYTES) {
                throw new IllegalArgumentException("signature of " + entry.getKey() + " is not a committee member's ML-DSA-65 signature");
            }
            signers.set(entry.getKey());
            proof.writeBytes(entry.getValue());
        }
        return new CheckpointCertificate(checkpoint, new QuorumSignature(signers, proof.toByteArray()));
    }

    /** At least 2f+1 distinct committee members signed exactly this checkpoint. */
    public boolean verify(CheckpointCertificate certificate) {
        QuorumSignature quorum = certificate.signatures();
        int[] signers = quorum.signerIndices();
        if (signers.length < committee.quorum()) return false;
        byte[] proof = quorum.proof();
        if (proof.length != signers.length * SIGNATURE_BYTES) return false;
        byte[] message = certificate.checkpoint().signingMessage();
        for (int i = 0; i < signers.length; i++) {
            if (!committee.contains(signers[i])) return false;
            byte[] signature = Arrays.copyOfRange(proof, i * SIGNATURE_BYTES, (i + 1) * SIGNATURE_BYTES);
            try {
                if (!verifier(signers[i]).verify(message, signature)) return false;
            } catch (CryptoException malformed) {
                return false;
            }
        }
        return true;
    }

    private Verifier verifier(int index) {
        Verifier verifier = verifiers[index];
        if (verifier == null) {
            verifier = engine.verifier(KeyCodec.decodePublicKey(ALGORITHM, committee.validator(index).publicKey()));
            verifiers[index] = verifier;
        }
        return verifier;
    }
}
