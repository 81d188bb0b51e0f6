package io.quantumsafe.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * How Merkle roots are hashed: on the calling thread, or with the dirty nodes of each tree level
 * spread over an executor. Hashing is a pure function of the leaves, so both give identical roots
 * (LedgerPropertiesTest checks it); only the wall-clock differs. The state transition itself
 * stays single-threaded. The executor belongs to the caller (the node), not to the ledger.
 */
public sealed interface RootHashing permits RootHashing.Serial, RootHashing.Parallel, RootHashing.Pipelined, SharedSlices {
    /** Everything on the calling thread: the default, and what tests and simulations use. */
    RootHashing SERIAL = new Serial();

    /** Dirty nodes of each level split into up to {@code parallelism} slices on {@code executor}. */
    static RootHashing parallel(ExecutorService executor, int parallelism) {
        if (parallelism < 2) return SERIAL;
        return new Parallel(executor, parallelism, Parallel.sliceHashesMinDefault);
    }

    /**
     * The roots of batch N hashed on {@code executor} while batch N+1 executes on the calling thread:
     * {@link Ledger#apply} returns once the batch is executed and its changed leaves are copied out,
     * and the batch's commitment is ready when {@link BatchResult#commitment()} (or anything that
     * needs the root) asks for it. At most one batch is hashed at a time: applying batch N+1 waits for
     * batch N's roots before handing over its own, so memory stays bounded by one batch. Roots are the
     * same as with {@link #SERIAL} (LedgerPropertiesTest checks it).
     */
    static RootHashing pipelined(ExecutorService executor) {
        return new Pipelined(executor);
    }

    /** Runs {@code slice.run(from, to)} over [0, count), possibly in parallel, and returns when all are done. */
    void forEachSlice(int count, Slice slice);

    @FunctionalInterface
    interface Slice {
        void run(int from, int to);
    }

    record Serial() implements RootHashing {
        @Override
        public void forEachSlice(int count, Slice slice) {
            slice.run(0, count);
        }
    }

    /** Within one batch's hashing, slices run on the hashing thread; the overlap is across batches. */
    record Pipelined(ExecutorService executor) implements RootHashing {
        @Override
        public void forEachSlice(int count, Slice slice) {
            slice.run(0, count);
        }
    }

    /** @param sliceHashesMin below this many hashes a slice costs more to hand over than to do */
    record Parallel(ExecutorService executor, int parallelism, int sliceHashesMin) implements RootHashing {
        static final int sliceHashesMinDefault = 512;

        @Override
        public void forEachSlice(int count, Slice slice) {
            int slices = Math.min(parallelism, count / sliceHashesMin);
            if (slices < 2) {
                slice.run(0, count);
                return;
            }
            List<Future<?>> pending = new ArrayList<>(slices - 1);
            int per = (count + slices - 1) / slices;
            for (int s = 1; s < slices; s++) {
                int from = s * per;
                int to = Math.min(count, from + per);
                pending.add(executor.submit(() -> slice.run(from, to)));
            }
            slice.run(0, Math.min(count, per));
            for (Future<?> future : pending) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while hashing the state root", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("hashing the state root failed", e.getCause());
                }
            }
        }
    }
}
