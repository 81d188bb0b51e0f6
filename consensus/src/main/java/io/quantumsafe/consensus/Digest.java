package io.quantumsafe.consensus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte SHA-256 digest: the identity of a batch, a header (a DAG vertex) or a certificate. Immutable. */
public final class Digest implements Comparable<Digest> {
    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private final byte[] bytes;
    private final int hash;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A digest from its 32 bytes (copied). */
    public static Digest of(byte[] bytes) {
        if (bytes.length != BYTES) throw new IllegalArgumentException("a digest is 32 bytes, not " + bytes.length);
        return new Digest(bytes.clone());
    }

    /** Reads 32 bytes at {@code offset} (the caller checked the length). */
    public static Digest read(byte[] in, int offset) {
        return new Digest(Arrays.copyOfRange(in, offset, offset + BYTES));
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static Digest sha256(byte[]... parts) {
        MessageDigest sha = SHA256.get();
        for (byte[] part : parts) sha.update(part);
        return new Digest(sha.digest());
    }

    public byte[] toBytes() { return bytes.clone(); }

    public void writeTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, BYTES);
    }

    /** The first 8 bytes as a long (for cheap keyed hashing in the simulation scheme). */
    public long prefixLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) value = (value << 8) | (bytes[i] & 0xff);
        return value;
    }

    /** Full hex. */
    public String toHex() { return HEX.formatHex(bytes); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public int compareTo(Digest other) { return Arrays.compareUnsigned(bytes, other.bytes); }

    /** The first 4 bytes in hex: enough to tell vertices apart in logs and scenario output. */
    @Override
    public String toString() { return HEX.formatHex(bytes, 0, 4); }
}
