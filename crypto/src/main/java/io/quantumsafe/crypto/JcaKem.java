package io.quantumsafe.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;

/** ML-KEM through the JCA {@link KEM} API (JDK 25 or Bouncy Castle). */
final class JcaKem extends ObservedKem {
    private final KEM kem;

    JcaKem(PqcEngine engine, Algorithm algorithm, CryptoProvider provider) {
        super(engine, algorithm, provider);
        Provider jcaProvider = Providers.provider(algorithm, provider);
        Providers.JcaNames names = Providers.names(algorithm, provider);
        try {
            this.kem = KEM.getInstance(names.operation(), jcaProvider);
        } catch (GeneralSecurityException e) {
            throw new UnsupportedAlgorithmException(provider + " has no KEM " + names.operation(), e);
        }
    }

    @Override
    KeyPair generateUnobserved() {
        return KeyPairs.generate(algorithm, provider, engine.generators(algorithm));
    }

    @Override
    Encapsulation encapsulateUnobserved(PublicKey publicKey) {
        java.security.PublicKey jcaKey = publicKey.jcaKeys.get(provider, () -> KeyCodec.toJca(publicKey, provider));
        try {
            KEM.Encapsulated encapsulated = kem.newEncapsulator(jcaKey, engine.random()).encapsulate();
            return new Encapsulation(encapsulated.encapsulation(), new SharedSecret(encapsulated.key().getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ProviderFailureException(provider + " failed to encapsulate to " + algorithm + " key "
                    + publicKey.fingerprint() + ": " + e.getMessage(), e);
        }
    }

    @Override
    SharedSecret decapsulateUnobserved(PrivateKey privateKey, byte[] ciphertext) {
        java.security.PrivateKey jcaKey = privateKey.jcaKeys.get(provider, () -> KeyCodec.toJca(privateKey, provider));
        try {
            return new SharedSecret(kem.newDecapsulator(jcaKey).decapsulate(ciphertext).getEncoded());
        } catch (DecapsulateException e) {
            throw new MalformedInputException(algorithm + " ciphertext was rejected: " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ProviderFailureException(provider + " failed to decapsulate with " + algorithm + " key "
                    + privateKey.keyId() + ": " + e.getMessage(), e);
        }
    }
}
