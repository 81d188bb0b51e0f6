package io.quantumsafe.ledger;

import java.util.Arrays;

/**
 * Pending transfers ordered by expiry (a binary min-heap of (expiresAt, slot)), so that expiring
 * them at each batch's start costs log n per expiry, not a scan. Entries whose transfer was posted
 * or voided meanwhile are skipped when they surface. Ties break by slot: deterministic order.
 */
final class ExpiryQueue {
    private long[] expiresAt = new long[64];
    private int[] slots = new int[64];
    private int size;

    int size() { return size; }

    void add(long expiry, int slot) {
        if (size == slots.length) {
            expiresAt = Arrays.copyOf(expiresAt, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(expiry, slot, expiresAt[parent], slots[parent])) break;
            expiresAt[i] = expiresAt[parent];
            slots[i] = slots[parent];
            i = parent;
        }
        expiresAt[i] = expiry;
        slots[i] = slot;
    }

    boolean hasDue(long now) { return size > 0 && expiresAt[0] <= now; }

    int peekSlot() { return slots[0]; }

    long peekExpiry() { return expiresAt[0]; }

    void removeFirst() {
        size--;
        if (size == 0) return;
        long expiry = expiresAt[size];
        int slot = slots[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && less(expiresAt[child + 1], slots[child + 1], expiresAt[child], slots[child])) child++;
            if (!less(expiresAt[child], slots[child], expiry, slot)) break;
            expiresAt[i] = expiresAt[child];
            slots[i] = slots[child];
            i = child;
        }
        expiresAt[i] = expiry;
        slots[i] = slot;
    }

    private static boolean less(long expiryA, int slotA, long expiryB, int slotB) {
        return expiryA < expiryB || (expiryA == expiryB && slotA < slotB);
    }
}
