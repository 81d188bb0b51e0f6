package io.quantumsafe.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.order.CommittedSubDag;
import io.quantumsafe.consensus.replica.Effect;
import io.quantumsafe.consensus.replica.Replica;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.node.sync.RestartPoint;
import io.quantumsafe.node.sync.RestartPointCheck;
import io.quantumsafe.node.sync.SyncException;
import io.quantumsafe.node.sync.SyncException.Reason;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consensus half of a restart point, with four real ML-DSA replicas in-process: replica 3 is down
 * from the start while the others commit past several garbage collections; it is then restored from
 * replica 0's stored window (read, checked, installed into its own empty store, loaded, restored) and
 * reconnected. It must output exactly the sub-DAGs the others output from there on. Tampered windows
 * are refused.
 */
class RestartWindowTest {
    static final PqcEngine ENGINE = PqcEngine.create();
    static final int n = 4;

    @TempDir
    Path dir;

    final List<KeyPair> keys = new ArrayList<>();
    Committee committee;
    MlDsaCertificateScheme scheme;
    ReplicaConfig base;
    final Replica[] replicas = new Replica[n];
    final boolean[] up = {true, true, true, false};
    final Map<Integer, Map<Long, List<Digest>>> outputs = new HashMap<>();
    final ArrayDeque<Object[]> network = new ArrayDeque<>();
    long now;

    @Test
    void aReplicaRestoredFromAPeersWindow_outputsTheSameSubDagsAsItsPeers_andTamperedWindowsAreRefused() throws Exception {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(ENGINE.generateKeyPair(Algorithm.ML_DSA_65));
            validators.add(new Validator(i, "v" + i, "dc", keys.get(i).publicKey().encoded()));
        }
        committee = Committee.of(validators);
        scheme = new MlDsaCertificateScheme(committee, ENGINE);
        base = ReplicaConfig.defaults(committee, 0).withGc(4, 12);
        VoteSigner[] signers = new VoteSigner[n];
        for (int i = 0; i < n; i++) {
            signers[i] = scheme.signer(i, keys.get(i).privateKey());
            replicas[i] = Replica.create(base.withSelf(i), scheme, signers[i]);
            outputs.put(i, new HashMap<>());
        }
        RestartPointCheck check = new RestartPointCheck(committee, null, scheme, base.codecLimits(scheme.voteSignatureBytes()), null, null, null);

        try (NodeStore peer = NodeStore.open(dir.resolve("peer"), n, base.codecLimits(scheme.voteSignatureBytes()));
             NodeStore restarted = NodeStore.open(dir.resolve("restarted"), n, base.codecLimits(scheme.voteSignatureBytes()))) {
            run(peer, 10);
            RestartPoint.Consensus window = SyncStore.readConsensus(peer, 0, new ArrayList<>());
            assertThat(window.gcRound()).as("the peers collected rounds replica 3 never saw").isGreaterThan(0);
            assertThat(window.sequence()).isEqualTo(replicas[0].committedSubDags());
            List<RestartPointCheck.Vertex> vertices = check.checkConsensus(window);

            refused(check, withCommitted(window, window.committed().subList(1, window.committed().size())));
            List<RestartPoint.Committed> extra = new ArrayList<>(window.committed());
            for (RestartPointCheck.Vertex v : vertices) {
                if (v.round() > window.leaderRound()) {
                    extra.add(new RestartPoint.Committed(v.digest().toBytes(), v.round()));
                    break;
                }
            }
            refused(check, withCommitted(window, extra));
            List<byte[]> flipped = new ArrayList<>(window.vertices());
            byte[] bad = flipped.getFirst().clone();
            bad[bad.length - 40] ^= 1; // inside the certificate's signatures or the batch bytes
            flipped.set(0, bad);
            refused(check, new RestartPoint.Consensus(window.sequence(), window.leaderRound(), window.gcRound(), flipped, window.committed()));

            // Install into replica 3's empty store, load and restore: the node's path, minus the ledger.
            RestartPointCheck.Verified verified = new RestartPointCheck.Verified(null, null, List.of(),
                    new RestartPoint(0, window.sequence(), new byte[0], List.of(), List.of(), window), vertices);
            SyncStore.install(restarted, verified, Map.of());
            replicas[3] = Replica.restore(base.withSelf(3), scheme, signers[3], restarted.loadConsensus());
            long restoredAt = replicas[3].committedSubDags();
            assertThat(restoredAt).isEqualTo(window.sequence());
            up[3] = true;
            run(peer, restoredAt + 8);
            assertThat(replicas[3].committedSubDags()).as("replica 3 commits again").isGreaterThan(restoredAt + 4);
            for (long s = restoredAt + 1; s <= replicas[3].committedSubDags(); s++) {
                assertThat(outputs.get(3).get(s)).as("sub-DAG %d at the restored replica", s).isEqualTo(outputs.get(0).get(s)).isNotEmpty();
            }
        }
    }

    private static RestartPoint.Consensus withCommitted(RestartPoint.Consensus c, List<RestartPoint.Committed> committed) {
        return new RestartPoint.Consensus(c.sequence(), c.leaderRound(), c.gcRound(), c.vertices(), committed);
    }

    private static void refused(RestartPointCheck check, RestartPoint.Consensus c) {
        assertThatThrownBy(() -> check.checkConsensus(c)).isInstanceOfSatisfying(SyncException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CONSENSUS_STATE));
    }

    /** Steps the live replicas until replica 0 committed {@code until} sub-DAGs; replica 0 persists into {@code store}. */
    private void run(NodeStore store, long until) {
        for (int step = 0; step < 4_000 && (replicas[0].committedSubDags() < until || (up[3] && replicas[3].committedSubDags() < until)); step++) {
            now += 50;
            for (int i = 0; i < n; i++) {
                if (!up[i]) continue;
                if (step % 3 == 0) route(i, replicas[i].propose(Batch.of(("batch " + i + " " + now).getBytes())), store);
                route(i, replicas[i].tick(now), store);
            }
            for (int pending = network.size(); pending > 0; pending--) {
                Object[] m = network.poll();
                int to = (int) m[1];
                if (up[to]) route(to, replicas[to].step((int) m[0], (Message) m[2]), store);
            }
        }
    }

    private void route(int from, List<Effect> effects, NodeStore store) {
        try (NodeStore.Writes writes = store.writes()) {
            for (Effect e : effects) {
                switch (e) {
                    case Effect.Persist p -> {
                        if (from == 0) writes.add(p.record());
                    }
                    case Effect.Send s -> network.add(new Object[] {from, s.to(), s.message()});
                    case Effect.Broadcast b -> {
                        for (int to = 0; to < n; to++) if (to != from) network.add(new Object[] {from, to, b.message()});
                    }
                    case Effect.Commit c -> outputs.get(from).put(c.subDag().sequence(), digests(c.subDag()));
                    default -> { }
                }
            }
            writes.flush();
        }
    }

    private static List<Digest> digests(CommittedSubDag subDag) {
        return subDag.vertices().stream().map(CommittedSubDag.Entry::digest).toList();
    }
}
