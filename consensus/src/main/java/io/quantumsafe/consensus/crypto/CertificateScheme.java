package io.quantumsafe.consensus.crypto;

import io.quantumsafe.consensus.Digest;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;

/**
 * How votes are signed and how a quorum of votes becomes one certificate, for one committee.
 *
 * <p>Implementations: {@link MlDsaCertificateScheme} (a bitmap plus every signer's ML-DSA-65 signature;
 * post-quantum, about 3.3 KB per signer) and, in the simulator only, {@code InsecureSimulationScheme}.
 * A BLS12-381 aggregate fits the same interface: {@link #aggregate} adds the points, {@link #verify}
 * does one pairing check against the sum of the signers' public keys.
 *
 * <p>Verification never throws on bad input from the network: malformed bytes verify false.
 */
public interface CertificateScheme {
    /** Domain separation: a vote signature can never be mistaken for a signature made for another purpose. */
    byte[] voteDomain = "QSAFE-CONSENSUS-VOTE-V1\0".getBytes(StandardCharsets.US_ASCII);

    /** The signed message for a vote: {@code "QSAFE-CONSENSUS-VOTE-V1\0" || headerDigest}. */
    static byte[] voteMessage(Digest headerDigest) {
        byte[] message = new byte[voteDomain.length + Digest.BYTES];
        System.arraycopy(voteDomain, 0, message, 0, voteDomain.length);
        headerDigest.writeTo(message, voteDomain.length);
        return message;
    }

    /** Short name printed in reports, e.g. "ML-DSA-65". */
    String name();

    /** Bytes of one vote signature (the largest possible where the length varies). */
    int voteSignatureBytes();

    /** Bytes of the proof of a certificate with {@code signers} signers. */
    int proofBytes(int signers);

    /** True if {@code signature} is {@code voter}'s vote on {@code headerDigest}. */
    boolean verifyVote(int voter, Digest headerDigest, byte[] signature);

    /** One certificate proof from verified vote signatures, keyed by voter index. */
    QuorumSignature aggregate(Digest headerDigest, SortedMap<Integer, byte[]> signaturesByVoter);

    /** True if every signer in the bitmap signed {@code headerDigest} (the caller checks the count). */
    boolean verify(Digest headerDigest, QuorumSignature quorumSignature);
}
