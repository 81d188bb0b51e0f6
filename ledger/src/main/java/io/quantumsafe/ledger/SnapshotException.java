package io.quantumsafe.ledger;

/** A snapshot that cannot be restored: damaged, truncated, of another network, or not reproducing its root. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }
}
