package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.crypto.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The verifiers a network listens to, by index, with their ML-DSA-65 keys. Attestations and fraud
 * proofs are signed under separate domain tags, so neither can be replayed as the other (or as a
 * checkpoint signature, which has its own tag).
 */
public final class VerifierSet {
    public static final Algorithm ALGORITHM = Algorithm.ML_DSA_65;
    public static final int verifiersMax = 256;
    static final byte[] ATTESTATION = "QSAFE-ATTESTATION-V1\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FRAUD_PROOF = "QSAFE-FRAUD-PROOF-V1\0".getBytes(StandardCharsets.US_ASCII);

    public record Member(String name, PublicKey publicKey) {
        public Member {
            if (publicKey.algorithm() != ALGORITHM) throw new IllegalArgumentException("verifier " + name + " key is " + publicKey.algorithm() + ", not " + ALGORITHM);
        }
    }

    private final List<Member> members;
    private final PqcEngine engine;
    private final Verifier[] verifiers;

    public VerifierSet(List<Member> members, PqcEngine engine) {
        if (members.size() > verifiersMax) throw new IllegalArgumentException(members.size() + " verifiers exceed the bound of " + verifiersMax);
        this.members = List.copyOf(members);
        this.engine = engine;
        this.verifiers = new Verifier[members.size()];
    }

    public int size() { return members.size(); }

    public Member member(int index) { return members.get(index); }

    public boolean contains(int index) { return index >= 0 && index < members.size(); }

    static byte[] message(byte[] domain, Digest digest) {
        byte[] bytes = digest.toBytes();
        byte[] message = Arrays.copyOf(domain, domain.length + bytes.length);
        System.arraycopy(bytes, 0, message, domain.length, bytes.length);
        return message;
    }

    byte[] sign(int index, PrivateKey key, byte[] domain, Digest digest) {
        if (!Arrays.equals(key.publicKey().encoded(), members.get(index).publicKey().encoded())) {
            throw new IllegalArgumentException("the private key is not verifier " + members.get(index).name() + "'s");
        }
        return engine.signer(key).sign(message(domain, digest));
    }

    boolean verify(int index, byte[] domain, Digest digest, byte[] signature) {
        if (!contains(index)) return false;
        Verifier verifier = verifiers[index];
        if (verifier == null) {
            verifier = engine.verifier(members.get(index).publicKey());
            verifiers[index] = verifier;
        }
        try {
            return verifier.verify(message(domain, digest), signature);
        } catch (CryptoException malformed) {
            return false;
        }
    }
}
