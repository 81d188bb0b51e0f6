package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.Verify;
import io.quantumsafe.consensus.replica.StateRecord.CommitRecord;
import io.quantumsafe.consensus.replica.StateRecord.GcRecord;
import io.quantumsafe.consensus.replica.StateRecord.OwnHeaderRecord;
import io.quantumsafe.consensus.replica.StateRecord.VertexRecord;
import io.quantumsafe.consensus.replica.StateRecord.VoteRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a replica's {@link Effect.Persist} records add up to: the latest vote per author, the latest
 * own header, the DAG above the GC round, which vertices were output, and the commit position. The
 * simulator keeps one per validator as its "disk"; a node mirrors the same records in its store.
 * Bounded like the DAG: {@link GcRecord} deletes everything at or below the GC round.
 */
public final class PersistedState {
    private final Map<Integer, VoteRecord> lastVotes = new HashMap<>();
    private OwnHeaderRecord lastOwnHeader;
    private final TreeMap<Long, LinkedHashMap<Digest, VertexRecord>> vertices = new TreeMap<>();
    private final Set<Digest> committed = new HashSet<>();
    private long lastCommittedLeaderRound;
    private long sequence;
    private long gcRound;

    /** Applies one record, as a store would write it. */
    public void apply(StateRecord record) {
        switch (record) {
            case VoteRecord v -> {
                VoteRecord last = lastVotes.get(v.author());
                Verify.that(last == null || last.round() <= v.round(), "persisting a vote for round " + v.round() + " after one for round " + (last == null ? 0 : last.round()));
                lastVotes.put(v.author(), v);
            }
            case OwnHeaderRecord h -> {
                Verify.that(lastOwnHeader == null || lastOwnHeader.header().round() < h.header().round(),
                        "persisting a second own header for round " + h.header().round() + ": the replica would equivocate");
                lastOwnHeader = h;
            }
            case VertexRecord v -> {
                if (v.certificate().round() > gcRound) {
                    vertices.computeIfAbsent(v.certificate().round(), r -> new LinkedHashMap<>()).put(v.certificate().digest(), v);
                }
            }
            case CommitRecord c -> {
                Verify.that(c.sequence() == sequence + 1, "persisting sub-DAG " + c.sequence() + " after " + sequence);
                sequence = c.sequence();
                lastCommittedLeaderRound = c.leaderRound();
                committed.addAll(c.vertices());
            }
            case GcRecord g -> {
                gcRound = Math.max(gcRound, g.gcRound());
                while (!vertices.isEmpty() && vertices.firstKey() <= gcRound) {
                    for (Digest d : vertices.pollFirstEntry().getValue().keySet()) committed.remove(d);
                }
            }
        }
    }

    public Map<Integer, VoteRecord> lastVotes() { return Map.copyOf(lastVotes); }

    public OwnHeaderRecord lastOwnHeader() { return lastOwnHeader; }

    /** Persisted vertices in round order (parents before children). */
    public List<VertexRecord> vertices() {
        List<VertexRecord> out = new ArrayList<>();
        for (LinkedHashMap<Digest, VertexRecord> round : vertices.values()) out.addAll(round.values());
        return out;
    }

    public Set<Digest> committed() { return Set.copyOf(committed); }

    public long lastCommittedLeaderRound() { return lastCommittedLeaderRound; }

    public long sequence() { return sequence; }

    public long gcRound() { return gcRound; }

    /** Records held, for the bounded-memory check. */
    public int size() {
        int count = lastVotes.size() + committed.size() + (lastOwnHeader == null ? 0 : 1);
        for (LinkedHashMap<Digest, VertexRecord> round : vertices.values()) count += round.size();
        return count;
    }
}
