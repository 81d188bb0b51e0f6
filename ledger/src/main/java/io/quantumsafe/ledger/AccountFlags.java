package io.quantumsafe.ledger;

/** Account flags (TigerBeetle's bit positions for the ones they share). */
public final class AccountFlags {
    /** Links this account creation with the next event: all succeed or none does. */
    public static final int LINKED = 1;
    /** The account may never have debits (pending + posted) above its posted credits: no overdraft. */
    public static final int DEBITS_MUST_NOT_EXCEED_CREDITS = 1 << 1;
    /** The account may never have credits (pending + posted) above its posted debits. */
    public static final int CREDITS_MUST_NOT_EXCEED_DEBITS = 1 << 2;
    /** Keep a balance snapshot after every transfer that changes the account. */
    public static final int HISTORY = 1 << 3;
    /** No new transfers may touch the account; set at creation or by a closing transfer. */
    public static final int CLOSED = 1 << 5;

    static final int KNOWN = LINKED | DEBITS_MUST_NOT_EXCEED_CREDITS | CREDITS_MUST_NOT_EXCEED_DEBITS | HISTORY | CLOSED;

    private AccountFlags() {}
}
