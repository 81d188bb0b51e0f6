package io.quantumsafe.ledger;

import java.util.Arrays;

/**
 * Accounts in creation order, each stored as its canonical 128-byte record ({@link RecordCodec}) in
 * fixed pages of bytes. The slot is the account's position in the state tree, so it never changes.
 *
 * <p>Why records rather than one array per field: a transfer touches two random accounts out of a
 * million, and with a column per field each touch missed the cache once per column (about twelve
 * lines per account); a record is two or three lines. The state tree copies records out as they are, with
 * nothing re-serialised.
 */
final class AccountTable {
    /** 2^13 records of 128 bytes: 1 MiB pages, below G1's humongous-object threshold, so pages are ordinary objects. */
    private static final int PAGE_SHIFT = 13;
    private static final int PAGE_ACCOUNTS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_ACCOUNTS - 1;
    static final int RECORD = RecordCodec.RECORD_BYTES;

    // Field offsets within a record (RecordCodec's account layout).
    static final int ID = 0, DEBITS_PENDING = 16, DEBITS_POSTED = 32, CREDITS_PENDING = 48, CREDITS_POSTED = 64,
            OWNER = 80, USER_DATA_64 = 96, USER_DATA_32 = 104, LEDGER = 108, CODE = 112, FLAGS = 114, TIMESTAMP = 120;

    private final int capacityMax;
    private final IdIndex index;
    private byte[][] pages = new byte[0][];
    int count;

    AccountTable(int capacityMax) {
        this.capacityMax = capacityMax;
        this.index = new IdIndex(Math.min(capacityMax, 1024));
    }

    boolean full() { return count == capacityMax; }

    int find(long hi, long lo) { return index.find(hi, lo); }

    int insert(Account a, long createdAt) {
        int s = count;
        ensureRoom(s);
        count++;
        byte[] page = page(s);
        int at = offset(s);
        Arrays.fill(page, at, at + RECORD, (byte) 0);
        set(s, ID, a.id().hi(), a.id().lo());
        set(s, OWNER, a.owner().hi(), a.owner().lo());
        RecordCodec.LONG.set(page, at + USER_DATA_64, a.userData64());
        RecordCodec.INT.set(page, at + USER_DATA_32, a.userData32());
        RecordCodec.INT.set(page, at + LEDGER, a.ledger());
        // 16-bit fields, as the record encodes them (a decoded request cannot carry more).
        RecordCodec.SHORT.set(page, at + CODE, (short) a.code());
        RecordCodec.SHORT.set(page, at + FLAGS, (short) a.flags());
        RecordCodec.LONG.set(page, at + TIMESTAMP, createdAt);
        index.put(a.id().hi(), a.id().lo(), s);
        return s;
    }

    /** Pages fill up to 1 MiB; the last one grows by doubling, so a small ledger stays small. */
    private void ensureRoom(int s) {
        int page = s >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, page + 1);
            pages[page] = new byte[64 * RECORD];
        }
        int needed = (s & PAGE_MASK) + 1;
        int have = pages[page].length / RECORD;
        if (have < needed) pages[page] = Arrays.copyOf(pages[page], Math.min(PAGE_ACCOUNTS, Math.max(needed, have * 2)) * RECORD);
    }

    /** Undoes the most recent insert (linked-chain rollback). */
    void removeLast() {
        int s = --count;
        index.remove(idHi(s), idLo(s));
    }

    /** Restores an account exactly as stored (snapshot restore). */
    void restore(Account a) {
        int s = insert(a, a.timestamp());
        set(s, DEBITS_PENDING, a.debitsPending().hi(), a.debitsPending().lo());
        set(s, DEBITS_POSTED, a.debitsPosted().hi(), a.debitsPosted().lo());
        set(s, CREDITS_PENDING, a.creditsPending().hi(), a.creditsPending().lo());
        set(s, CREDITS_POSTED, a.creditsPosted().hi(), a.creditsPosted().lo());
    }

    /**
     * Reads slot s's record at its first, middle and last 8 bytes, which between them touch every
     * cache line a 128-byte record can straddle (arrays are 8-byte aligned), and returns their sum.
     */
    long touch(int s) {
        if (s < 0) return 0;
        return get64(s, ID) + get64(s, CREDITS_POSTED) + get64(s, TIMESTAMP);
    }

    Account get(int s) { return RecordCodec.readAccount(page(s), offset(s)); }

    /** The canonical 128-byte record of slot s (see {@link RecordCodec}). */
    void writeRecord(int s, byte[] out, int offset) {
        System.arraycopy(page(s), offset(s), out, offset, RECORD);
    }

    // ---------------------------------------------------------------- fields

    long idHi(int s) { return get64(s, ID + 8); }

    long idLo(int s) { return get64(s, ID); }

    long ownerHi(int s) { return get64(s, OWNER + 8); }

    long ownerLo(int s) { return get64(s, OWNER); }

    long userData64(int s) { return get64(s, USER_DATA_64); }

    int userData32(int s) { return (int) RecordCodec.INT.get(page(s), offset(s) + USER_DATA_32); }

    int ledger(int s) { return (int) RecordCodec.INT.get(page(s), offset(s) + LEDGER); }

    int code(int s) { return Short.toUnsignedInt((short) RecordCodec.SHORT.get(page(s), offset(s) + CODE)); }

    int flags(int s) { return Short.toUnsignedInt((short) RecordCodec.SHORT.get(page(s), offset(s) + FLAGS)); }

    void setFlags(int s, int flags) { RecordCodec.SHORT.set(page(s), offset(s) + FLAGS, (short) flags); }

    /** The high half of the 128-bit balance at {@code field} (DEBITS_PENDING .. CREDITS_POSTED). */
    long hi(int s, int field) { return get64(s, field + 8); }

    long lo(int s, int field) { return get64(s, field); }

    void set(int s, int field, long hi, long lo) {
        byte[] page = page(s);
        int at = offset(s) + field;
        RecordCodec.LONG.set(page, at, lo);
        RecordCodec.LONG.set(page, at + 8, hi);
    }

    private long get64(int s, int at) { return (long) RecordCodec.LONG.get(page(s), offset(s) + at); }

    private byte[] page(int s) { return pages[s >>> PAGE_SHIFT]; }

    private static int offset(int s) { return (s & PAGE_MASK) * RECORD; }
}
