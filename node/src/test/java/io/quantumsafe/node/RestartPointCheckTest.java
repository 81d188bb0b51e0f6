package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.message.CodecLimits;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.store.SyncStore;
import io.quantumsafe.node.sync.RestartPoint;
import io.quantumsafe.node.sync.RestartPointCheck;
import io.quantumsafe.node.sync.RestartPointCodec;
import io.quantumsafe.node.sync.StateSync;
import io.quantumsafe.node.sync.SyncException;
import io.quantumsafe.node.sync.SyncException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A peer's restart point is trusted only through the 2f+1 checkpoint certificate at its position:
 * real ML-DSA committee keys, real signed client requests, the node's own ledger input derivation.
 */
class RestartPointCheckTest {
    static final int NETWORK = 42;
    static final PqcEngine ENGINE = PqcEngine.create();
    static final List<KeyPair> VALIDATORS = keys(4, Algorithm.ML_DSA_65);
    static final KeyPair CLIENT = ENGINE.generateKeyPair(Algorithm.ML_DSA_44);
    static final UInt128 CLIENT_ID = UInt128.of(7);

    final Committee committee = committee();
    final CheckpointSigning signing = new CheckpointSigning(committee, ENGINE);
    final MlDsaCertificateScheme scheme = new MlDsaCertificateScheme(committee, ENGINE);
    final LedgerConfig config = LedgerConfig.of(NETWORK, List.of(new ClientKey(CLIENT_ID, CLIENT.publicKey())));
    final CodecLimits limits = ReplicaConfig.defaults(committee, 0).codecLimits(scheme.voteSignatureBytes());
    final RestartPointCheck check = NodeSync.check(committee, signing, scheme, limits, config, new EngineSignatureCheck(ENGINE));

    private static List<KeyPair> keys(int count, Algorithm algorithm) {
        List<KeyPair> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(ENGINE.generateKeyPair(algorithm));
        return out;
    }

    private static Committee committee() {
        List<Validator> validators = new ArrayList<>();
        for (int v = 0; v < 4; v++) validators.add(new Validator(v, "validator-" + v, "dc-1", VALIDATORS.get(v).publicKey().encoded()));
        return Committee.of(validators);
    }

    /** Committed entry {@code sequence} as validators store it: one mempool batch with one signed request. */
    static byte[] entry(long number, List<Account> accounts, List<Transfer> transfers) {
        SettlementRequest unsigned = new SettlementRequest(NETWORK, CLIENT_ID, number, accounts, transfers, new byte[0]);
        SettlementRequest signed = unsigned.withSignature(ENGINE.signer(CLIENT.privateKey()).sign(RequestCodec.signingMessage(unsigned)));
        return EntryCodec.encode(List.of(new MempoolBatch(1_000 * number, List.of(RequestCodec.encode(signed))).encode()));
    }

    static List<byte[]> history(long amount) {
        return List.of(
                entry(1, List.of(Account.create(UInt128.of(1), 1, 1, 0, CLIENT_ID), Account.create(UInt128.of(2), 1, 1, 0, CLIENT_ID)), List.of()),
                entry(2, List.of(), List.of(Transfer.of(UInt128.of(100), UInt128.of(1), UInt128.of(2), UInt128.of(amount), 1, 1))),
                entry(3, List.of(), List.of(Transfer.of(UInt128.of(101), UInt128.of(2), UInt128.of(1), UInt128.of(5), 1, 1))));
    }

    Ledger execute(List<byte[]> entries, int upTo) {
        Ledger ledger = new Ledger(config, new EngineSignatureCheck(ENGINE));
        for (int s = 1; s <= upTo; s++) ledger.apply(Node.ledgerBatch(s, EntryCodec.decode(entries.get(s - 1)), null));
        return ledger;
    }

    CheckpointCertificate certify(Ledger ledger, int signers) {
        Checkpoint checkpoint = new Checkpoint(NETWORK, ledger.sequence(), Digest.of(ledger.stateRoot()));
        TreeMap<Integer, byte[]> signatures = new TreeMap<>();
        for (int v = 0; v < signers; v++) signatures.put(v, signing.sign(v, VALIDATORS.get(v).privateKey(), checkpoint));
        return signing.certificate(checkpoint, signatures);
    }

    /** Snapshot at 2, entry 3, certificates at 2 and 3. */
    RestartPoint point(List<byte[]> entries, Ledger atSnapshot, CheckpointCertificate... certificates) {
        List<byte[]> encoded = new ArrayList<>();
        for (CheckpointCertificate c : certificates) encoded.add(c.encode(committee.size()));
        return new RestartPoint(NETWORK, 2, LedgerSnapshot.toBytes(atSnapshot), encoded, List.of(new RestartPoint.Entry(3, entries.get(2))),
                new RestartPoint.Consensus(3, 0, 0, List.of(), List.of()));
    }

    @Test
    void anHonestRestartPoint_restoresTheCertifiedRoot() throws Exception {
        List<byte[]> honest = history(50);
        Ledger at2 = execute(honest, 2), at3 = execute(honest, 3);
        RestartPointCheck.Verified verified = check.check(RestartPointCodec.decode(RestartPointCodec.encode(point(honest, at2, certify(at3, 3), certify(at2, 3)))));
        assertThat(verified.ledger().stateRoot()).isEqualTo(at3.stateRoot());
        assertThat(verified.ledger().account(UInt128.of(2)).orElseThrow().creditsPosted()).isEqualTo(UInt128.of(50));
        assertThat(verified.sequence()).isEqualTo(3);
        // The node's stored form of a checked certificate splits back into the signers' signatures.
        assertThat(NodeSync.fromCheckpointCertificate(verified.certificate()).signatures()).containsOnlyKeys(0, 1, 2);
    }

    @Test
    void aSnapshotNotMatchingTheCertificate_isRefused() {
        List<byte[]> honest = history(50);
        // A well-formed snapshot of another history (a different amount) under the honest certificate.
        Ledger forgedAt2 = execute(history(5_000), 2);
        CheckpointCertificate honest3 = certify(execute(honest, 3), 3);
        assertThatThrownBy(() -> check.check(point(honest, forgedAt2, honest3)))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_MISMATCH));
        // With the honest certificate at the snapshot too, it is refused before anything is executed.
        assertThatThrownBy(() -> check.check(point(honest, forgedAt2, honest3, certify(execute(honest, 2), 3))))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_MISMATCH));
    }

    @Test
    void aForgedEntryAfterTheSnapshot_isRefused() {
        List<byte[]> honest = history(50), forged = history(50);
        forged = List.of(forged.get(0), forged.get(1),
                entry(3, List.of(), List.of(Transfer.of(UInt128.of(101), UInt128.of(2), UInt128.of(1), UInt128.of(45), 1, 1))));
        RestartPoint p = point(forged, execute(honest, 2), certify(execute(honest, 3), 3));
        assertThatThrownBy(() -> check.check(p)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_MISMATCH));
    }

    @Test
    void certificatesBelowAQuorumOrTamperedOrOfAnotherNetwork_areRefused() {
        List<byte[]> honest = history(50);
        Ledger at2 = execute(honest, 2), at3 = execute(honest, 3);
        CheckpointCertificate valid = certify(at3, 3);
        // Two signers of four: below 2f+1.
        int[] two = {0, 1};
        java.util.BitSet bits = new java.util.BitSet();
        for (int i : two) bits.set(i);
        byte[] proof = valid.signatures().proof();
        CheckpointCertificate fewer = new CheckpointCertificate(valid.checkpoint(),
                new QuorumSignature(bits, java.util.Arrays.copyOf(proof, proof.length / 3 * 2)));
        assertThatThrownBy(() -> check.check(point(honest, at2, fewer)))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CERTIFICATE));
        proof[100] ^= 1;
        CheckpointCertificate tampered = new CheckpointCertificate(valid.checkpoint(), new QuorumSignature(valid.signatures().signers(), proof));
        assertThatThrownBy(() -> check.check(point(honest, at2, tampered)))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CERTIFICATE));
        RestartPoint elsewhere = point(honest, at2, valid);
        RestartPoint other = new RestartPoint(43, 2, elsewhere.ledgerSnapshot(), elsewhere.certificates(), elsewhere.entries(), elsewhere.consensus());
        assertThatThrownBy(() -> check.check(other)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_NETWORK));
        RestartPoint noAnchor = point(honest, at2, certify(at2, 3));
        assertThatThrownBy(() -> check.check(noAnchor)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CERTIFICATE));
    }

    @Test
    void gapsAndUndecodableWindows_areRefused() {
        List<byte[]> honest = history(50);
        Ledger at2 = execute(honest, 2), at3 = execute(honest, 3);
        RestartPoint p = point(honest, at2, certify(at3, 3));
        RestartPoint gap = new RestartPoint(NETWORK, 2, p.ledgerSnapshot(), p.certificates(), List.of(new RestartPoint.Entry(4, honest.get(2))), p.consensus());
        assertThatThrownBy(() -> check.check(gap)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        RestartPoint garbage = new RestartPoint(NETWORK, 2, p.ledgerSnapshot(), p.certificates(), p.entries(),
                new RestartPoint.Consensus(3, 0, 0, List.of(new byte[] {1, 2, 3}), List.of()));
        assertThatThrownBy(() -> check.check(garbage)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CONSENSUS_STATE));
        RestartPoint badEntry = new RestartPoint(NETWORK, 2, p.ledgerSnapshot(), p.certificates(), List.of(new RestartPoint.Entry(3, new byte[] {0, 0, 0, 9})),
                p.consensus());
        assertThatThrownBy(() -> check.check(badEntry)).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    /** Three validators wired in memory: validator 1 serves a forged snapshot, 2 an honest one. */
    @Test
    void aForgedSnapshotFromOnePeer_isReported_andTheNextPeerIsUsed() throws Exception {
        List<byte[]> honest = history(50);
        Ledger at2 = execute(honest, 2), at3 = execute(honest, 3);
        RestartPoint good = point(honest, at2, certify(at3, 3));
        RestartPoint forged = point(honest, execute(history(5_000), 2), certify(at3, 3));
        Map<Integer, StateSync> nodes = new ConcurrentHashMap<>();
        List<String> reports = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int v = 0; v < 3; v++) {
            RestartPoint serves = v == 1 ? forged : good;
            int self = v;
            nodes.put(v, new StateSync(v, 3, (to, frame) -> {
                StateSync target = nodes.get(to);
                if (target != null) target.onFrame(self, frame);
            }, new StateSync.Source() {
                @Override public SyncStore.Position position() {
                    // Validator 1 claims to be furthest ahead, so it is asked first.
                    return self == 0 ? new SyncStore.Position(0, 0, 0) : new SyncStore.Position(self == 1 ? 9 : 3, 40, 20);
                }

                @Override public RestartPoint prepare() { return serves; }
            }, new StateSync.Reports() {
                @Override public void refused(int peer, SyncException e) { reports.add(peer + ":" + e.reason()); }

                @Override public void served(int peer, long sequence, int bytes) {}
            }));
        }
        StateSync.Restored restored = nodes.get(0).catchUp(new SyncStore.Position(0, 0, 0), check, Duration.ofSeconds(5), Duration.ofSeconds(30))
                .orElseThrow();
        assertThat(restored.peer()).isEqualTo(2);
        assertThat(restored.verified().ledger().stateRoot()).isEqualTo(at3.stateRoot());
        assertThat(reports).containsExactly("1:ROOT_MISMATCH");
    }

    @Test
    void aValidatorWithinItsPeersGcWindow_doesNotSync() throws Exception {
        StateSync[] nodes = new StateSync[2];
        for (int v = 0; v < 2; v++) {
            int self = v;
            nodes[v] = new StateSync(v, 2, (to, frame) -> nodes[to].onFrame(self, frame), new StateSync.Source() {
                @Override public SyncStore.Position position() { return new SyncStore.Position(100, 200, 150); }

                @Override public RestartPoint prepare() throws SyncException { throw new SyncException(Reason.PEER_REFUSED, "not expected"); }
            }, new StateSync.Reports() {
                @Override public void refused(int peer, SyncException e) {}

                @Override public void served(int peer, long sequence, int bytes) {}
            });
        }
        // Our last committed leader round (160) is above the peer's GC round (150): fetching certificates still works.
        assertThat(nodes[0].catchUp(new SyncStore.Position(80, 160, 140), check, Duration.ofSeconds(5), Duration.ofSeconds(5))).isEmpty();
        assertThat(nodes[0].behindPeers(new SyncStore.Position(80, 160, 140), Duration.ofSeconds(5))).isFalse();
        // At leader round 150 the peer has collected a round we did not output: a running validator reports it.
        assertThat(nodes[0].behindPeers(new SyncStore.Position(80, 150, 130), Duration.ofSeconds(5))).isTrue();
    }

    /** A lying peer: ahead of us, then announces a restart point far larger than we accept. */
    @Test
    void aPeerAnnouncingAnOversizedRestartPoint_isRefusedWithATypedError() throws Exception {
        StateSync[] requester = new StateSync[1];
        List<String> reports = java.util.Collections.synchronizedList(new ArrayList<>());
        requester[0] = new StateSync(0, 2, (to, frame) -> {
            io.quantumsafe.node.sync.SyncWire.Frame f = io.quantumsafe.node.sync.SyncWire.decode(frame);
            io.quantumsafe.node.sync.SyncWire.Frame answer = switch (f) {
                case io.quantumsafe.node.sync.SyncWire.StatusRequest r -> new io.quantumsafe.node.sync.SyncWire.Status(r.nonce(), 50, 100, 80);
                case io.quantumsafe.node.sync.SyncWire.Fetch fetch -> new io.quantumsafe.node.sync.SyncWire.Chunk(fetch.nonce(), 1L << 40, 0, new byte[] {1});
                default -> null;
            };
            if (answer != null) requester[0].onFrame(1, io.quantumsafe.node.sync.SyncWire.encode(answer));
        }, new StateSync.Source() {
            @Override public SyncStore.Position position() { return new SyncStore.Position(0, 0, 0); }

            @Override public RestartPoint prepare() throws SyncException { throw new SyncException(Reason.PEER_REFUSED, "not serving"); }
        }, new StateSync.Reports() {
            @Override public void refused(int peer, SyncException e) { reports.add(peer + ":" + e.reason()); }

            @Override public void served(int peer, long sequence, int bytes) {}
        });
        assertThatThrownBy(() -> requester[0].catchUp(new SyncStore.Position(0, 0, 0), check, Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThat(reports).isNotEmpty().allMatch(r -> r.equals("1:TOO_LARGE"));
    }
}
