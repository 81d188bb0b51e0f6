package io.quantumsafe.ledger;

/** Transfer flags (TigerBeetle's bit positions). */
public final class TransferFlags {
    /** Links this transfer with the next event: all succeed or none does. */
    public static final int LINKED = 1;
    /** Reserve the amount (two-phase): debits_pending/credits_pending until posted, voided or expired. */
    public static final int PENDING = 1 << 1;
    /** Post (part of) the pending transfer named by pending_id. */
    public static final int POST_PENDING_TRANSFER = 1 << 2;
    /** Void the pending transfer named by pending_id. */
    public static final int VOID_PENDING_TRANSFER = 1 << 3;
    /** With PENDING: close the debit account while the transfer is pending and after it is posted. */
    public static final int CLOSING_DEBIT = 1 << 6;
    /** With PENDING: close the credit account while the transfer is pending and after it is posted. */
    public static final int CLOSING_CREDIT = 1 << 7;

    static final int KNOWN = LINKED | PENDING | POST_PENDING_TRANSFER | VOID_PENDING_TRANSFER | CLOSING_DEBIT | CLOSING_CREDIT;

    private TransferFlags() {}
}
