package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import java.util.HashMap;
import java.util.Map;

/**
 * Batches this replica holds, of DAG vertices and of headers not yet certified, each tagged with the
 * highest round of a header naming it so that garbage collection can drop it with that round.
 * Bounded by {@link ReplicaConfig#batchCacheMax()} (the caller refuses input that would exceed it).
 */
final class BatchStore {
    private record Stored(Batch batch, long round) {}

    private final Map<Digest, Stored> batches = new HashMap<>();

    void put(Batch batch, long round) {
        batches.merge(batch.digest(), new Stored(batch, round), (old, fresh) -> old.round() >= fresh.round() ? old : fresh);
    }

    Batch get(Digest digest) {
        Stored s = batches.get(digest);
        return s == null ? null : s.batch();
    }

    boolean contains(Digest digest) { return batches.containsKey(digest); }

    int size() { return batches.size(); }

    void collectGarbage(long gcRound) { batches.values().removeIf(s -> s.round() <= gcRound); }
}
