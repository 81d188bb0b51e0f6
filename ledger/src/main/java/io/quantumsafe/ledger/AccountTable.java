package io.quantumsafe.ledger;

import java.util.Arrays;

/**
 * Accounts in creation order, stored as parallel arrays of primitives (no object per account):
 * about 130 bytes per account plus the index. The slot is the account's position in the state
 * tree, so it never changes.
 */
final class AccountTable {
    private final int capacityMax;
    private final IdIndex index;
    int count;
    long[] idHi, idLo;
    long[] debitsPendingHi, debitsPendingLo, debitsPostedHi, debitsPostedLo;
    long[] creditsPendingHi, creditsPendingLo, creditsPostedHi, creditsPostedLo;
    long[] ownerHi, ownerLo;
    long[] userData64, timestamp;
    int[] userData32, ledger, code, flags;

    AccountTable(int capacityMax) {
        this.capacityMax = capacityMax;
        int initial = Math.min(capacityMax, 1024);
        this.index = new IdIndex(initial);
        allocate(initial);
    }

    boolean full() { return count == capacityMax; }

    int find(long hi, long lo) { return index.find(hi, lo); }

    int insert(Account a, long createdAt) {
        if (count == idHi.length) allocate(Math.min(capacityMax, idHi.length * 2));
        int s = count++;
        idHi[s] = a.id().hi();
        idLo[s] = a.id().lo();
        debitsPendingHi[s] = 0; debitsPendingLo[s] = 0; debitsPostedHi[s] = 0; debitsPostedLo[s] = 0;
        creditsPendingHi[s] = 0; creditsPendingLo[s] = 0; creditsPostedHi[s] = 0; creditsPostedLo[s] = 0;
        ownerHi[s] = a.owner().hi();
        ownerLo[s] = a.owner().lo();
        userData64[s] = a.userData64();
        userData32[s] = a.userData32();
        ledger[s] = a.ledger();
        code[s] = a.code();
        flags[s] = a.flags();
        timestamp[s] = createdAt;
        index.put(a.id().hi(), a.id().lo(), s);
        return s;
    }

    /** Undoes the most recent insert (linked-chain rollback). */
    void removeLast() {
        int s = --count;
        index.remove(idHi[s], idLo[s]);
    }

    /** Restores an account exactly as stored (snapshot restore). */
    void restore(Account a) {
        int s = insert(a, a.timestamp());
        flags[s] = a.flags();
        debitsPendingHi[s] = a.debitsPending().hi(); debitsPendingLo[s] = a.debitsPending().lo();
        debitsPostedHi[s] = a.debitsPosted().hi(); debitsPostedLo[s] = a.debitsPosted().lo();
        creditsPendingHi[s] = a.creditsPending().hi(); creditsPendingLo[s] = a.creditsPending().lo();
        creditsPostedHi[s] = a.creditsPosted().hi(); creditsPostedLo[s] = a.creditsPosted().lo();
    }

    Account get(int s) {
        return new Account(new UInt128(idHi[s], idLo[s]), new UInt128(debitsPendingHi[s], debitsPendingLo[s]),
                new UInt128(debitsPostedHi[s], debitsPostedLo[s]), new UInt128(creditsPendingHi[s], creditsPendingLo[s]),
                new UInt128(creditsPostedHi[s], creditsPostedLo[s]), new UInt128(ownerHi[s], ownerLo[s]),
                userData64[s], userData32[s], ledger[s], code[s], flags[s], timestamp[s]);
    }

    /** The canonical 128-byte record of slot s (see {@link RecordCodec}), without building an Account. */
    void writeRecord(int s, byte[] out, int offset) {
        RecordCodec.LONG.set(out, offset, idLo[s]);
        RecordCodec.LONG.set(out, offset + 8, idHi[s]);
        RecordCodec.LONG.set(out, offset + 16, debitsPendingLo[s]);
        RecordCodec.LONG.set(out, offset + 24, debitsPendingHi[s]);
        RecordCodec.LONG.set(out, offset + 32, debitsPostedLo[s]);
        RecordCodec.LONG.set(out, offset + 40, debitsPostedHi[s]);
        RecordCodec.LONG.set(out, offset + 48, creditsPendingLo[s]);
        RecordCodec.LONG.set(out, offset + 56, creditsPendingHi[s]);
        RecordCodec.LONG.set(out, offset + 64, creditsPostedLo[s]);
        RecordCodec.LONG.set(out, offset + 72, creditsPostedHi[s]);
        RecordCodec.LONG.set(out, offset + 80, ownerLo[s]);
        RecordCodec.LONG.set(out, offset + 88, ownerHi[s]);
        RecordCodec.LONG.set(out, offset + 96, userData64[s]);
        RecordCodec.INT.set(out, offset + 104, userData32[s]);
        RecordCodec.INT.set(out, offset + 108, ledger[s]);
        RecordCodec.SHORT.set(out, offset + 112, (short) code[s]);
        RecordCodec.SHORT.set(out, offset + 114, (short) flags[s]);
        RecordCodec.INT.set(out, offset + 116, 0);
        RecordCodec.LONG.set(out, offset + 120, timestamp[s]);
    }

    private void allocate(int capacity) {
        idHi = grow(idHi, capacity); idLo = grow(idLo, capacity);
        debitsPendingHi = grow(debitsPendingHi, capacity); debitsPendingLo = grow(debitsPendingLo, capacity);
        debitsPostedHi = grow(debitsPostedHi, capacity); debitsPostedLo = grow(debitsPostedLo, capacity);
        creditsPendingHi = grow(creditsPendingHi, capacity); creditsPendingLo = grow(creditsPendingLo, capacity);
        creditsPostedHi = grow(creditsPostedHi, capacity); creditsPostedLo = grow(creditsPostedLo, capacity);
        ownerHi = grow(ownerHi, capacity); ownerLo = grow(ownerLo, capacity);
        userData64 = grow(userData64, capacity); timestamp = grow(timestamp, capacity);
        userData32 = grow(userData32, capacity); ledger = grow(ledger, capacity);
        code = grow(code, capacity); flags = grow(flags, capacity);
    }

    private static long[] grow(long[] array, int capacity) {
        return array == null ? new long[capacity] : Arrays.copyOf(array, capacity);
    }

    private static int[] grow(int[] array, int capacity) {
        return array == null ? new int[capacity] : Arrays.copyOf(array, capacity);
    }
}
