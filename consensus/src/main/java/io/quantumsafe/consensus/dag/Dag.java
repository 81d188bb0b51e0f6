package io.quantumsafe.consensus.dag;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.Verify;
import io.quantumsafe.consensus.message.Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local Narwhal DAG: certified vertices by round and author, above the garbage-collection round.
 *
 * <p>Invariants (checked on insert, always on):
 * <ul>
 *   <li>causal completeness: every parent of a vertex is in the DAG or at or below {@link #gcRound()};
 *   <li>one vertex per (round, author) slot, the first inserted: it is the one this replica uses as the
 *       round's leader and as a parent of its own headers. A second valid certificate for a slot can only
 *       exist if more than f validators voted twice; it is kept as a conflicting vertex (at most one per
 *       slot) so that vertices referencing it stay causally complete, and the replica raises an alarm;
 *   <li>nothing at or below {@code gcRound} is retained, so memory is bounded by n vertices per live round.
 * </ul>
 */
public final class Dag {
    private final int committeeSize;
    private final TreeMap<Long, Vertex[]> rounds = new TreeMap<>();
    private final Map<Digest, Vertex> byDigest = new HashMap<>();
    private final TreeMap<Long, Vertex[]> conflicts = new TreeMap<>();
    private long gcRound;

    public Dag(int committeeSize) {
        this.committeeSize = committeeSize;
    }

    /** Rounds at or below this are garbage-collected: their vertices are gone and count as present parents. */
    public long gcRound() { return gcRound; }

    public long highestRound() { return rounds.isEmpty() ? gcRound : rounds.lastKey(); }

    public int size() { return byDigest.size(); }

    public int roundCount() { return rounds.size(); }

    /** Conflicting second vertices held (non-zero only if more than f validators double-voted). */
    public int conflictCount() {
        int count = 0;
        for (Vertex[] slots : conflicts.values()) for (Vertex v : slots) if (v != null) count++;
        return count;
    }

    public boolean contains(Digest digest) { return byDigest.containsKey(digest); }

    public Vertex get(Digest digest) { return byDigest.get(digest); }

    /** The vertex of {@code author} in {@code round}, or null. */
    public Vertex at(long round, int author) {
        Vertex[] slots = rounds.get(round);
        return slots == null ? null : slots[author];
    }

    /** Vertices of {@code round} in author order. */
    public List<Vertex> round(long round) {
        Vertex[] slots = rounds.get(round);
        if (slots == null) return List.of();
        List<Vertex> out = new ArrayList<>();
        for (Vertex v : slots) if (v != null) out.add(v);
        return out;
    }

    public int countAt(long round) {
        Vertex[] slots = rounds.get(round);
        if (slots == null) return 0;
        int count = 0;
        for (Vertex v : slots) if (v != null) count++;
        return count;
    }

    /** True if the slot of ({@code round}, {@code author}) already holds a conflicting second vertex. */
    public boolean hasConflict(long round, int author) {
        Vertex[] second = conflicts.get(round);
        return second != null && second[author] != null;
    }

    /** True if {@code parent} is satisfied: in the DAG, or old enough to have been garbage-collected. */
    public boolean hasParent(Digest parent, long childRound) {
        return childRound - 1 <= gcRound || byDigest.containsKey(parent);
    }

    /** Inserts a certificate whose parents are all present (the caller checked) and whose slot is free. */
    public Vertex insert(Certificate certificate, List<Batch> batches) {
        long round = certificate.round();
        Verify.that(round > gcRound, "inserting " + certificate + " at or below the GC round " + gcRound);
        Verify.that(!byDigest.containsKey(certificate.digest()), "inserting " + certificate + " twice");
        for (Digest parent : certificate.header().parents()) {
            Verify.that(hasParent(parent, round), "inserting " + certificate + " without its parent " + parent + " (causal completeness)");
        }
        Vertex[] slots = rounds.computeIfAbsent(round, r -> new Vertex[committeeSize]);
        Vertex vertex = new Vertex(certificate, batches);
        if (slots[certificate.author()] == null) {
            slots[certificate.author()] = vertex;
        } else {
            Vertex[] second = conflicts.computeIfAbsent(round, r -> new Vertex[committeeSize]);
            Verify.that(second[certificate.author()] == null, "a third certificate for the slot of " + slots[certificate.author()]);
            second[certificate.author()] = vertex;
        }
        byDigest.put(vertex.digest(), vertex);
        return vertex;
    }

    /** Marks a vertex as output by the orderer. */
    public void markCommitted(Vertex vertex) {
        Verify.that(!vertex.committed(), vertex + " committed twice");
        vertex.markCommitted();
    }

    /** True if {@code from} reaches {@code to} by parent links (its causal history contains it). */
    public boolean linked(Vertex from, Vertex to) {
        if (from.round() <= to.round()) return from == to;
        Set<Digest> frontier = new HashSet<>(from.parents());
        for (long r = from.round() - 1; r > to.round(); r--) {
            Set<Digest> next = new HashSet<>();
            for (Digest d : frontier) {
                Vertex v = byDigest.get(d);
                if (v != null) next.addAll(v.parents());
            }
            if (next.isEmpty()) return false;
            frontier = next;
        }
        return frontier.contains(to.digest());
    }

    /**
     * The not yet committed vertices in the causal history of {@code leader} (itself included) above
     * {@code floorRound}, in the deterministic order Bullshark outputs them: by round, then author.
     */
    public List<Vertex> uncommittedHistory(Vertex leader, long floorRound) {
        List<Vertex> out = new ArrayList<>();
        Set<Digest> seen = new HashSet<>();
        Deque<Vertex> stack = new ArrayDeque<>();
        stack.push(leader);
        seen.add(leader.digest());
        while (!stack.isEmpty()) {
            Vertex v = stack.pop();
            out.add(v);
            for (Digest parent : v.parents()) {
                Vertex p = byDigest.get(parent);
                if (p != null && !p.committed() && p.round() > floorRound && seen.add(parent)) stack.push(p);
            }
        }
        out.sort((a, b) -> a.round() != b.round() ? Long.compare(a.round(), b.round())
                : a.author() != b.author() ? Integer.compare(a.author(), b.author()) : a.digest().compareTo(b.digest()));
        return out;
    }

    /** Removes every vertex at or below {@code newGcRound}; returns them (the replica re-proposes its own uncommitted batches). */
    public List<Vertex> collectGarbage(long newGcRound) {
        if (newGcRound <= gcRound) return List.of();
        List<Vertex> removed = new ArrayList<>();
        while (!rounds.isEmpty() && rounds.firstKey() <= newGcRound) {
            Vertex[] slots = rounds.pollFirstEntry().getValue();
            for (Vertex v : slots) {
                if (v == null) continue;
                removed.add(v);
                byDigest.remove(v.digest());
            }
        }
        while (!conflicts.isEmpty() && conflicts.firstKey() <= newGcRound) {
            for (Vertex v : conflicts.pollFirstEntry().getValue()) {
                if (v == null) continue;
                removed.add(v);
                byDigest.remove(v.digest());
            }
        }
        gcRound = newGcRound;
        Verify.that(rounds.isEmpty() || rounds.firstKey() > gcRound, "DAG retains round " + (rounds.isEmpty() ? 0 : rounds.firstKey()) + " at or below the GC round " + gcRound);
        return removed;
    }

    /** Restores the GC round after a restart (before re-inserting persisted vertices). */
    public void restoreGcRound(long round) {
        Verify.that(byDigest.isEmpty(), "restoring the GC round of a non-empty DAG");
        gcRound = round;
    }

    @Override
    public String toString() {
        return "DAG of " + size() + " vertices in rounds (" + gcRound + ", " + highestRound() + "]" + (rounds.isEmpty() ? "" : " " + Arrays.toString(new long[]{rounds.firstKey()}));
    }
}
