package io.quantumsafe.ledger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slices of one tree level handed out in chunks to the hashing thread and to whichever other thread
 * calls {@link #help()} meanwhile: in a pipelined ledger the applying thread helps once it has
 * executed the next batch, so neither thread idles while the other still hashes. Which thread hashes
 * which node changes nothing in the result. Only one thread calls {@link #forEachSlice} at a time.
 */
final class SharedSlices implements RootHashing {
    /** Hashes per claim: about 30 µs of work, long next to a compare-and-set, short next to a batch; small enough that both threads finish a level close together. */
    private static final int chunkHashes = 128;
    /** Busy-wait this many rounds before yielding the core (the other thread is finishing one chunk). */
    private static final int spinsBeforeYield = 1_000;

    private volatile Phase phase;

    @Override
    public void forEachSlice(int count, Slice slice) {
        if (count < 2 * chunkHashes) {
            slice.run(0, count);
            return;
        }
        Phase current = new Phase(count, slice);
        phase = current;
        current.work();
        phase = null;
        current.awaitDone();
    }

    /** Hashes chunks of the level in progress, if any; true if it did any. */
    boolean help() {
        Phase current = phase;
        return current != null && current.work();
    }

    private static final class Phase {
        private final int count;
        private final Slice slice;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Phase(int count, Slice slice) {
            this.count = count;
            this.slice = slice;
        }

        boolean work() {
            boolean any = false;
            int from;
            while ((from = next.getAndAdd(chunkHashes)) < count) {
                int to = Math.min(count, from + chunkHashes);
                try {
                    slice.run(from, to);
                } catch (RuntimeException | Error e) {
                    failure = e; // reported by the owner; the chunk still counts so that nobody waits forever
                } finally {
                    done.addAndGet(to - from);
                }
                any = true;
            }
            return any;
        }

        void awaitDone() {
            int spins = 0;
            while (done.get() < count) {
                if (++spins % spinsBeforeYield == 0) Thread.yield();
                else Thread.onSpinWait();
            }
            if (failure != null) throw new IllegalStateException("hashing the state root failed", failure);
        }
    }
}
