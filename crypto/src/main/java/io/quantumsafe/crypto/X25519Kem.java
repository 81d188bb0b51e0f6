package io.quantumsafe.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) used as an ephemeral-static KEM: the ciphertext is a fresh ephemeral public key
 * and the shared secret is the raw X25519 output, exactly the X25519 half of the TLS hybrid
 * X25519MLKEM768. An all-zero output (a low-order peer point) is rejected, as RFC 7748 section 6.1
 * and RFC 8446 section 7.4.2 require.
 */
final class X25519Kem extends ObservedKem {
    private final Pool<KeyAgreement> agreements;
    private final Pool<KeyFactory> factories;

    X25519Kem(PqcEngine engine, CryptoProvider provider) {
        super(engine, Algorithm.X25519, provider);
        Provider jcaProvider = Providers.provider(Algorithm.X25519, provider);
        this.agreements = new Pool<>(() -> {
            try {
                return KeyAgreement.getInstance("X25519", jcaProvider);
            } catch (GeneralSecurityException e) {
                throw new UnsupportedAlgorithmException(provider + " has no X25519 key agreement", e);
            }
        });
        this.factories = new Pool<>(() -> {
            try {
                return KeyFactory.getInstance("X25519", jcaProvider);
            } catch (GeneralSecurityException e) {
                throw new UnsupportedAlgorithmException(provider + " has no X25519 key factory", e);
            }
        });
    }

    @Override
    KeyPair generateUnobserved() {
        return KeyPairs.generate(algorithm, provider, engine.generators(algorithm));
    }

    /**
     * The ephemeral key pair stays in the provider's objects: it is used once, so wrapping it in
     * engine keys would only add allocations and a SubjectPublicKeyInfo re-encoding of its public
     * half (measured: bench overhead). The provider's private key object cannot be wiped through the
     * JCA either way; it is dropped here.
     */
    @Override
    Encapsulation encapsulateUnobserved(PublicKey publicKey) {
        java.security.KeyPair ephemeral = KeyPairs.generateJca(algorithm, provider, engine.generators(algorithm));
        java.security.PublicKey peer = publicKey.jcaKeys.get(provider, () -> KeyCodec.toJca(publicKey, provider));
        byte[] secret = agree(ephemeral.getPrivate(), peer);
        // A key the provider generated has a well-formed encoding: the share is its last 32 bytes.
        byte[] encoded = ephemeral.getPublic().getEncoded();
        byte[] share = Arrays.copyOfRange(encoded, encoded.length - algorithm.publicKeyBytes(), encoded.length);
        return new Encapsulation(share, new SharedSecret(secret));
    }

    /**
     * The peer's share is used once, so it goes straight into the provider's key object through a
     * pooled KeyFactory, rather than through an engine PublicKey and a KeyFactory lookup per call.
     */
    @Override
    SharedSecret decapsulateUnobserved(PrivateKey privateKey, byte[] ciphertext) {
        java.security.PrivateKey own = privateKey.jcaKeys.get(provider, () -> KeyCodec.toJca(privateKey, provider));
        return new SharedSecret(agree(own, peerKey(ciphertext)));
    }

    private java.security.PublicKey peerKey(byte[] share) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(SubjectPublicKeyInfos.encode(Algorithm.X25519, share));
        KeyFactory factory = factories.acquire();
        java.security.PublicKey peer;
        try {
            peer = factory.generatePublic(spec);
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new CorruptedKeyException(algorithm + " public key is rejected by " + provider + ": " + e.getMessage(), e);
        }
        factories.release(factory);
        return peer;
    }

    private byte[] agree(java.security.PrivateKey jcaPrivate, java.security.PublicKey jcaPublic) {
        KeyAgreement agreement = agreements.acquire();
        byte[] secret;
        try {
            agreement.init(jcaPrivate);
            agreement.doPhase(jcaPublic, true);
            secret = agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new MalformedInputException("X25519 share is invalid (low-order or malformed point): " + e.getMessage(), e);
        }
        agreements.release(agreement);
        int accumulated = 0;
        for (byte b : secret) accumulated |= b;
        if (accumulated == 0) {
            throw new MalformedInputException("X25519 share is a low-order point: the shared secret is all zeros");
        }
        return secret;
    }
}
