package io.quantumsafe.consensus.crypto;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What makes a certificate: which validators signed (a bitmap over committee indices) and the
 * scheme's proof that they did (for ML-DSA the signatures concatenated in index order; for a BLS
 * aggregate one 96-byte point). Immutable.
 */
public final class QuorumSignature {
    private final BitSet signers;
    private final byte[] proof;

    public QuorumSignature(BitSet signers, byte[] proof) {
        this.signers = (BitSet) signers.clone();
        this.proof = proof.clone();
    }

    public BitSet signers() { return (BitSet) signers.clone(); }

    public int signerCount() { return signers.cardinality(); }

    public boolean signedBy(int index) { return signers.get(index); }

    /** Signer indices, ascending. */
    public int[] signerIndices() { return signers.stream().toArray(); }

    public byte[] proof() { return proof.clone(); }

    public int proofBytes() { return proof.length; }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuorumSignature q && signers.equals(q.signers) && Arrays.equals(proof, q.proof);
    }

    @Override
    public int hashCode() { return 31 * signers.hashCode() + Arrays.hashCode(proof); }

    @Override
    public String toString() { return signerCount() + " signers, " + proof.length + " proof bytes"; }
}
