package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.crypto.PrivateKey;

/** A verifier's signed statement that it re-executed up to a checkpoint and got the certified state root. */
public record Attestation(int verifier, long checkpointSequence, Digest checkpointDigest, byte[] signature) {
    public Attestation {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() { return signature.clone(); }

    public static Attestation sign(VerifierSet verifiers, int verifier, PrivateKey key, long checkpointSequence, Digest checkpointDigest) {
        return new Attestation(verifier, checkpointSequence, checkpointDigest,
                verifiers.sign(verifier, key, VerifierSet.ATTESTATION, signedDigest(checkpointSequence, checkpointDigest)));
    }

    public boolean verify(VerifierSet verifiers) {
        return verifiers.verify(verifier, VerifierSet.ATTESTATION, signedDigest(checkpointSequence, checkpointDigest), signature);
    }

    private static Digest signedDigest(long index, Digest checkpointDigest) {
        return Digest.sha256(java.nio.ByteBuffer.allocate(8).putLong(index).array(), checkpointDigest.toBytes());
    }
}
