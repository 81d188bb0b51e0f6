package io.quantumsafe.consensus.order;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import java.util.List;

/**
 * One unit of Bullshark's output: a committed leader and the previously uncommitted part of its
 * causal history, in delivery order (by round, then author; the leader is last). {@code sequence}
 * counts sub-DAGs from 1 and is the same at every honest replica.
 */
public record CommittedSubDag(long sequence, long leaderRound, Digest leader, List<Entry> vertices) {
    public CommittedSubDag { vertices = List.copyOf(vertices); }

    /** A committed vertex and its batches in header order. */
    public record Entry(long round, int author, Digest digest, List<Batch> batches) {
        public Entry { batches = List.copyOf(batches); }
    }

    public int batchCount() {
        int count = 0;
        for (Entry e : vertices) count += e.batches().size();
        return count;
    }
}
