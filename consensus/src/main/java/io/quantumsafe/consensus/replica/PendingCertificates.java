package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verified certificates waiting for their parents or batches, by round. Bounded by
 * {@link ReplicaConfig#pendingCertificatesMax()}: the caller refuses more (they are sent again).
 */
final class PendingCertificates {
    private final TreeMap<Long, Map<Digest, Certificate>> byRound = new TreeMap<>();
    private int size;

    int size() { return size; }

    boolean contains(Certificate c) {
        Map<Digest, Certificate> round = byRound.get(c.round());
        return round != null && round.containsKey(c.digest());
    }

    void add(Certificate c) {
        if (byRound.computeIfAbsent(c.round(), r -> new HashMap<>()).put(c.digest(), c) == null) size++;
    }

    void remove(Certificate c) {
        Map<Digest, Certificate> round = byRound.get(c.round());
        if (round != null && round.remove(c.digest()) != null) {
            size--;
            if (round.isEmpty()) byRound.remove(c.round());
        }
    }

    /** Everything pending, lowest round first, then by author (a deterministic order). */
    List<Certificate> inOrder() {
        List<Certificate> out = new ArrayList<>();
        for (Map<Digest, Certificate> round : byRound.values()) {
            out.addAll(round.values().stream().sorted(Comparator.comparingInt(Certificate::author).thenComparing(Certificate::digest)).toList());
        }
        return out;
    }

    void collectGarbage(long gcRound) {
        while (!byRound.isEmpty() && byRound.firstKey() <= gcRound) size -= byRound.pollFirstEntry().getValue().size();
    }
}
