package io.quantumsafe.consensus.order;

/**
 * Who leads each even round (Bullshark's anchors). Round-robin: the leader of round r (r even, r >= 2)
 * is validator {@code (r / 2 - 1) mod n}. It must be the same function at every replica; a
 * reputation-based schedule (Shoal) would be computed from the committed sequence, which all honest
 * replicas share.
 */
public interface LeaderSchedule {
    /** The leader of {@code round}, which must be an even round >= 2. */
    int leader(long round);

    static boolean isLeaderRound(long round) { return round >= 2 && round % 2 == 0; }

    static LeaderSchedule roundRobin(int committeeSize) {
        return round -> {
            if (!isLeaderRound(round)) throw new IllegalArgumentException("round " + round + " has no leader");
            return (int) ((round / 2 - 1) % committeeSize);
        };
    }
}
