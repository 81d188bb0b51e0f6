package io.quantumsafe.ledger;

import java.util.Arrays;

/**
 * Open-addressing hash index from a 128-bit id to a slot, with linear probing. The all-zero id is
 * never valid (ID_MUST_NOT_BE_ZERO), so it marks an empty cell. Load stays at or below one half;
 * removal uses backward-shift deletion, so there are no tombstones. No boxing: this is on the path
 * of every transfer (two account lookups and one transfer lookup).
 */
final class IdIndex {
    private static final int EMPTY = -1;

    private long[] keyHi;
    private long[] keyLo;
    private int[] slots;
    private int mask;
    private int size;

    IdIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keyHi = new long[capacity];
        keyLo = new long[capacity];
        slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
    }

    int size() { return size; }

    /** The slot for the id, or -1. */
    int find(long hi, long lo) {
        int i = hash(hi, lo) & mask;
        while (true) {
            int slot = slots[i];
            if (slot == EMPTY) return -1;
            if (keyLo[i] == lo && keyHi[i] == hi) return slot;
            i = (i + 1) & mask;
        }
    }

    /** Adds an id that is not present. */
    void put(long hi, long lo, int slot) {
        if ((size + 1) * 2 > slots.length) grow();
        int i = hash(hi, lo) & mask;
        while (slots[i] != EMPTY) i = (i + 1) & mask;
        keyHi[i] = hi;
        keyLo[i] = lo;
        slots[i] = slot;
        size++;
    }

    /** Removes an id that is present (linked-chain rollback). Knuth vol. 3, 6.4, algorithm R. */
    void remove(long hi, long lo) {
        int i = hash(hi, lo) & mask;
        while (!(slots[i] != EMPTY && keyLo[i] == lo && keyHi[i] == hi)) {
            if (slots[i] == EMPTY) throw new IllegalStateException("removing an id that is not in the index");
            i = (i + 1) & mask;
        }
        slots[i] = EMPTY;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slots[j] == EMPTY) return;
            int home = hash(keyHi[j], keyLo[j]) & mask;
            // Move j back to i unless its home lies cyclically in (i, j].
            boolean homeBetween = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!homeBetween) {
                keyHi[i] = keyHi[j];
                keyLo[i] = keyLo[j];
                slots[i] = slots[j];
                slots[j] = EMPTY;
                i = j;
            }
        }
    }

    private void grow() {
        long[] oldHi = keyHi;
        long[] oldLo = keyLo;
        int[] oldSlots = slots;
        allocate(oldSlots.length * 2);
        size = 0;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != EMPTY) put(oldHi[i], oldLo[i], oldSlots[i]);
        }
    }

    /** A 64-bit finaliser (Stafford's mix 13) over both halves: ids are often sequential. */
    private static int hash(long hi, long lo) {
        long z = lo ^ (hi * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }
}
