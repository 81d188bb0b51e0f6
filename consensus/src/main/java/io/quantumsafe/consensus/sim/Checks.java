package io.quantumsafe.consensus.sim;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.Header;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.Vote;
import io.quantumsafe.consensus.order.CommittedSubDag;
import io.quantumsafe.consensus.replica.MemoryUsage;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkers, fed as the run goes and concluded at its end:
 * <ul>
 *   <li>safety: the output sequences of all honest replicas are prefixes of one another (compared by a
 *       hash chain over each sub-DAG's leader and vertices);
 *   <li>validity: only proposed batches are output, each at most once per replica;
 *   <li>no honest equivocation: an honest validator (restarts included) never sends two headers for a
 *       round or two votes for one (author, round), and never goes back to an older round;
 *   <li>liveness: every honest batch is output by every live honest replica within the stated bound after GST;
 *   <li>bounded memory: no replica structure ever exceeds its configured bound.
 * </ul>
 */
final class Checks {
    /** Violations kept per kind (the text before the first colon): enough to diagnose, bounded for long runs. */
    private static final int VIOLATIONS_PER_KIND_MAX = 3;

    private static final class BatchInfo {
        final int proposer;
        final boolean honest;
        final long proposedAt;
        final long proposerRound;
        final long[] outputAt;
        boolean lost;

        BatchInfo(int proposer, boolean honest, long proposedAt, long proposerRound, int n) {
            this.proposer = proposer;
            this.honest = honest;
            this.proposedAt = proposedAt;
            this.proposerRound = proposerRound;
            this.outputAt = new long[n];
            Arrays.fill(outputAt, -1);
        }
    }

    private final int n;
    private final SimConfig config;
    private final Map<Digest, BatchInfo> batches = new LinkedHashMap<>();
    private final List<List<Digest>> chains = new ArrayList<>();
    private final long[] headerRound;
    private final Digest[] headerDigest;
    private final long[][] voteRound;
    private final Digest[][] voteDigest;
    private final List<String> violations = new ArrayList<>();
    private final List<Long> latencies = new ArrayList<>();
    private long latencyRoundsSum;
    int maxDagVertices;

    Checks(int n, SimConfig config) {
        this.n = n;
        this.config = config;
        for (int i = 0; i < n; i++) chains.add(new ArrayList<>());
        headerRound = new long[n];
        headerDigest = new Digest[n];
        voteRound = new long[n][n];
        voteDigest = new Digest[n][n];
    }

    private final Map<String, Integer> violationKinds = new LinkedHashMap<>();

    void violation(String message) {
        String kind = message.substring(0, Math.max(0, message.indexOf(':')));
        if (violationKinds.merge(kind, 1, Integer::sum) <= VIOLATIONS_PER_KIND_MAX) violations.add(message);
    }

    List<String> violations() { return violations; }

    void proposed(Batch batch, int proposer, boolean honest, long now, long proposerRound) {
        batches.putIfAbsent(batch.digest(), new BatchInfo(proposer, honest, now, proposerRound, n));
    }

    void lostInCrash(Batch batch) {
        BatchInfo info = batches.get(batch.digest());
        if (info != null) info.lost = true;
    }

    /** Called for every message an honest validator sends. */
    void honestSent(int node, Message message) {
        switch (message) {
            case Message.HeaderMessage m -> {
                Header h = m.header();
                if (h.author() != node) violation("equivocation: honest validator " + node + " sent a header authored by " + h.author());
                else if (headerDigest[node] != null && (h.round() < headerRound[node]
                        || (h.round() == headerRound[node] && !h.digest().equals(headerDigest[node])))) {
                    violation("equivocation: honest validator " + node + " proposed " + h + " after header " + headerDigest[node] + " of round " + headerRound[node]);
                } else {
                    headerRound[node] = h.round();
                    headerDigest[node] = h.digest();
                }
            }
            case Message.VoteMessage m -> {
                Vote v = m.vote();
                int a = v.author();
                Digest last = voteDigest[node][a];
                if (last != null && (v.round() < voteRound[node][a] || (v.round() == voteRound[node][a] && !v.headerDigest().equals(last)))) {
                    violation("equivocation: honest validator " + node + " voted twice: " + v + " after a vote for " + last + " in round " + voteRound[node][a]);
                } else {
                    voteRound[node][a] = v.round();
                    voteDigest[node][a] = v.headerDigest();
                }
            }
            default -> { }
        }
    }

    void output(int replica, CommittedSubDag sub, long now) {
        List<Digest> chain = chains.get(replica);
        if (sub.sequence() != chain.size() + 1) {
            violation("safety: replica " + replica + " output sub-DAG " + sub.sequence() + " after " + chain.size() + " (gap or repeat)");
        }
        byte[][] parts = new byte[sub.vertices().size() + 2][];
        parts[0] = chain.isEmpty() ? new byte[Digest.BYTES] : chain.getLast().toBytes();
        parts[1] = ByteBuffer.allocate(8).putLong(sub.leaderRound()).array();
        for (int i = 0; i < sub.vertices().size(); i++) parts[i + 2] = sub.vertices().get(i).digest().toBytes();
        chain.add(Digest.sha256(parts));
        for (CommittedSubDag.Entry e : sub.vertices()) {
            for (Batch b : e.batches()) {
                BatchInfo info = batches.get(b.digest());
                if (info == null) {
                    violation("validity: replica " + replica + " output " + b + " that nobody proposed");
                    continue;
                }
                if (info.outputAt[replica] >= 0) {
                    violation("validity: replica " + replica + " output " + b + " twice (sub-DAG " + sub.sequence() + ")");
                    continue;
                }
                info.outputAt[replica] = now;
                if (info.honest) {
                    latencies.add(now - info.proposedAt);
                    latencyRoundsSum += sub.leaderRound() - info.proposerRound;
                }
            }
        }
    }

    void memory(int replica, MemoryUsage usage, ReplicaConfig replicaConfig) {
        maxDagVertices = Math.max(maxDagVertices, usage.dagVertices());
        String over = usage.overBound(replicaConfig);
        if (over != null) violation("bounded memory: replica " + replica + ": " + over);
    }

    /** Safety and liveness at the end of the run. */
    void finish(boolean[] honest, boolean[] up) {
        int longest = -1;
        for (int i = 0; i < n; i++) if (honest[i] && (longest < 0 || chains.get(i).size() > chains.get(longest).size())) longest = i;
        for (int i = 0; i < n && longest >= 0; i++) {
            if (!honest[i]) continue;
            List<Digest> mine = chains.get(i), reference = chains.get(longest);
            for (int k = 0; k < mine.size(); k++) {
                if (!mine.get(k).equals(reference.get(k))) {
                    violation("safety: replicas " + i + " and " + longest + " output different sub-DAG " + (k + 1));
                    break;
                }
            }
        }
        long bound = config.livenessBoundMillis();
        int late = 0;
        String example = null;
        for (Map.Entry<Digest, BatchInfo> e : batches.entrySet()) {
            BatchInfo info = e.getValue();
            if (!info.honest || info.lost) continue;
            long deadline = Math.max(info.proposedAt, config.gstMillis()) + bound;
            for (int i = 0; i < n; i++) {
                if (!honest[i] || !up[i]) continue;
                if (info.outputAt[i] < 0 || info.outputAt[i] > deadline) {
                    late++;
                    if (example == null) {
                        example = "batch " + e.getKey() + " of validator " + info.proposer + " proposed at " + info.proposedAt + " ms: replica " + i
                                + (info.outputAt[i] < 0 ? " never output it" : " output it at " + info.outputAt[i] + " ms") + ", deadline " + deadline + " ms";
                    }
                }
            }
        }
        if (late > 0) violation("liveness: " + late + " (batch, replica) pairs missed the " + bound + " ms bound after GST, e.g. " + example);
    }

    /** Deadline by which a batch proposed at {@code t} must have been output everywhere. */
    long deadline(long t) { return Math.max(t, config.gstMillis()) + config.livenessBoundMillis(); }

    boolean allHonestOutput(boolean[] honest, boolean[] up) {
        for (BatchInfo info : batches.values()) {
            if (!info.honest || info.lost) continue;
            for (int i = 0; i < n; i++) if (honest[i] && up[i] && info.outputAt[i] < 0) return false;
        }
        return true;
    }

    long proposedHonest() { return batches.values().stream().filter(b -> b.honest && !b.lost).count(); }

    long outputEverywhere(boolean[] honest, boolean[] up) {
        long count = 0;
        outer:
        for (BatchInfo info : batches.values()) {
            if (!info.honest || info.lost) continue;
            for (int i = 0; i < n; i++) if (honest[i] && up[i] && info.outputAt[i] < 0) continue outer;
            count++;
        }
        return count;
    }

    long chainLength(int replica) { return chains.get(replica).size(); }

    /** A digest of every honest replica's output (identical for identical runs). */
    String fingerprint(boolean[] honest) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) if (honest[i] && !chains.get(i).isEmpty()) parts.add(chains.get(i).getLast().toBytes());
        return parts.isEmpty() ? "none" : Digest.sha256(parts.toArray(byte[][]::new)).toString();
    }

    double latencyMean() { return latencies.isEmpty() ? 0 : latencies.stream().mapToLong(Long::longValue).average().orElse(0); }

    long latencyP99() {
        if (latencies.isEmpty()) return 0;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
    }

    double latencyRoundsMean() { return latencies.isEmpty() ? 0 : (double) latencyRoundsSum / latencies.size(); }
}
