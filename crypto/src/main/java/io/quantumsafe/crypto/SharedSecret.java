package io.quantumsafe.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/** A KEM shared secret. Wipe it with {@link #close()} (try-with-resources) once keys are derived from it. */
public final class SharedSecret implements Destroyable, AutoCloseable {
    private final byte[] secret;
    private volatile boolean destroyed;

    SharedSecret(byte[] secret) {
        this.secret = secret;
    }

    /** A copy of the secret bytes; the caller owns (and should wipe) the copy. */
    public byte[] bytes() {
        checkNotDestroyed();
        return secret.clone();
    }

    public int length() { return secret.length; }

    /** The secret as a JCA key for the given algorithm (e.g. "HKDF-SHA256" input keying material). */
    public SecretKey toSecretKey(String algorithm) {
        checkNotDestroyed();
        return new SecretKeySpec(secret, algorithm);
    }

    /** Constant-time comparison, so that comparing secrets does not leak where they differ. */
    public boolean matches(SharedSecret other) {
        checkNotDestroyed();
        return MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public boolean isDestroyed() { return destroyed; }

    @Override
    public void close() { destroy(); }

    @Override
    public String toString() { return "SharedSecret[" + secret.length + " bytes]"; }

    byte[] bytesUnsafe() {
        checkNotDestroyed();
        return secret;
    }

    private void checkNotDestroyed() {
        if (destroyed) throw new IllegalStateException("shared secret was destroyed");
    }
}
