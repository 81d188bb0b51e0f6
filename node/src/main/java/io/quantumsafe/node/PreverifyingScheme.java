package io.quantumsafe.node;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.message.Certificate;
import io.quantumsafe.consensus.message.Message;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves ML-DSA verification of votes and certificates off the single consensus thread: the peer
 * receive threads verify what arrives ({@link #preverify}) and remember what verified; the replica's
 * own check then finds the exact same signature bytes already verified. A lookup matches on the
 * full signature bytes (never a hash of them), so a different signature is always verified afresh.
 * Profiled before: vote and certificate verification were 13% of a validator's CPU samples, all on
 * the consensus thread.
 */
final class PreverifyingScheme implements CertificateScheme {
    /** Remembered results; cleared when full (a miss only costs a verification). */
    static final int rememberedMax = 50_000;

    private record VoteKey(Digest header, int voter) {}

    private final CertificateScheme delegate;
    private final Map<VoteKey, byte[]> votes = new ConcurrentHashMap<>();
    private final Map<Digest, QuorumSignature> certificates = new ConcurrentHashMap<>();

    PreverifyingScheme(CertificateScheme delegate) {
        this.delegate = delegate;
    }

    /** Verifies the signatures a message carries, on the calling (peer) thread. */
    void preverify(Message message) {
        switch (message) {
            case Message.VoteMessage v -> verifyVote(v.vote().voter(), v.vote().headerDigest(), v.vote().signature());
            case Message.CertificateMessage c -> verifyCertificate(c.certificate());
            case Message.SyncResponse s -> s.certificates().forEach(this::verifyCertificate);
            default -> { }
        }
    }

    private void verifyCertificate(Certificate c) {
        verify(c.digest(), c.signatures());
    }

    @Override public String name() { return delegate.name(); }

    @Override public int voteSignatureBytes() { return delegate.voteSignatureBytes(); }

    @Override public int proofBytes(int signers) { return delegate.proofBytes(signers); }

    @Override
    public boolean verifyVote(int voter, Digest headerDigest, byte[] signature) {
        VoteKey key = new VoteKey(headerDigest, voter);
        byte[] known = votes.get(key);
        if (known != null && Arrays.equals(known, signature)) return true;
        boolean valid = delegate.verifyVote(voter, headerDigest, signature);
        if (valid) {
            if (votes.size() >= rememberedMax) votes.clear();
            votes.put(key, signature.clone());
        }
        return valid;
    }

    @Override
    public QuorumSignature aggregate(Digest headerDigest, SortedMap<Integer, byte[]> signaturesByVoter) {
        return delegate.aggregate(headerDigest, signaturesByVoter);
    }

    @Override
    public boolean verify(Digest headerDigest, QuorumSignature quorumSignature) {
        QuorumSignature known = certificates.get(headerDigest);
        if (known != null && known.equals(quorumSignature)) return true;
        boolean valid = delegate.verify(headerDigest, quorumSignature);
        if (valid) {
            if (certificates.size() >= rememberedMax) certificates.clear();
            certificates.put(headerDigest, quorumSignature);
        }
        return valid;
    }
}
