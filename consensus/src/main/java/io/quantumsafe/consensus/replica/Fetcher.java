package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.Message.SyncRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Certificates and batches this replica is fetching: whom it asked, when, and whom to ask next. At
 * most {@code missingMax} entries; an entry that no pending input needs any more is dropped (so a
 * Byzantine author cannot fill it with made-up parents), and so is one at or below the GC round.
 */
final class Fetcher {
    /** One thing being fetched; {@code round} is the round of the header that names it. */
    private static final class Missing {
        final boolean batch;
        final long round;
        final int[] candidates;
        int attempts;
        long sentAt;

        Missing(boolean batch, long round, int[] candidates, long sentAt) {
            this.batch = batch;
            this.round = round;
            this.candidates = candidates;
            this.sentAt = sentAt;
        }

        int target() { return candidates[attempts % candidates.length]; }
    }

    private final int missingMax;
    private final int syncItemsMax;
    private final LinkedHashMap<Digest, Missing> missing = new LinkedHashMap<>();

    Fetcher(int missingMax, int syncItemsMax) {
        this.missingMax = missingMax;
        this.syncItemsMax = syncItemsMax;
    }

    int size() { return missing.size(); }

    boolean isMissing(Digest digest) { return missing.containsKey(digest); }

    /** The round of the header that named a missing batch, or -1 if it is not being fetched. */
    long batchRound(Digest digest) {
        Missing m = missing.get(digest);
        return m != null && m.batch ? m.round : -1;
    }

    void satisfied(Digest digest) { missing.remove(digest); }

    /**
     * Starts fetching what is not already being fetched, asking {@code candidates[0]} first; returns the
     * requests to send, keyed by peer.
     */
    Map<Integer, SyncRequest> request(List<Digest> certificates, List<Digest> batches, long round, int[] candidates, long now) {
        TreeMap<Integer, List<Digest>[]> byTarget = new TreeMap<>();
        add(certificates, false, round, candidates, now, byTarget);
        add(batches, true, round, candidates, now, byTarget);
        return requests(byTarget);
    }

    @SuppressWarnings("unchecked")
    private void add(List<Digest> digests, boolean batch, long round, int[] candidates, long now, TreeMap<Integer, List<Digest>[]> byTarget) {
        for (Digest d : digests) {
            if (missing.containsKey(d) || missing.size() >= missingMax) continue;
            Missing m = new Missing(batch, round, candidates, now);
            missing.put(d, m);
            byTarget.computeIfAbsent(m.target(), t -> new List[]{new ArrayList<>(), new ArrayList<>()})[batch ? 1 : 0].add(d);
        }
    }

    /** Asks the next candidate for everything not received within {@code retryMillis}. */
    @SuppressWarnings("unchecked")
    Map<Integer, SyncRequest> retry(long now, long retryMillis) {
        TreeMap<Integer, List<Digest>[]> byTarget = new TreeMap<>();
        for (Map.Entry<Digest, Missing> e : missing.entrySet()) {
            Missing m = e.getValue();
            if (now - m.sentAt < retryMillis) continue;
            m.attempts++;
            m.sentAt = now;
            byTarget.computeIfAbsent(m.target(), t -> new List[]{new ArrayList<>(), new ArrayList<>()})[m.batch ? 1 : 0].add(e.getKey());
        }
        return requests(byTarget);
    }

    /** Drops entries that are satisfied, garbage-collected or no longer needed by any pending input. */
    void prune(long gcRound, Predicate<Digest> held, Set<Digest> needed) {
        Iterator<Map.Entry<Digest, Missing>> it = missing.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Digest, Missing> e = it.next();
            if (e.getValue().round <= gcRound || held.test(e.getKey()) || (needed != null && !needed.contains(e.getKey()))) it.remove();
        }
    }

    private Map<Integer, SyncRequest> requests(TreeMap<Integer, List<Digest>[]> byTarget) {
        Map<Integer, SyncRequest> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Digest>[]> e : byTarget.entrySet()) {
            List<Digest> certs = e.getValue()[0], batches = e.getValue()[1];
            // One request per peer per call; anything beyond syncItemsMax waits for the next retry.
            out.put(e.getKey(), new SyncRequest(certs.subList(0, Math.min(certs.size(), syncItemsMax)),
                    batches.subList(0, Math.min(batches.size(), syncItemsMax))));
        }
        return out;
    }
}
