package io.quantumsafe.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.replica.Effect;
import io.quantumsafe.consensus.replica.PersistedState;
import io.quantumsafe.consensus.replica.Replica;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against what it must reproduce: four real replicas (ML-DSA-65 votes) run in-process
 * past several commits and garbage collections; everything replica 0 asked to persist goes through
 * RocksDB, and after reopening the store the rebuilt state equals the replica's own in-memory record.
 */
class NodeStoreTest {
    static final PqcEngine ENGINE = PqcEngine.create();

    @TempDir
    Path dir;

    @Test
    void historyTruncation_dropsEntriesCertificatesAndAttestationsBelowTheOldestSnapshot_andKeepsTheRest() {
        try (NodeStore store = NodeStore.open(dir, 4, ReplicaConfig.defaults(Committee.of(List.of(new Validator(0, "v0", "dc", new byte[32]))), 0)
                .codecLimits(3309))) {
            try (NodeStore.Writes writes = store.writes()) {
                for (long s : new long[] {5, 10, 20}) {
                    writes.commitEntry(s, new byte[] {1});
                    writes.checkpoint(s, new byte[] {2});
                    writes.attestations(s, new byte[] {3});
                }
                writes.flush();
            }
            SyncStore.truncateBelow(store, 10);
            assertThat(store.commitEntry(5)).isNull();
            assertThat(store.commitEntry(10)).as("entries at the snapshot itself go too").isNull();
            assertThat(store.checkpoint(5)).isNull();
            assertThat(store.attestations(5)).isNull();
            assertThat(store.checkpoint(10)).as("the snapshot's own certificate stays").isNotNull();
            assertThat(store.attestations(10)).isNotNull();
            assertThat(store.commitEntry(20)).isNotNull();
            assertThat(store.attestations(20)).isNotNull();
        }
    }

    @Test
    void persistedRecords_surviveReopen_throughCommitsAndGarbageCollection() {
        int n = 4;
        List<KeyPair> keys = new ArrayList<>();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(ENGINE.generateKeyPair(Algorithm.ML_DSA_65));
            validators.add(new Validator(i, "v" + i, "dc", keys.get(i).publicKey().encoded()));
        }
        Committee committee = Committee.of(validators);
        MlDsaCertificateScheme scheme = new MlDsaCertificateScheme(committee, ENGINE);
        ReplicaConfig base = ReplicaConfig.defaults(committee, 0).withGc(4, 12);
        Replica[] replicas = new Replica[n];
        VoteSigner[] signers = new VoteSigner[n];
        for (int i = 0; i < n; i++) {
            signers[i] = scheme.signer(i, keys.get(i).privateKey());
            replicas[i] = Replica.create(base.withSelf(i), scheme, signers[i]);
        }
        PersistedState expected = new PersistedState();
        long now = 0;
        try (NodeStore store = NodeStore.open(dir, n, base.codecLimits(scheme.voteSignatureBytes()))) {
            ArrayDeque<Object[]> network = new ArrayDeque<>();
            for (int step = 0; step < 2_000 && replicas[0].committedSubDags() < 8; step++) {
                now += 50;
                for (int i = 0; i < n; i++) {
                    if (step % 3 == 0) route(i, replicas[i].propose(Batch.of(("batch " + i + " " + step).getBytes())), network, store, expected);
                    route(i, replicas[i].tick(now), network, store, expected);
                }
                // One network hop per step: replicas advance rounds as soon as they hold a quorum, so
                // draining until quiet would never end.
                for (int pending = network.size(); pending > 0; pending--) {
                    Object[] m = network.poll();
                    int to = (int) m[1];
                    route(to, replicas[to].step((int) m[0], (Message) m[2]), network, store, expected);
                }
            }
            assertThat(replicas[0].committedSubDags()).as("commits in the run").isGreaterThanOrEqualTo(8);
            assertThat(expected.gcRound()).as("garbage collected").isGreaterThan(0);
        }
        try (NodeStore reopened = NodeStore.open(dir, n, base.codecLimits(scheme.voteSignatureBytes()))) {
            PersistedState loaded = reopened.loadConsensus();
            assertThat(loaded.sequence()).isEqualTo(expected.sequence());
            assertThat(loaded.lastCommittedLeaderRound()).isEqualTo(expected.lastCommittedLeaderRound());
            assertThat(loaded.gcRound()).isEqualTo(expected.gcRound());
            assertThat(loaded.committed()).isEqualTo(expected.committed());
            assertThat(loaded.lastVotes()).isEqualTo(expected.lastVotes());
            assertThat(loaded.lastOwnHeader().header()).isEqualTo(expected.lastOwnHeader().header());
            assertThat(loaded.lastOwnHeader().batches()).isEqualTo(expected.lastOwnHeader().batches());
            // Same vertices; within a round the store orders them by digest, which restore does not care about.
            assertThat(digests(loaded)).containsExactlyInAnyOrderElementsOf(digests(expected));
            List<Long> rounds = loaded.vertices().stream().map(v -> v.certificate().round()).toList();
            assertThat(rounds).isSorted();
            // And a replica restored from it carries on where it was.
            Replica restored = Replica.restore(base, scheme, signers[0], loaded);
            assertThat(restored.committedSubDags()).isEqualTo(replicas[0].committedSubDags());
            assertThat(restored.round()).isEqualTo(replicas[0].round());
        }
    }

    private static List<Digest> digests(PersistedState state) {
        return state.vertices().stream().map(v -> v.certificate().digest()).collect(Collectors.toList());
    }

    private static void route(int from, List<Effect> effects, ArrayDeque<Object[]> network, NodeStore store, PersistedState expected) {
        try (NodeStore.Writes writes = store.writes()) {
            for (Effect e : effects) {
                switch (e) {
                    case Effect.Persist p -> {
                        if (from == 0) {
                            writes.add(p.record());
                            expected.apply(p.record());
                        }
                    }
                    case Effect.Send s -> network.add(new Object[] {from, s.to(), s.message()});
                    case Effect.Broadcast b -> {
                        for (int to = 0; to < 4; to++) if (to != from) network.add(new Object[] {from, to, b.message()});
                    }
                    default -> { }
                }
            }
            writes.flush();
        }
    }

}
