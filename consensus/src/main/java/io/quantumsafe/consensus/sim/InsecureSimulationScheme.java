package io.quantumsafe.consensus.sim;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.crypto.VoteSigner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.Map;
import java.util.SortedMap;

/**
 * INSECURE. A stand-in certificate scheme for large simulations, where thousands of ML-DSA operations
 * per simulated round would make a run take hours. A "signature" is a 64-bit mix of the digest and a
 * per-validator key that is public (it is the validator's "public key"), so anyone can forge anyone's
 * vote: it only lets the simulator exercise the code paths of signature checking (a Byzantine
 * validator that signs with the wrong key or flips bits is still caught, because it does not use the
 * victim's key). It lives in the simulator package and has no key format in the committee file, so a
 * node configuration can never select it.
 */
public final class InsecureSimulationScheme implements CertificateScheme {
    private static final int SIGNATURE_BYTES = 8;
    private final Committee committee;
    private final long[] keys;

    public InsecureSimulationScheme(Committee committee) {
        this.committee = committee;
        this.keys = new long[committee.size()];
        for (Validator v : committee.validators()) {
            byte[] key = v.publicKey();
            if (key.length != 8) throw new IllegalArgumentException(v + " has no insecure simulation key");
            keys[v.index()] = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    /** The "public key" of simulated validator {@code index} (deterministic). */
    public static byte[] keyOf(int index) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(mix(0x51A7E5EEDL + index)).array();
    }

    /** A signer for validator {@code index} that uses {@code key}; the key of another validator makes votes that do not verify. */
    public VoteSigner signer(int index, long key) {
        return new VoteSigner() {
            @Override public int validator() { return index; }
            @Override public byte[] sign(Digest headerDigest) { return toBytes(signature(key, headerDigest)); }
        };
    }

    public VoteSigner signer(int index) { return signer(index, keys[index]); }

    @Override public String name() { return "insecure-simulation"; }

    @Override public int voteSignatureBytes() { return SIGNATURE_BYTES; }

    @Override public int proofBytes(int signers) { return SIGNATURE_BYTES; }

    @Override
    public boolean verifyVote(int voter, Digest headerDigest, byte[] signature) {
        return committee.contains(voter) && signature.length == SIGNATURE_BYTES && fromBytes(signature) == signature(keys[voter], headerDigest);
    }

    @Override
    public QuorumSignature aggregate(Digest headerDigest, SortedMap<Integer, byte[]> signaturesByVoter) {
        BitSet signers = new BitSet(committee.size());
        long xor = 0;
        for (Map.Entry<Integer, byte[]> e : signaturesByVoter.entrySet()) {
            signers.set(e.getKey());
            xor ^= fromBytes(e.getValue());
        }
        return new QuorumSignature(signers, toBytes(xor));
    }

    @Override
    public boolean verify(Digest headerDigest, QuorumSignature quorumSignature) {
        byte[] proof = quorumSignature.proof();
        if (proof.length != SIGNATURE_BYTES) return false;
        long xor = 0;
        for (int signer : quorumSignature.signerIndices()) {
            if (!committee.contains(signer)) return false;
            xor ^= signature(keys[signer], headerDigest);
        }
        return xor == fromBytes(proof);
    }

    private static long signature(long key, Digest digest) { return mix(key ^ mix(digest.prefixLong())); }

    /** SplitMix64's finaliser: a bijective mixer, not a cryptographic function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static byte[] toBytes(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }

    private static long fromBytes(byte[] b) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(); }
}
