package io.quantumsafe.ledger;

import java.util.Arrays;

/**
 * What a linked chain changed, so that a failing member can take the whole chain back. Entries are
 * primitives in growable arrays; a chain is at most one request's events (8,190).
 */
final class UndoLog {
    static final int ACCOUNT_INSERT = 1;
    static final int TRANSFER_INSERT = 2;
    static final int ACCOUNT_STATE = 3;
    static final int TRANSFER_STATUS = 4;
    static final int HISTORY_APPEND = 5;
    /** Balances (8 halves) and flags of an account. */
    static final int ACCOUNT_STATE_LONGS = 9;

    int[] kinds = new int[64];
    int[] slots = new int[64];
    long[] values = new long[64 * ACCOUNT_STATE_LONGS];
    int size;
    private int valueSize;

    boolean isEmpty() { return size == 0; }

    void clear() {
        size = 0;
        valueSize = 0;
    }

    void record(int kind, int slot) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        kinds[size] = kind;
        slots[size] = slot;
        size++;
    }

    void recordAccount(AccountTable a, int slot) {
        record(ACCOUNT_STATE, slot);
        if (valueSize + ACCOUNT_STATE_LONGS > values.length) values = Arrays.copyOf(values, values.length * 2);
        long[] v = values;
        int i = valueSize;
        v[i] = a.hi(slot, AccountTable.DEBITS_PENDING); v[i + 1] = a.lo(slot, AccountTable.DEBITS_PENDING);
        v[i + 2] = a.hi(slot, AccountTable.DEBITS_POSTED); v[i + 3] = a.lo(slot, AccountTable.DEBITS_POSTED);
        v[i + 4] = a.hi(slot, AccountTable.CREDITS_PENDING); v[i + 5] = a.lo(slot, AccountTable.CREDITS_PENDING);
        v[i + 6] = a.hi(slot, AccountTable.CREDITS_POSTED); v[i + 7] = a.lo(slot, AccountTable.CREDITS_POSTED);
        v[i + 8] = a.flags(slot);
        valueSize += ACCOUNT_STATE_LONGS;
    }

    void recordStatus(int slot, byte oldStatus) {
        record(TRANSFER_STATUS, slot);
        if (valueSize + 1 > values.length) values = Arrays.copyOf(values, values.length * 2);
        values[valueSize++] = oldStatus;
    }

    /** Undoes everything, newest first. */
    void rollback(AccountTable accounts, TransferTable transfers, BalanceHistory history, MerkleTree tree) {
        for (int e = size - 1; e >= 0; e--) {
            int slot = slots[e];
            switch (kinds[e]) {
                case ACCOUNT_INSERT -> {
                    accounts.removeLast();
                    tree.setCount(accounts.count);
                }
                case TRANSFER_INSERT -> transfers.removeLast();
                case ACCOUNT_STATE -> {
                    valueSize -= ACCOUNT_STATE_LONGS;
                    long[] v = values;
                    int i = valueSize;
                    accounts.set(slot, AccountTable.DEBITS_PENDING, v[i], v[i + 1]);
                    accounts.set(slot, AccountTable.DEBITS_POSTED, v[i + 2], v[i + 3]);
                    accounts.set(slot, AccountTable.CREDITS_PENDING, v[i + 4], v[i + 5]);
                    accounts.set(slot, AccountTable.CREDITS_POSTED, v[i + 6], v[i + 7]);
                    accounts.setFlags(slot, (int) v[i + 8]);
                    tree.markDirty(slot);
                }
                case TRANSFER_STATUS -> transfers.status[slot] = (byte) values[--valueSize];
                case HISTORY_APPEND -> history.removeLast(slot);
                default -> throw new IllegalStateException("unknown undo entry " + kinds[e]);
            }
        }
        clear();
    }
}
