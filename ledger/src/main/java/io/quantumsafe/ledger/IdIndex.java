package io.quantumsafe.ledger;

import java.security.SecureRandom;

/**
 * Open-addressing hash index from a 128-bit id to a slot, with linear probing, ids and slots
 * interleaved in one array (three separate arrays cost three cache misses per lookup; the profile
 * had this lookup first in execution). Load stays at or below one half;
 * removal uses backward-shift deletion, so there are no tombstones. No boxing: this is on the path
 * of every transfer (two account lookups and one transfer lookup).
 */
final class IdIndex {
    /** A cell is three longs: id hi, id lo, slot + 1 (0 = empty), so one probe reads one or two cache lines. */
    private static final int CELL = 3;
    private static final SecureRandom seeds = new SecureRandom();

    /**
     * Mixed into every hash. Ids come from clients; with a fixed, public (and invertible) hash a
     * client could pick ids that all land in one probe chain and make every lookup on every replica
     * walk it (IdIndexTest builds such ids). Where an id sits in this table is never visible outside
     * it (no result, root, snapshot or iteration order depends on it), so each table may draw its
     * own seed without breaking determinism.
     */
    private final long seed;
    /** A memo of mix(hi ^ seed): lookups write it too, so the index (like the ledger) is for one thread at a time. */
    private long lastHi;
    private long lastHiMixed;
    private long[] cells;
    private int mask;
    private int size;

    IdIndex(int expected) {
        this(expected, seeds.nextLong());
    }

    IdIndex(int expected, long seed) {
        this.seed = seed;
        this.lastHiMixed = mix(seed); // lastHi = 0
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        if ((long) capacity * CELL > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an id index of " + capacity + " cells exceeds one array; lower transfersMax/accountsMax");
        }
        cells = new long[capacity * CELL];
        mask = capacity - 1;
    }

    int size() { return size; }

    /** The slot for the id, or -1. */
    int find(long hi, long lo) {
        long[] c = cells;
        int i = hash(hi, lo) & mask;
        while (true) {
            int at = i * CELL;
            long slot = c[at + 2];
            if (slot == 0) return -1;
            if (c[at + 1] == lo && c[at] == hi) return (int) slot - 1;
            i = (i + 1) & mask;
        }
    }

    /**
     * Reads the id's home cell and returns what it holds, for {@link EventExecutor#warm}: a lookup
     * that is about to happen then finds its cell in cache.
     */
    long touch(long hi, long lo) {
        return cells[(hash(hi, lo) & mask) * CELL + 2];
    }

    /** Adds an id that is not present. */
    void put(long hi, long lo, int slot) {
        if ((size + 1) * 2 > capacity()) grow();
        int i = hash(hi, lo) & mask;
        while (cells[i * CELL + 2] != 0) i = (i + 1) & mask;
        set(i, hi, lo, slot + 1L);
        size++;
    }

    /** Removes an id that is present (linked-chain rollback). Knuth vol. 3, 6.4, algorithm R. */
    void remove(long hi, long lo) {
        int i = hash(hi, lo) & mask;
        while (!(occupied(i) && cells[i * CELL + 1] == lo && cells[i * CELL] == hi)) {
            if (!occupied(i)) throw new IllegalStateException("removing an id that is not in the index");
            i = (i + 1) & mask;
        }
        cells[i * CELL + 2] = 0;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (!occupied(j)) return;
            int home = hash(cells[j * CELL], cells[j * CELL + 1]) & mask;
            // Move j back to i unless its home lies cyclically in (i, j].
            boolean homeBetween = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!homeBetween) {
                set(i, cells[j * CELL], cells[j * CELL + 1], cells[j * CELL + 2]);
                cells[j * CELL + 2] = 0;
                i = j;
            }
        }
    }

    private boolean occupied(int i) { return cells[i * CELL + 2] != 0; }

    private int capacity() { return mask + 1; }

    private void set(int i, long hi, long lo, long slotPlusOne) {
        cells[i * CELL] = hi;
        cells[i * CELL + 1] = lo;
        cells[i * CELL + 2] = slotPlusOne;
    }

    private void grow() {
        long[] old = cells;
        allocate(capacity() * 2);
        size = 0;
        for (int at = 0; at < old.length; at += CELL) {
            if (old[at + 2] != 0) put(old[at], old[at + 1], (int) old[at + 2] - 1);
        }
    }

    /**
     * Stafford's mix 13 (a 64-bit finaliser) over the seeded high half, then over the low half with
     * that: ids are often sequential, and two ids can only be made to collide by someone who knows
     * mix(hi ^ seed), i.e. the seed. (Combining the halves linearly before one mix let any id be
     * rewritten into others with the same hash, whatever the seed.)
     */
    private int hash(long hi, long lo) {
        // Ids in a run often share their high half (zero, or a time prefix): the inner mix is kept for the last one.
        if (hi != lastHi) {
            lastHi = hi;
            lastHiMixed = mix(hi ^ seed);
        }
        return (int) mix(lo ^ lastHiMixed);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The longest run of occupied cells (linear probing's cost grows with it); for tests. */
    int longestRun() {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < 2 * capacity(); i++) { // twice round, for a run that wraps
            run = occupied(i & mask) ? run + 1 : 0;
            longest = Math.max(longest, Math.min(run, size));
        }
        return longest;
    }
}
