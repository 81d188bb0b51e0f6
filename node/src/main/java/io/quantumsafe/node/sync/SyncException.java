package io.quantumsafe.node.sync;

/** State sync refused a peer's answer, or could not get one; the reason says which, for reports and retries. */
public final class SyncException extends Exception {
    public enum Reason {
        /** The restart point's bytes end early. */
        TRUNCATED,
        /** Its checksum does not match: damaged in transit or at the peer. */
        CORRUPT,
        /** It decodes but breaks the format: bad counts, lengths, gaps, trailing bytes. */
        MALFORMED,
        /** Larger than this node accepts. */
        TOO_LARGE,
        /** Of another network. */
        WRONG_NETWORK,
        /** A checkpoint certificate without 2f+1 valid committee signatures. */
        BAD_CERTIFICATE,
        /** The ledger it yields does not have the root that the certificate signs: forged or damaged. */
        ROOT_MISMATCH,
        /** The consensus part (DAG window, commit position) is not valid. */
        BAD_CONSENSUS_STATE,
        /** The peer answered that it cannot serve one now. */
        PEER_REFUSED,
        /** The peer did not answer in time. */
        TIMEOUT
    }

    private final Reason reason;

    public SyncException(Reason reason, String message) {
        super(reason.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
