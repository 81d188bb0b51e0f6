package io.quantumsafe.consensus.message;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import java.util.Objects;

/**
 * A certificate of availability: a header and a quorum of votes for it. Its digest is the header's
 * (a vertex is named by its header whoever collected the votes). Immutable.
 */
public record Certificate(Header header, QuorumSignature signatures) {
    public Certificate {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(signatures, "signatures");
    }

    public Digest digest() { return header.digest(); }

    public int author() { return header.author(); }

    public long round() { return header.round(); }

    /** Encoded size in bytes for a committee of {@code committeeSize}. */
    public int encodedBytes(int committeeSize) {
        return header.encodedBytes() + MessageCodec.quorumSignatureBytes(committeeSize, signatures.proofBytes());
    }

    @Override
    public String toString() { return "certificate " + digest() + " (author " + author() + ", round " + round() + ", " + signatures + ")"; }
}
