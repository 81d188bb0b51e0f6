package io.quantumsafe.ledger;

/** Bytes that are not a valid canonical encoding: wrong length, unknown version, non-zero reserved bytes. */
public final class LedgerCodecException extends IllegalArgumentException {
    public LedgerCodecException(String message) {
        super(message);
    }
}
