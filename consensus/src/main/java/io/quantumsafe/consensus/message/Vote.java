package io.quantumsafe.consensus.message;

import io.quantumsafe.consensus.Digest;
import java.util.Arrays;
import java.util.Objects;

/** {@code voter}'s signature on the header {@code headerDigest} of ({@code author}, {@code round}), sent to the author. */
public record Vote(Digest headerDigest, int author, long round, int voter, byte[] signature) {
    public Vote {
        Objects.requireNonNull(headerDigest, "headerDigest");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() { return signature.clone(); }

    int signatureLength() { return signature.length; }

    byte[] signatureUnsafe() { return signature; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vote v && headerDigest.equals(v.headerDigest) && author == v.author && round == v.round
                && voter == v.voter && Arrays.equals(signature, v.signature);
    }

    @Override
    public int hashCode() { return headerDigest.hashCode() * 31 + voter; }

    @Override
    public String toString() { return "vote of " + voter + " for " + headerDigest + " (author " + author + ", round " + round + ")"; }
}
