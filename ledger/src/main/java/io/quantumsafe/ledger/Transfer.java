package io.quantumsafe.ledger;

/**
 * A transfer of {@code amount} from the debit account to the credit account, both on {@code ledger}.
 * TigerBeetle's layout and semantics: two-phase transfers (PENDING, then POST or VOID naming
 * {@code pendingId}), linked chains, and {@code timeout} in seconds for pending transfers.
 * {@code timestamp} is set by the ledger.
 */
public record Transfer(UInt128 id, UInt128 debitAccountId, UInt128 creditAccountId, UInt128 amount, UInt128 pendingId,
                       UInt128 userData128, long userData64, int userData32, int timeout, int ledger, int code,
                       int flags, long timestamp) {

    /** A plain single-phase transfer to submit. */
    public static Transfer of(UInt128 id, UInt128 debitAccountId, UInt128 creditAccountId, UInt128 amount, int ledger,
                              int code) {
        return new Transfer(id, debitAccountId, creditAccountId, amount, UInt128.ZERO, UInt128.ZERO, 0, 0, 0, ledger, code, 0, 0);
    }

    public Transfer withFlags(int newFlags) {
        return new Transfer(id, debitAccountId, creditAccountId, amount, pendingId, userData128, userData64, userData32,
                timeout, ledger, code, newFlags, timestamp);
    }

    public Transfer withPending(UInt128 newPendingId) {
        return new Transfer(id, debitAccountId, creditAccountId, amount, newPendingId, userData128, userData64, userData32,
                timeout, ledger, code, flags, timestamp);
    }

    public Transfer withTimeout(int seconds) {
        return new Transfer(id, debitAccountId, creditAccountId, amount, pendingId, userData128, userData64, userData32,
                seconds, ledger, code, flags, timestamp);
    }

    public Transfer withTimestamp(long newTimestamp) {
        return new Transfer(id, debitAccountId, creditAccountId, amount, pendingId, userData128, userData64, userData32,
                timeout, ledger, code, flags, newTimestamp);
    }

    public boolean hasFlag(int flag) { return (flags & flag) != 0; }
}
