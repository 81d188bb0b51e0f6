package io.quantumsafe.consensus.order;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.Verify;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.dag.Dag;
import io.quantumsafe.consensus.dag.Vertex;
import java.util.ArrayList;
import java.util.List;

/**
 * Bullshark's ordering on a local DAG (Spiegelman et al., CCS 2022, the partially synchronous
 * version): the leader of even round r commits when at least {@link Committee#commitThreshold()}
 * vertices of round r + 1 have it as a parent. Before it, every earlier uncommitted leader that it
 * reaches is committed, oldest first; each leader's uncommitted causal history above the GC floor is
 * output by round, then author.
 *
 * <p>Why replicas agree: a leader that one honest replica commits directly is reachable from every
 * vertex of round r + 2 (each has a quorum of parents, which meets the commit threshold set), so any
 * later leader that any replica commits reaches it and the backward walk commits it too. The floor of
 * a leader's history is {@code leaderRound - gcDepth}, a function of the committed sequence alone.
 */
public final class Bullshark {
    private final Committee committee;
    private final LeaderSchedule schedule;
    private final int gcDepthRounds;
    private long lastCommittedLeaderRound;
    private long sequence;

    public Bullshark(Committee committee, LeaderSchedule schedule, int gcDepthRounds) {
        this.committee = committee;
        this.schedule = schedule;
        this.gcDepthRounds = gcDepthRounds;
    }

    public long lastCommittedLeaderRound() { return lastCommittedLeaderRound; }

    public long sequence() { return sequence; }

    public LeaderSchedule schedule() { return schedule; }

    /** After a restart: where the persisted output stopped. */
    public void restore(long lastCommittedLeaderRound, long sequence) {
        this.lastCommittedLeaderRound = lastCommittedLeaderRound;
        this.sequence = sequence;
    }

    /** The lowest round a leader of {@code leaderRound} outputs; older vertices are never output. */
    public long floorRound(long leaderRound) { return Math.max(0, leaderRound - gcDepthRounds); }

    /** The leader vertex of {@code round} in {@code dag}, or null. */
    public Vertex leaderVertex(Dag dag, long round) {
        return dag.at(round, schedule.leader(round));
    }

    /** Vertices of {@code round + 1} that have the leader of {@code round} as a parent. */
    public int support(Dag dag, long leaderRound) {
        Vertex leader = leaderVertex(dag, leaderRound);
        if (leader == null) return 0;
        int votes = 0;
        for (Vertex v : dag.round(leaderRound + 1)) if (v.parents().contains(leader.digest())) votes++;
        return votes;
    }

    /** Called after {@code inserted} joined the DAG: the sub-DAGs that commit now, in order (often none). */
    public List<CommittedSubDag> onInsert(Dag dag, Vertex inserted) {
        long leaderRound = inserted.round() - 1;
        if (!LeaderSchedule.isLeaderRound(leaderRound) || leaderRound <= lastCommittedLeaderRound) return List.of();
        Vertex leader = leaderVertex(dag, leaderRound);
        if (leader == null || !inserted.parents().contains(leader.digest())) return List.of();
        if (support(dag, leaderRound) < committee.commitThreshold()) return List.of();
        return commit(dag, leader);
    }

    private List<CommittedSubDag> commit(Dag dag, Vertex leader) {
        List<Vertex> leaders = new ArrayList<>();
        leaders.add(leader);
        Vertex current = leader;
        for (long r = leader.round() - 2; r > lastCommittedLeaderRound && r > dag.gcRound(); r -= 2) {
            Vertex previous = leaderVertex(dag, r);
            if (previous != null && dag.linked(current, previous)) {
                leaders.add(previous);
                current = previous;
            }
        }
        List<CommittedSubDag> out = new ArrayList<>();
        for (int i = leaders.size() - 1; i >= 0; i--) out.add(output(dag, leaders.get(i)));
        return out;
    }

    private CommittedSubDag output(Dag dag, Vertex leader) {
        Verify.that(leader.round() > lastCommittedLeaderRound,
                "leader of round " + leader.round() + " commits after the leader of round " + lastCommittedLeaderRound);
        List<CommittedSubDag.Entry> entries = new ArrayList<>();
        for (Vertex v : dag.uncommittedHistory(leader, floorRound(leader.round()))) {
            dag.markCommitted(v);
            entries.add(new CommittedSubDag.Entry(v.round(), v.author(), v.digest(), v.batches()));
        }
        Digest last = entries.getLast().digest();
        Verify.that(last.equals(leader.digest()), "a sub-DAG must end with its leader " + leader + ", not " + last);
        lastCommittedLeaderRound = leader.round();
        sequence++;
        return new CommittedSubDag(sequence, leader.round(), leader.digest(), entries);
    }
}
