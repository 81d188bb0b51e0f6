package io.quantumsafe.ledger;

import java.util.Arrays;

/**
 * Every applied transfer, in order, as parallel arrays of primitives: the immutable history that
 * makes transfers idempotent by id. Pending transfers also carry their status and expiry.
 */
final class TransferTable {
    static final byte STATUS_NONE = 0;
    static final byte STATUS_PENDING = 1;
    static final byte STATUS_POSTED = 2;
    static final byte STATUS_VOIDED = 3;
    static final byte STATUS_EXPIRED = 4;

    private final long capacityMax;
    private final IdIndex index;
    int count;
    long[] idHi, idLo, debitHi, debitLo, creditHi, creditLo, amountHi, amountLo, pendingIdHi, pendingIdLo;
    long[] userData128Hi, userData128Lo, userData64, timestamp, expiresAt;
    int[] userData32, timeout, ledger, code, flags;
    byte[] status;

    TransferTable(long capacityMax) {
        this.capacityMax = capacityMax;
        int initial = (int) Math.min(capacityMax, 4096);
        this.index = new IdIndex(initial);
        allocate(initial);
    }

    boolean full() { return count == capacityMax; }

    int find(long hi, long lo) { return index.find(hi, lo); }

    long touch(long hi, long lo) { return index.touch(hi, lo); }

    /** Appends a transfer as applied: the fields are the resolved ones (a post records the pending's accounts). */
    int insert(Transfer t, long at, byte initialStatus, long expiry) {
        if (count == idHi.length) allocate((int) Math.min(capacityMax, (long) idHi.length * 2));
        int s = count++;
        idHi[s] = t.id().hi(); idLo[s] = t.id().lo();
        debitHi[s] = t.debitAccountId().hi(); debitLo[s] = t.debitAccountId().lo();
        creditHi[s] = t.creditAccountId().hi(); creditLo[s] = t.creditAccountId().lo();
        amountHi[s] = t.amount().hi(); amountLo[s] = t.amount().lo();
        pendingIdHi[s] = t.pendingId().hi(); pendingIdLo[s] = t.pendingId().lo();
        userData128Hi[s] = t.userData128().hi(); userData128Lo[s] = t.userData128().lo();
        userData64[s] = t.userData64();
        userData32[s] = t.userData32();
        timeout[s] = t.timeout();
        ledger[s] = t.ledger();
        code[s] = t.code();
        flags[s] = t.flags();
        timestamp[s] = at;
        status[s] = initialStatus;
        expiresAt[s] = expiry;
        index.put(t.id().hi(), t.id().lo(), s);
        return s;
    }

    void removeLast() {
        int s = --count;
        index.remove(idHi[s], idLo[s]);
    }

    Transfer get(int s) {
        return new Transfer(new UInt128(idHi[s], idLo[s]), new UInt128(debitHi[s], debitLo[s]),
                new UInt128(creditHi[s], creditLo[s]), new UInt128(amountHi[s], amountLo[s]),
                new UInt128(pendingIdHi[s], pendingIdLo[s]), new UInt128(userData128Hi[s], userData128Lo[s]),
                userData64[s], userData32[s], timeout[s], ledger[s], code[s], flags[s], timestamp[s]);
    }

    private void allocate(int capacity) {
        idHi = grow(idHi, capacity); idLo = grow(idLo, capacity);
        debitHi = grow(debitHi, capacity); debitLo = grow(debitLo, capacity);
        creditHi = grow(creditHi, capacity); creditLo = grow(creditLo, capacity);
        amountHi = grow(amountHi, capacity); amountLo = grow(amountLo, capacity);
        pendingIdHi = grow(pendingIdHi, capacity); pendingIdLo = grow(pendingIdLo, capacity);
        userData128Hi = grow(userData128Hi, capacity); userData128Lo = grow(userData128Lo, capacity);
        userData64 = grow(userData64, capacity); timestamp = grow(timestamp, capacity); expiresAt = grow(expiresAt, capacity);
        userData32 = grow(userData32, capacity); timeout = grow(timeout, capacity); ledger = grow(ledger, capacity);
        code = grow(code, capacity); flags = grow(flags, capacity);
        status = status == null ? new byte[capacity] : Arrays.copyOf(status, capacity);
    }

    private static long[] grow(long[] array, int capacity) {
        return array == null ? new long[capacity] : Arrays.copyOf(array, capacity);
    }

    private static int[] grow(int[] array, int capacity) {
        return array == null ? new int[capacity] : Arrays.copyOf(array, capacity);
    }
}
