package io.quantumsafe.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SignatureException;
import java.util.Objects;

/** {@link Verifier} over a JCA Signature, with a pool of signatures initialised for its key. */
final class JcaVerifier implements Verifier {
    private static final byte[] NO_CONTEXT = new byte[0];

    private final PqcEngine engine;
    private final PublicKey key;
    private final Algorithm algorithm;
    private final CryptoProvider provider;
    private final boolean providerTakesContext;
    private final java.security.PublicKey jcaKey;
    private final Pool<PreparedSignature> pool;
    private volatile JcaVerifier contextVerifier;

    JcaVerifier(PqcEngine engine, PublicKey key, CryptoProvider provider) {
        this.engine = engine;
        this.key = key;
        this.algorithm = key.algorithm();
        this.provider = provider;
        this.providerTakesContext = SignatureRules.providerTakesContext(algorithm, provider);
        this.jcaKey = key.jcaKeys.get(provider, () -> KeyCodec.toJca(key, provider));
        String name = Providers.names(algorithm, provider).operation();
        Provider jcaProvider = Providers.provider(algorithm, provider);
        this.pool = new Pool<>(() -> new PreparedSignature(JcaSigner.newSignature(name, jcaProvider), providerTakesContext));
    }

    @Override
    public Algorithm algorithm() { return algorithm; }

    @Override
    public PublicKey publicKey() { return key; }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
        return verify(message, signature, NO_CONTEXT);
    }

    @Override
    public boolean verify(byte[] message, byte[] signature, byte[] context) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(context, "context");
        Observation observation = engine.observation();
        if (!observation.enabled()) return verifyUnobserved(message, signature, context);
        long start = System.nanoTime();
        try {
            boolean valid = verifyUnobserved(message, signature, context);
            observation.report(CryptoOperation.VERIFY, algorithm, provider, key.fingerprint(), start, message.length,
                    valid ? CryptoEvent.Status.OK : CryptoEvent.Status.INVALID, null);
            return valid;
        } catch (CryptoException e) {
            observation.report(CryptoOperation.VERIFY, algorithm, provider, key.fingerprint(), start, message.length,
                    CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    private boolean verifyUnobserved(byte[] message, byte[] signature, byte[] context) {
        SignatureRules.checkContext(algorithm, context);
        SignatureRules.checkSignatureLength(algorithm, signature);
        if (context.length != 0 && !providerTakesContext) {
            return contextVerifier().verifyUnobserved(message, signature, context);
        }
        PreparedSignature prepared = pool.acquire();
        boolean valid;
        try {
            prepared.prepareVerify(jcaKey, context);
            prepared.signature.update(message);
            valid = prepared.signature.verify(signature);
        } catch (SignatureException e) {
            // A signature of the right length that does not even decode (e.g. bad DER for ECDSA) is
            // simply not valid. The instance may be mid-operation, so it is not released.
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ProviderFailureException(provider + " failed to verify a " + algorithm + " signature: "
                    + e.getMessage(), e);
        }
        pool.release(prepared);
        return valid;
    }

    private JcaVerifier contextVerifier() {
        JcaVerifier verifier = contextVerifier;
        if (verifier == null) {
            verifier = new JcaVerifier(engine, key, CryptoProvider.BOUNCY_CASTLE);
            contextVerifier = verifier;
        }
        return verifier;
    }
}
