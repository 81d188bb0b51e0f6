package io.quantumsafe.ledger;

/**
 * An account: a record of debits and credits on one ledger (currency or asset), owned by the client
 * allowed to debit it. Balances are 128-bit unsigned; {@code timestamp} is set by the ledger when the
 * account is created (nanoseconds of consensus time, unique per event).
 *
 * <p>To create an account, submit it with zero balances and zero timestamp.
 */
public record Account(UInt128 id, UInt128 debitsPending, UInt128 debitsPosted, UInt128 creditsPending,
                      UInt128 creditsPosted, UInt128 owner, long userData64, int userData32, int ledger, int code,
                      int flags, long timestamp) {

    /** A new account to create: zero balances, no timestamp. {@code code} is 16-bit, {@code flags} 16-bit. */
    public static Account create(UInt128 id, int ledger, int code, int flags, UInt128 owner) {
        return new Account(id, UInt128.ZERO, UInt128.ZERO, UInt128.ZERO, UInt128.ZERO, owner, 0, 0, ledger, code, flags, 0);
    }

    public boolean hasFlag(int flag) { return (flags & flag) != 0; }
}
