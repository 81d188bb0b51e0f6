package io.quantumsafe.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) used as an ephemeral-static KEM: the ciphertext is a fresh ephemeral public key
 * and the shared secret is the raw X25519 output, exactly the X25519 half of the TLS hybrid
 * X25519MLKEM768. An all-zero output (a low-order peer point) is rejected, as RFC 7748 section 6.1
 * and RFC 8446 section 7.4.2 require.
 */
final class X25519Kem extends ObservedKem {
    private final Pool<KeyAgreement> agreements;

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
    }

    @Override
    KeyPair generateUnobserved() {
        return KeyPairs.generate(algorithm, provider, engine.generators(algorithm));
    }

    @Override
    Encapsulation encapsulateUnobserved(PublicKey publicKey) {
        KeyPair ephemeral = generateUnobserved();
        byte[] secret = agree(ephemeral.privateKey(), publicKey);
        ephemeral.privateKey().destroy();
        return new Encapsulation(ephemeral.publicKey().raw(), new SharedSecret(secret));
    }

    @Override
    SharedSecret decapsulateUnobserved(PrivateKey privateKey, byte[] ciphertext) {
        PublicKey peer = KeyCodec.publicKeyFromRawUnvalidated(Algorithm.X25519, ciphertext);
        return new SharedSecret(agree(privateKey, peer));
    }

    private byte[] agree(PrivateKey privateKey, PublicKey peer) {
        java.security.PrivateKey jcaPrivate = privateKey.jcaKeys.get(provider, () -> KeyCodec.toJca(privateKey, provider));
        java.security.PublicKey jcaPublic = peer.jcaKeys.get(provider, () -> KeyCodec.toJca(peer, provider));
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
