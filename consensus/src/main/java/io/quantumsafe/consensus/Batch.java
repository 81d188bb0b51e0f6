package io.quantumsafe.consensus;

import java.util.Arrays;

/**
 * An opaque batch of client requests (the node puts signed settlement requests in it). Consensus
 * orders its {@link #digest()}, the SHA-256 of its bytes; the bytes travel with the author's header
 * and are fetched by digest when missing. Immutable.
 */
public final class Batch {
    private final byte[] bytes;
    private final Digest digest;

    private Batch(byte[] bytes) {
        this.bytes = bytes;
        this.digest = Digest.sha256(bytes);
    }

    /** A batch holding a copy of {@code bytes}. */
    public static Batch of(byte[] bytes) {
        return new Batch(bytes.clone());
    }

    /** Wraps bytes the caller will not touch again (decoders). */
    public static Batch wrap(byte[] bytes) {
        return new Batch(bytes);
    }

    public Digest digest() { return digest; }

    public int sizeBytes() { return bytes.length; }

    public byte[] bytes() { return bytes.clone(); }

    /** Copies the bytes into {@code out} at {@code offset} (encoders; no intermediate copy). */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Batch other && digest.equals(other.digest) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() { return digest.hashCode(); }

    @Override
    public String toString() { return "batch " + digest + " (" + bytes.length + " bytes)"; }
}
