package io.quantumsafe.consensus.message;

import io.quantumsafe.consensus.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Narwhal header: what validator {@code author} proposes in {@code round}: the digests of its
 * batches and references (header digests) to at least a quorum of certificates of round - 1 (none in
 * round 1). Its digest, {@code SHA-256("QSAFE-CONSENSUS-HEADER-V1\0" || encoding)}, names the DAG
 * vertex and is what votes sign. Immutable.
 */
public final class Header {
    static final byte[] DOMAIN = "QSAFE-CONSENSUS-HEADER-V1\0".getBytes(StandardCharsets.US_ASCII);

    private final int author;
    private final long round;
    private final List<Digest> batchDigests;
    private final List<Digest> parents;
    private final Digest digest;

    public Header(int author, long round, List<Digest> batchDigests, List<Digest> parents) {
        if (author < 0 || author > 0xffff) throw new IllegalArgumentException("author index out of range: " + author);
        if (round < 0) throw new IllegalArgumentException("round must be >= 0: " + round);
        if (batchDigests.size() > 0xffff || parents.size() > 0xffff) throw new IllegalArgumentException("too many digests");
        this.author = author;
        this.round = round;
        this.batchDigests = List.copyOf(batchDigests);
        this.parents = List.copyOf(parents);
        this.digest = Digest.sha256(DOMAIN, MessageCodec.encodeHeader(this));
    }

    public int author() { return author; }

    public long round() { return round; }

    public List<Digest> batchDigests() { return batchDigests; }

    public List<Digest> parents() { return parents; }

    public Digest digest() { return digest; }

    /** Encoded size in bytes. */
    public int encodedBytes() { return MessageCodec.headerBytes(batchDigests.size(), parents.size()); }

    @Override
    public boolean equals(Object o) { return o instanceof Header h && digest.equals(h.digest); }

    @Override
    public int hashCode() { return digest.hashCode(); }

    @Override
    public String toString() { return "header " + digest + " (author " + author + ", round " + round + ")"; }
}
