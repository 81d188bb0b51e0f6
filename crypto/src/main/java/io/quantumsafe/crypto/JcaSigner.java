package io.quantumsafe.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.time.Instant;
import java.util.Objects;

/** {@link Signer} over a JCA {@link Signature}, with a pool of signatures initialised for its key. */
final class JcaSigner implements Signer {
    private static final byte[] NO_CONTEXT = new byte[0];

    private final PqcEngine engine;
    private final PrivateKey key;
    private final Algorithm algorithm;
    private final CryptoProvider provider;
    private final boolean providerTakesContext;
    private final java.security.PrivateKey jcaKey;
    private final Pool<PreparedSignature> pool;
    private volatile JcaSigner contextSigner;

    JcaSigner(PqcEngine engine, PrivateKey key, CryptoProvider provider) {
        key.checkNotDestroyed();
        this.engine = engine;
        this.key = key;
        this.algorithm = key.algorithm();
        this.provider = provider;
        this.providerTakesContext = SignatureRules.providerTakesContext(algorithm, provider);
        this.jcaKey = key.jcaKeys.get(provider, () -> KeyCodec.toJca(key, provider));
        String name = Providers.names(algorithm, provider).operation();
        Provider jcaProvider = Providers.provider(algorithm, provider);
        this.pool = new Pool<>(() -> new PreparedSignature(newSignature(name, jcaProvider), providerTakesContext));
    }

    @Override
    public Algorithm algorithm() { return algorithm; }

    @Override
    public String keyId() { return key.keyId(); }

    @Override
    public byte[] sign(byte[] message) {
        return sign(message, NO_CONTEXT);
    }

    @Override
    public byte[] sign(byte[] message, byte[] context) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(context, "context");
        Observation observation = engine.observation();
        if (!observation.enabled()) return signUnobserved(message, context);
        long start = System.nanoTime();
        try {
            byte[] signature = signUnobserved(message, context);
            observation.report(CryptoOperation.SIGN, algorithm, provider, key.keyId(), start, message.length,
                    CryptoEvent.Status.OK, null);
            return signature;
        } catch (CryptoException e) {
            observation.report(CryptoOperation.SIGN, algorithm, provider, key.keyId(), start, message.length,
                    CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    private byte[] signUnobserved(byte[] message, byte[] context) {
        SignatureRules.checkContext(algorithm, context);
        checkCryptoperiod();
        if (context.length != 0 && !providerTakesContext) return contextSigner().signUnobserved(message, context);
        key.checkNotDestroyed();
        PreparedSignature prepared = pool.acquire();
        try {
            prepared.prepareSign(jcaKey, context, engine.random());
            prepared.signature.update(message);
            byte[] signature = prepared.signature.sign();
            pool.release(prepared);
            return signature;
        } catch (GeneralSecurityException | RuntimeException e) {
            // The instance is in an unknown state and is not released.
            throw new ProviderFailureException(provider + " failed to sign with " + algorithm + " key " + key.keyId()
                    + ": " + e.getMessage(), e);
        }
    }

    private void checkCryptoperiod() {
        if (key.notAfter().isEmpty()) return;
        Instant now = engine.observation().clock().instant();
        Instant notAfter = key.notAfter().get();
        if (now.isAfter(notAfter)) {
            throw new KeyExpiredException("key " + key.keyId() + " expired at " + notAfter
                    + "; rotate it (qsafe keygen --rotate) and sign with the new version");
        }
    }

    /** The JDK's ML-DSA takes no context string, so a non-empty context is signed by Bouncy Castle. */
    private JcaSigner contextSigner() {
        JcaSigner signer = contextSigner;
        if (signer == null) {
            signer = new JcaSigner(engine, key, CryptoProvider.BOUNCY_CASTLE);
            contextSigner = signer;
        }
        return signer;
    }

    static Signature newSignature(String name, Provider provider) {
        try {
            return Signature.getInstance(name, provider);
        } catch (GeneralSecurityException e) {
            throw new UnsupportedAlgorithmException(provider.getName() + " has no signature " + name, e);
        }
    }
}
