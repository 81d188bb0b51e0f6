package io.quantumsafe.consensus.crypto;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.Signer;
import io.quantumsafe.crypto.Verifier;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.SortedMap;

/**
 * Certificates as a signer bitmap plus each signer's ML-DSA-65 signature (FIPS 204), concatenated in
 * validator index order. Post-quantum, but linear in size: 3,309 bytes per signer, so 54 signers
 * (n = 80) make 178,686 bytes; DESIGN.md keeps it for committees up to about 20.
 *
 * <p>The vote domain is a message prefix rather than a FIPS 204 context string so that JDK 25's
 * ML-DSA, which has no context API, can verify it (the ledger's requests do the same).
 */
public final class MlDsaCertificateScheme implements CertificateScheme {
    public static final Algorithm ALGORITHM = Algorithm.ML_DSA_65;
    private static final int SIGNATURE_BYTES = ALGORITHM.signatureBytesMax();

    private final Committee committee;
    private final PqcEngine engine;
    private final Verifier[] verifiers;

    public MlDsaCertificateScheme(Committee committee, PqcEngine engine) {
        this.committee = committee;
        this.engine = engine;
        this.verifiers = new Verifier[committee.size()];
    }

    /** The vote signer of validator {@code index}, which holds {@code privateKey}. */
    public VoteSigner signer(int index, PrivateKey privateKey) {
        if (privateKey.algorithm() != ALGORITHM) throw new IllegalArgumentException("consensus keys are " + ALGORITHM + ", not " + privateKey.algorithm());
        if (!Arrays.equals(privateKey.publicKey().encoded(), committee.validator(index).publicKey())) {
            throw new IllegalArgumentException("the private key does not match validator " + committee.validator(index) + "'s public key");
        }
        Signer signer = engine.signer(privateKey);
        return new VoteSigner() {
            @Override public int validator() { return index; }
            @Override public byte[] sign(Digest headerDigest) { return signer.sign(CertificateScheme.voteMessage(headerDigest)); }
        };
    }

    @Override public String name() { return ALGORITHM.displayName(); }

    @Override public int voteSignatureBytes() { return SIGNATURE_BYTES; }

    @Override public int proofBytes(int signers) { return signers * SIGNATURE_BYTES; }

    @Override
    public boolean verifyVote(int voter, Digest headerDigest, byte[] signature) {
        return verifySigned(voter, CertificateScheme.voteMessage(headerDigest), signature);
    }

    /** Committee member {@code signer}'s ML-DSA-65 signature on {@code message} (any domain: votes, checkpoints). */
    public boolean verifySigned(int signer, byte[] message, byte[] signature) {
        if (!committee.contains(signer) || signature.length != SIGNATURE_BYTES) return false;
        try {
            return verifier(signer).verify(message, signature);
        } catch (CryptoException malformed) {
            return false;
        }
    }

    @Override
    public QuorumSignature aggregate(Digest headerDigest, SortedMap<Integer, byte[]> signaturesByVoter) {
        return aggregate(signaturesByVoter);
    }

    /** The signer bitmap and the signatures in index order; each must be a committee member's ML-DSA-65 signature. */
    public QuorumSignature aggregate(SortedMap<Integer, byte[]> signaturesByVoter) {
        BitSet signers = new BitSet(committee.size());
        ByteArrayOutputStream proof = new ByteArrayOutputStream(signaturesByVoter.size() * SIGNATURE_BYTES);
        for (Map.Entry<Integer, byte[]> entry : signaturesByVoter.entrySet()) {
            if (!committee.contains(entry.getKey()) || entry.getValue().length != SIGNATURE_BYTES) {
                throw new IllegalArgumentException("signature of " + entry.getKey() + " is not a committee member's ML-DSA-65 signature");
            }
            signers.set(entry.getKey());
            proof.writeBytes(entry.getValue());
        }
        return new QuorumSignature(signers, proof.toByteArray());
    }

    @Override
    public boolean verify(Digest headerDigest, QuorumSignature quorumSignature) {
        return verifyAll(CertificateScheme.voteMessage(headerDigest), quorumSignature);
    }

    /** Every signer in the bitmap is a committee member whose signature on {@code message} verifies (no quorum check). */
    public boolean verifyAll(byte[] message, QuorumSignature quorumSignature) {
        int[] signers = quorumSignature.signerIndices();
        byte[] proof = quorumSignature.proof();
        if (proof.length != proofBytes(signers.length)) return false;
        for (int i = 0; i < signers.length; i++) {
            byte[] signature = Arrays.copyOfRange(proof, i * SIGNATURE_BYTES, (i + 1) * SIGNATURE_BYTES);
            if (!verifySigned(signers[i], message, signature)) return false;
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
