package io.quantumsafe.crypto;

/** Verifies signatures of one public key. Thread-safe; keep one per key and reuse it. */
public interface Verifier {
    Algorithm algorithm();

    PublicKey publicKey();

    /**
     * True if {@code signature} is a valid signature of {@code message} with an empty context.
     * A well-formed signature that does not verify returns false.
     *
     * @throws MalformedInputException if the signature's length is impossible for the algorithm
     */
    boolean verify(byte[] message, byte[] signature);

    /** As {@link #verify(byte[], byte[])}, under a context string. */
    boolean verify(byte[] message, byte[] signature, byte[] context);
}
