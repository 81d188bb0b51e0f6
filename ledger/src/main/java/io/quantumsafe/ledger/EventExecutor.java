package io.quantumsafe.ledger;

import static io.quantumsafe.ledger.AccountTable.CREDITS_PENDING;
import static io.quantumsafe.ledger.AccountTable.CREDITS_POSTED;
import static io.quantumsafe.ledger.AccountTable.DEBITS_PENDING;
import static io.quantumsafe.ledger.AccountTable.DEBITS_POSTED;
import static io.quantumsafe.ledger.CreateTransferResult.*;

import java.util.List;

/**
 * Applies one account creation or transfer. Every check runs before the first change, so a
 * rejected event changes nothing; inside a linked chain every change is also logged, so that a
 * later failure in the chain can undo it.
 *
 * <p>Check order follows TigerBeetle's: the event's own fields, then the accounts it names, then
 * authorization, then idempotency (so that a retry of an applied event answers EXISTS even if the
 * accounts have moved on), then state-dependent limits.
 */
final class EventExecutor {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final AccountTable accounts;
    private final TransferTable transfers;
    private final ExpiryQueue expiries;
    private final BalanceHistory history;
    private final MerkleTree accountTree;
    private final UndoLog undo = new UndoLog();
    private boolean inChain;

    EventExecutor(AccountTable accounts, TransferTable transfers, ExpiryQueue expiries, BalanceHistory history,
                  MerkleTree accountTree) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.expiries = expiries;
        this.history = history;
        this.accountTree = accountTree;
    }

    void beginChain() {
        inChain = true;
        undo.clear();
    }

    void commitChain() {
        inChain = false;
        undo.clear();
    }

    void rollbackChain() {
        undo.rollback(accounts, transfers, history, accountTree);
        inChain = false;
    }

    // ---------------------------------------------------------------- accounts

    CreateAccountResult createAccount(Account a, UInt128 client, long now) {
        if (a.timestamp() != 0) return CreateAccountResult.TIMESTAMP_MUST_BE_ZERO;
        if ((a.flags() & ~AccountFlags.KNOWN) != 0) return CreateAccountResult.RESERVED_FLAG;
        if (a.id().isZero()) return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
        if (a.id().isMax()) return CreateAccountResult.ID_MUST_NOT_BE_INT_MAX;
        if (a.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) && a.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (!a.debitsPending().isZero()) return CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO;
        if (!a.debitsPosted().isZero()) return CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO;
        if (!a.creditsPending().isZero()) return CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO;
        if (!a.creditsPosted().isZero()) return CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO;
        if (a.ledger() == 0) return CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
        if (a.code() == 0) return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
        if (!a.owner().equals(client)) return CreateAccountResult.OWNER_MUST_BE_THE_CLIENT;
        int existing = accounts.find(a.id().hi(), a.id().lo());
        if (existing >= 0) return accountExists(existing, a);
        if (accounts.full()) return CreateAccountResult.ACCOUNTS_FULL;
        int slot = accounts.insert(a, now);
        accountTree.setCount(accounts.count);
        if (inChain) undo.record(UndoLog.ACCOUNT_INSERT, slot);
        return CreateAccountResult.OK;
    }

    private CreateAccountResult accountExists(int s, Account a) {
        if (accounts.flags(s) != a.flags()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
        if (accounts.userData64(s) != a.userData64()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
        if (accounts.userData32(s) != a.userData32()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
        if (accounts.ledger(s) != a.ledger()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
        if (accounts.code(s) != a.code()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
        if (accounts.ownerHi(s) != a.owner().hi() || accounts.ownerLo(s) != a.owner().lo()) {
            return CreateAccountResult.EXISTS_WITH_DIFFERENT_OWNER;
        }
        return CreateAccountResult.EXISTS;
    }

    // ---------------------------------------------------------------- transfers

    /**
     * Reads what transfers [from, to) are going to look up: their index cells and account records.
     * Executing a transfer waits for its cache misses one after another (about five: two account
     * cells, two records, the transfer's cell); these reads are independent across transfers, so the
     * CPU overlaps them, and the transfers then execute from cache (TigerBeetle's prefetch phase, for
     * the same reason). Returns a sum of what was read, which the caller keeps so that the JIT does
     * not drop the reads. Changes nothing.
     */
    long warm(List<Transfer> events, int from, int to) {
        long seen = 0;
        for (int i = from; i < to; i++) {
            Transfer t = events.get(i);
            seen += transfers.touch(t.id().hi(), t.id().lo());
            if (!t.pendingId().isZero()) seen += transfers.touch(t.pendingId().hi(), t.pendingId().lo());
            seen += accounts.touch(accounts.find(t.debitAccountId().hi(), t.debitAccountId().lo()));
            seen += accounts.touch(accounts.find(t.creditAccountId().hi(), t.creditAccountId().lo()));
        }
        return seen;
    }

    CreateTransferResult createTransfer(Transfer t, UInt128 client, long now) {
        if (t.timestamp() != 0) return TIMESTAMP_MUST_BE_ZERO;
        int f = t.flags();
        if ((f & ~TransferFlags.KNOWN) != 0) return RESERVED_FLAG;
        if (t.id().isZero()) return ID_MUST_NOT_BE_ZERO;
        if (t.id().isMax()) return ID_MUST_NOT_BE_INT_MAX;
        boolean pending = (f & TransferFlags.PENDING) != 0;
        boolean post = (f & TransferFlags.POST_PENDING_TRANSFER) != 0;
        boolean voiding = (f & TransferFlags.VOID_PENDING_TRANSFER) != 0;
        if ((pending ? 1 : 0) + (post ? 1 : 0) + (voiding ? 1 : 0) > 1) return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        if ((f & (TransferFlags.CLOSING_DEBIT | TransferFlags.CLOSING_CREDIT)) != 0 && !pending) {
            return CLOSING_TRANSFER_MUST_BE_PENDING;
        }
        if (post || voiding) return postOrVoid(t, client, now, post);

        if (t.debitAccountId().isZero()) return DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        if (t.debitAccountId().isMax()) return DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        if (t.creditAccountId().isZero()) return CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        if (t.creditAccountId().isMax()) return CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        if (t.debitAccountId().equals(t.creditAccountId())) return ACCOUNTS_MUST_BE_DIFFERENT;
        if (!t.pendingId().isZero()) return PENDING_ID_MUST_BE_ZERO;
        if (!pending && t.timeout() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        if (t.amount().isZero()) return AMOUNT_MUST_NOT_BE_ZERO;
        if (t.ledger() == 0) return LEDGER_MUST_NOT_BE_ZERO;
        if (t.code() == 0) return CODE_MUST_NOT_BE_ZERO;

        int dr = accounts.find(t.debitAccountId().hi(), t.debitAccountId().lo());
        if (dr < 0) return DEBIT_ACCOUNT_NOT_FOUND;
        int cr = accounts.find(t.creditAccountId().hi(), t.creditAccountId().lo());
        if (cr < 0) return CREDIT_ACCOUNT_NOT_FOUND;
        if (accounts.ledger(dr) != accounts.ledger(cr)) return ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER;
        if (t.ledger() != accounts.ledger(dr)) return TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS;
        if (!owns(dr, client)) return DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT;

        int existing = transfers.find(t.id().hi(), t.id().lo());
        if (existing >= 0) return transferExists(existing, t);
        if ((accounts.flags(dr) & AccountFlags.CLOSED) != 0) return DEBIT_ACCOUNT_ALREADY_CLOSED;
        if ((accounts.flags(cr) & AccountFlags.CLOSED) != 0) return CREDIT_ACCOUNT_ALREADY_CLOSED;
        if (transfers.full()) return TRANSFERS_FULL;

        long aHi = t.amount().hi();
        long aLo = t.amount().lo();
        CreateTransferResult overflow = pending
                ? firstOverflow(accounts.hi(dr, DEBITS_PENDING), accounts.lo(dr, DEBITS_PENDING), OVERFLOWS_DEBITS_PENDING,
                        accounts.hi(cr, CREDITS_PENDING), accounts.lo(cr, CREDITS_PENDING), OVERFLOWS_CREDITS_PENDING, aHi, aLo)
                : firstOverflow(accounts.hi(dr, DEBITS_POSTED), accounts.lo(dr, DEBITS_POSTED), OVERFLOWS_DEBITS_POSTED,
                        accounts.hi(cr, CREDITS_POSTED), accounts.lo(cr, CREDITS_POSTED), OVERFLOWS_CREDITS_POSTED, aHi, aLo);
        if (overflow != null) return overflow;
        // Debits pending + posted + amount must also fit, for the balance limits to be computable.
        long debitsHi = UInt128.addHi(accounts.hi(dr, DEBITS_PENDING), accounts.lo(dr, DEBITS_PENDING),
                accounts.hi(dr, DEBITS_POSTED), accounts.lo(dr, DEBITS_POSTED));
        long debitsLo = UInt128.addLo(accounts.lo(dr, DEBITS_PENDING), accounts.lo(dr, DEBITS_POSTED));
        if (UInt128.addOverflows(accounts.hi(dr, DEBITS_PENDING), accounts.lo(dr, DEBITS_PENDING), accounts.hi(dr, DEBITS_POSTED),
                accounts.lo(dr, DEBITS_POSTED)) || UInt128.addOverflows(debitsHi, debitsLo, aHi, aLo)) {
            return OVERFLOWS_DEBITS;
        }
        long creditsHi = UInt128.addHi(accounts.hi(cr, CREDITS_PENDING), accounts.lo(cr, CREDITS_PENDING),
                accounts.hi(cr, CREDITS_POSTED), accounts.lo(cr, CREDITS_POSTED));
        long creditsLo = UInt128.addLo(accounts.lo(cr, CREDITS_PENDING), accounts.lo(cr, CREDITS_POSTED));
        if (UInt128.addOverflows(accounts.hi(cr, CREDITS_PENDING), accounts.lo(cr, CREDITS_PENDING), accounts.hi(cr, CREDITS_POSTED),
                accounts.lo(cr, CREDITS_POSTED)) || UInt128.addOverflows(creditsHi, creditsLo, aHi, aLo)) {
            return OVERFLOWS_CREDITS;
        }
        long expiry = 0;
        if (pending && t.timeout() != 0) {
            long timeoutNanos = Integer.toUnsignedLong(t.timeout()) * NANOS_PER_SECOND;
            if (now > Long.MAX_VALUE - timeoutNanos) return OVERFLOWS_TIMEOUT;
            expiry = now + timeoutNanos;
        }
        if ((accounts.flags(dr) & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) != 0
                && UInt128.compare(UInt128.addHi(debitsHi, debitsLo, aHi, aLo), UInt128.addLo(debitsLo, aLo),
                accounts.hi(dr, CREDITS_POSTED), accounts.lo(dr, CREDITS_POSTED)) > 0) {
            return EXCEEDS_CREDITS;
        }
        if ((accounts.flags(cr) & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) != 0
                && UInt128.compare(UInt128.addHi(creditsHi, creditsLo, aHi, aLo), UInt128.addLo(creditsLo, aLo),
                accounts.hi(cr, DEBITS_POSTED), accounts.lo(cr, DEBITS_POSTED)) > 0) {
            return EXCEEDS_DEBITS;
        }

        saveForUndo(dr);
        saveForUndo(cr);
        if (pending) {
            addDebitsPending(dr, aHi, aLo);
            addCreditsPending(cr, aHi, aLo);
            if ((f & TransferFlags.CLOSING_DEBIT) != 0) accounts.setFlags(dr, accounts.flags(dr) | AccountFlags.CLOSED);
            if ((f & TransferFlags.CLOSING_CREDIT) != 0) accounts.setFlags(cr, accounts.flags(cr) | AccountFlags.CLOSED);
        } else {
            addDebitsPosted(dr, aHi, aLo);
            addCreditsPosted(cr, aHi, aLo);
        }
        int slot = transfers.insert(t, now, pending ? TransferTable.STATUS_PENDING : TransferTable.STATUS_NONE, expiry);
        if (inChain) undo.record(UndoLog.TRANSFER_INSERT, slot);
        // A stale entry left by a rolled-back chain is harmless: expiry re-checks status and time.
        if (expiry != 0) expiries.add(expiry, slot);
        touched(dr, now);
        touched(cr, now);
        return OK;
    }

    private CreateTransferResult postOrVoid(Transfer t, UInt128 client, long now, boolean post) {
        if (t.pendingId().isZero()) return PENDING_ID_MUST_NOT_BE_ZERO;
        if (t.pendingId().isMax()) return PENDING_ID_MUST_NOT_BE_INT_MAX;
        if (t.pendingId().equals(t.id())) return PENDING_ID_MUST_BE_DIFFERENT;
        if (t.timeout() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        int p = transfers.find(t.pendingId().hi(), t.pendingId().lo());
        if (p < 0) return PENDING_TRANSFER_NOT_FOUND;
        if ((transfers.flags[p] & TransferFlags.PENDING) == 0) return PENDING_TRANSFER_NOT_PENDING;
        if (!t.debitAccountId().isZero()
                && (t.debitAccountId().hi() != transfers.debitHi[p] || t.debitAccountId().lo() != transfers.debitLo[p])) {
            return PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (!t.creditAccountId().isZero()
                && (t.creditAccountId().hi() != transfers.creditHi[p] || t.creditAccountId().lo() != transfers.creditLo[p])) {
            return PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (t.ledger() != 0 && t.ledger() != transfers.ledger[p]) return PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
        if (t.code() != 0 && t.code() != transfers.code[p]) return PENDING_TRANSFER_HAS_DIFFERENT_CODE;
        int dr = accounts.find(transfers.debitHi[p], transfers.debitLo[p]);
        int cr = accounts.find(transfers.creditHi[p], transfers.creditLo[p]);
        if (!owns(dr, client)) return DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT;

        long pendingHi = transfers.amountHi[p];
        long pendingLo = transfers.amountLo[p];
        long aHi;
        long aLo;
        if (post) {
            boolean full = t.amount().isZero();
            aHi = full ? pendingHi : t.amount().hi();
            aLo = full ? pendingLo : t.amount().lo();
            if (UInt128.compare(aHi, aLo, pendingHi, pendingLo) > 0) return EXCEEDS_PENDING_TRANSFER_AMOUNT;
        } else {
            if (!t.amount().isZero() && (t.amount().hi() != pendingHi || t.amount().lo() != pendingLo)) {
                return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
            }
            aHi = pendingHi;
            aLo = pendingLo;
        }
        int existing = transfers.find(t.id().hi(), t.id().lo());
        if (existing >= 0) return resolutionExists(existing, t, aHi, aLo);
        switch (transfers.status[p]) {
            case TransferTable.STATUS_POSTED -> { return PENDING_TRANSFER_ALREADY_POSTED; }
            case TransferTable.STATUS_VOIDED -> { return PENDING_TRANSFER_ALREADY_VOIDED; }
            case TransferTable.STATUS_EXPIRED -> { return PENDING_TRANSFER_EXPIRED; }
            default -> { }
        }
        if (transfers.expiresAt[p] != 0 && now >= transfers.expiresAt[p]) return PENDING_TRANSFER_EXPIRED;
        if (transfers.full()) return TRANSFERS_FULL;
        if (post) {
            CreateTransferResult overflow = firstOverflow(accounts.hi(dr, DEBITS_POSTED), accounts.lo(dr, DEBITS_POSTED),
                    OVERFLOWS_DEBITS_POSTED, accounts.hi(cr, CREDITS_POSTED), accounts.lo(cr, CREDITS_POSTED),
                    OVERFLOWS_CREDITS_POSTED, aHi, aLo);
            if (overflow != null) return overflow;
        }

        saveForUndo(dr);
        saveForUndo(cr);
        subtractDebitsPending(dr, pendingHi, pendingLo);
        subtractCreditsPending(cr, pendingHi, pendingLo);
        if (post) {
            addDebitsPosted(dr, aHi, aLo);
            addCreditsPosted(cr, aHi, aLo);
        } else {
            reopenClosedBy(p, dr, cr);
        }
        if (inChain) undo.recordStatus(p, transfers.status[p]);
        transfers.status[p] = post ? TransferTable.STATUS_POSTED : TransferTable.STATUS_VOIDED;
        Transfer resolved = new Transfer(t.id(), new UInt128(transfers.debitHi[p], transfers.debitLo[p]),
                new UInt128(transfers.creditHi[p], transfers.creditLo[p]), new UInt128(aHi, aLo), t.pendingId(),
                t.userData128(), t.userData64(), t.userData32(), 0, transfers.ledger[p], transfers.code[p], t.flags(), 0);
        int slot = transfers.insert(resolved, now, TransferTable.STATUS_NONE, 0);
        if (inChain) undo.record(UndoLog.TRANSFER_INSERT, slot);
        touched(dr, now);
        touched(cr, now);
        return OK;
    }

    /** Releases the pending transfers due at {@code now}; run at the start of each batch, outside any chain. */
    int expireDue(long now) {
        int expired = 0;
        while (expiries.hasDue(now)) {
            int p = expiries.peekSlot();
            long due = expiries.peekExpiry();
            expiries.removeFirst();
            if (p >= transfers.count || transfers.status[p] != TransferTable.STATUS_PENDING || transfers.expiresAt[p] != due) {
                continue;
            }
            int dr = accounts.find(transfers.debitHi[p], transfers.debitLo[p]);
            int cr = accounts.find(transfers.creditHi[p], transfers.creditLo[p]);
            subtractDebitsPending(dr, transfers.amountHi[p], transfers.amountLo[p]);
            subtractCreditsPending(cr, transfers.amountHi[p], transfers.amountLo[p]);
            reopenClosedBy(p, dr, cr);
            transfers.status[p] = TransferTable.STATUS_EXPIRED;
            touched(dr, now);
            touched(cr, now);
            expired++;
        }
        return expired;
    }

    // ---------------------------------------------------------------- helpers

    private CreateTransferResult transferExists(int s, Transfer t) {
        if (transfers.flags[s] != t.flags()) return EXISTS_WITH_DIFFERENT_FLAGS;
        if (transfers.debitHi[s] != t.debitAccountId().hi() || transfers.debitLo[s] != t.debitAccountId().lo()) {
            return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (transfers.creditHi[s] != t.creditAccountId().hi() || transfers.creditLo[s] != t.creditAccountId().lo()) {
            return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (transfers.amountHi[s] != t.amount().hi() || transfers.amountLo[s] != t.amount().lo()) {
            return EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        return commonExists(s, t);
    }

    /** A retried post or void: the request may leave the accounts, ledger, code and amount to be resolved. */
    private CreateTransferResult resolutionExists(int s, Transfer t, long aHi, long aLo) {
        if (transfers.flags[s] != t.flags()) return EXISTS_WITH_DIFFERENT_FLAGS;
        if (transfers.pendingIdHi[s] != t.pendingId().hi() || transfers.pendingIdLo[s] != t.pendingId().lo()) {
            return EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (transfers.amountHi[s] != aHi || transfers.amountLo[s] != aLo) return EXISTS_WITH_DIFFERENT_AMOUNT;
        return commonExists(s, t);
    }

    private CreateTransferResult commonExists(int s, Transfer t) {
        if (transfers.pendingIdHi[s] != t.pendingId().hi() || transfers.pendingIdLo[s] != t.pendingId().lo()) {
            return EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (transfers.userData128Hi[s] != t.userData128().hi() || transfers.userData128Lo[s] != t.userData128().lo()) {
            return EXISTS_WITH_DIFFERENT_USER_DATA_128;
        }
        if (transfers.userData64[s] != t.userData64()) return EXISTS_WITH_DIFFERENT_USER_DATA_64;
        if (transfers.userData32[s] != t.userData32()) return EXISTS_WITH_DIFFERENT_USER_DATA_32;
        if (transfers.timeout[s] != t.timeout()) return EXISTS_WITH_DIFFERENT_TIMEOUT;
        if (t.code() != 0 && transfers.code[s] != t.code()) return EXISTS_WITH_DIFFERENT_CODE;
        if (t.ledger() != 0 && transfers.ledger[s] != t.ledger()) return EXISTS_WITH_DIFFERENT_LEDGER;
        return EXISTS;
    }

    private static CreateTransferResult firstOverflow(long debitHi, long debitLo, CreateTransferResult debitOverflow,
                                                      long creditHi, long creditLo, CreateTransferResult creditOverflow,
                                                      long aHi, long aLo) {
        if (UInt128.addOverflows(debitHi, debitLo, aHi, aLo)) return debitOverflow;
        if (UInt128.addOverflows(creditHi, creditLo, aHi, aLo)) return creditOverflow;
        return null;
    }

    private boolean owns(int slot, UInt128 client) {
        return accounts.ownerHi(slot) == client.hi() && accounts.ownerLo(slot) == client.lo();
    }

    private void reopenClosedBy(int pending, int dr, int cr) {
        if ((transfers.flags[pending] & TransferFlags.CLOSING_DEBIT) != 0) accounts.setFlags(dr, accounts.flags(dr) & ~AccountFlags.CLOSED);
        if ((transfers.flags[pending] & TransferFlags.CLOSING_CREDIT) != 0) accounts.setFlags(cr, accounts.flags(cr) & ~AccountFlags.CLOSED);
    }

    private void saveForUndo(int slot) {
        if (inChain) undo.recordAccount(accounts, slot);
    }

    private void touched(int slot, long now) {
        accountTree.markDirty(slot);
        if ((accounts.flags(slot) & AccountFlags.HISTORY) != 0) {
            history.append(accounts, slot, now);
            if (inChain) undo.record(UndoLog.HISTORY_APPEND, slot);
        }
    }

    private void addDebitsPending(int s, long hi, long lo) { add(s, DEBITS_PENDING, hi, lo); }

    private void addCreditsPending(int s, long hi, long lo) { add(s, CREDITS_PENDING, hi, lo); }

    private void addDebitsPosted(int s, long hi, long lo) { add(s, DEBITS_POSTED, hi, lo); }

    private void addCreditsPosted(int s, long hi, long lo) { add(s, CREDITS_POSTED, hi, lo); }

    private void subtractDebitsPending(int s, long hi, long lo) { subtract(s, DEBITS_PENDING, hi, lo, "debits_pending"); }

    private void subtractCreditsPending(int s, long hi, long lo) { subtract(s, CREDITS_PENDING, hi, lo, "credits_pending"); }

    /** One 128-bit balance of an account record. */
    private void add(int s, int field, long hi, long lo) {
        long h = accounts.hi(s, field);
        long l = accounts.lo(s, field);
        accounts.set(s, field, UInt128.addHi(h, l, hi, lo), UInt128.addLo(l, lo));
    }

    private void subtract(int s, int field, long hi, long lo, String column) {
        long h = accounts.hi(s, field);
        long l = accounts.lo(s, field);
        if (UInt128.compare(h, l, hi, lo) < 0) throw Invariants.violated(column + " would go negative on account slot " + s);
        accounts.set(s, field, UInt128.subHi(h, l, hi, lo), UInt128.subLo(l, lo));
    }
}
