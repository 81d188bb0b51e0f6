package io.quantumsafe.crypto;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;

/**
 * A JCA {@link Signature} kept initialised for one key and one context string, so that repeated
 * operations pay only update + sign/verify. Re-initialised only when the context changes (Bouncy
 * Castle accepts a new context only right after init).
 */
final class PreparedSignature {
    private static final byte[] NONE = new byte[0];

    final Signature signature;
    private final boolean takesContext;
    private byte[] context = NONE;
    private boolean initialised;

    PreparedSignature(Signature signature, boolean takesContext) {
        this.signature = signature;
        this.takesContext = takesContext;
    }

    void prepareSign(java.security.PrivateKey key, byte[] newContext, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (initialised && Arrays.equals(context, newContext)) return;
        initialised = false;
        signature.initSign(key, random);
        applyContext(newContext);
    }

    void prepareVerify(java.security.PublicKey key, byte[] newContext)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (initialised && Arrays.equals(context, newContext)) return;
        initialised = false;
        signature.initVerify(key);
        applyContext(newContext);
    }

    private void applyContext(byte[] newContext) throws InvalidAlgorithmParameterException {
        if (takesContext) signature.setParameter(new ContextParameterSpec(newContext));
        context = newContext.length == 0 ? NONE : newContext.clone();
        initialised = true;
    }
}
