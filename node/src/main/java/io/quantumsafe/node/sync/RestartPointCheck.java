package io.quantumsafe.node.sync;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.message.Certificate;
import io.quantumsafe.consensus.message.CodecLimits;
import io.quantumsafe.consensus.message.MalformedMessageException;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.MessageCodec;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.SnapshotException;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import io.quantumsafe.node.sync.SyncException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a peer's {@link RestartPoint} may be installed. The peer is not trusted at all: the
 * trust anchor is a checkpoint certificate signed by 2f+1 committee members over the ledger state root
 * at the restart position. The ledger snapshot is restored (which recomputes its root), the committed
 * entries after it are executed with every request signature checked, and the resulting root must be
 * the certified one; a root chains every batch's transfer root, so a forged snapshot or entry would
 * need a hash collision. Every vertex of the consensus window must carry a valid quorum certificate
 * and exactly its batches.
 */
public final class RestartPointCheck {
    /** How the node derives the ledger's input from a committed entry; throws for an entry that does not decode. */
    public interface Execution {
        io.quantumsafe.ledger.Batch ledgerBatch(long sequence, byte[] entry) throws SyncException;
    }

    /** A checked restart point, ready to install. */
    public record Verified(Ledger ledger, CheckpointCertificate certificate, List<CheckpointCertificate> certificates, RestartPoint point,
                           List<Vertex> vertices) {
        public long sequence() { return point.consensus().sequence(); }
    }

    /** A window vertex with the round and digest its store key needs. */
    public record Vertex(long round, Digest digest, byte[] bytes) {}

    private final Committee committee;
    private final CheckpointSigning signing;
    private final CertificateScheme scheme;
    private final CodecLimits limits;
    private final LedgerConfig ledgerConfig;
    private final SignatureCheck signatures;
    private final Execution execution;

    public RestartPointCheck(Committee committee, CheckpointSigning signing, CertificateScheme scheme, CodecLimits limits, LedgerConfig ledgerConfig,
                             SignatureCheck signatures, Execution execution) {
        this.committee = committee;
        this.signing = signing;
        this.scheme = scheme;
        this.limits = limits;
        this.ledgerConfig = ledgerConfig;
        this.signatures = signatures;
        this.execution = execution;
    }

    public Verified check(RestartPoint point) throws SyncException {
        if (point.networkId() != ledgerConfig.networkId()) {
            throw new SyncException(Reason.WRONG_NETWORK, "restart point of network " + point.networkId() + ", this is " + ledgerConfig.networkId());
        }
        RestartPoint.Consensus consensus = point.consensus();
        long end = consensus.sequence();
        Map<Long, CheckpointCertificate> certified = new HashMap<>();
        List<CheckpointCertificate> certificates = new ArrayList<>();
        for (byte[] bytes : point.certificates()) {
            CheckpointCertificate c = certificate(bytes);
            certified.put(c.checkpoint().sequence(), c);
            certificates.add(c);
        }
        CheckpointCertificate anchor = certified.get(end);
        if (anchor == null) throw new SyncException(Reason.BAD_CERTIFICATE, "no checkpoint certificate for the restart position " + end);
        if (point.snapshotSequence() > end) throw new SyncException(Reason.MALFORMED, "snapshot " + point.snapshotSequence() + " is after the position " + end);

        Ledger ledger = restore(point);
        CheckpointCertificate atSnapshot = certified.get(point.snapshotSequence());
        if (atSnapshot != null) requireRoot(ledger, atSnapshot, "the ledger snapshot");
        long expected = point.snapshotSequence() + 1;
        for (RestartPoint.Entry entry : point.entries()) {
            if (entry.sequence() != expected) throw new SyncException(Reason.MALFORMED, "entry " + entry.sequence() + " where " + expected + " was due");
            ledger.apply(execution.ledgerBatch(entry.sequence(), entry.batches()));
            CheckpointCertificate c = certified.get(entry.sequence());
            if (c != null) requireRoot(ledger, c, "entry " + entry.sequence());
            expected++;
        }
        if (expected != end + 1) throw new SyncException(Reason.MALFORMED, "entries end at " + (expected - 1) + ", the position is " + end);
        requireRoot(ledger, anchor, "the restart position");
        return new Verified(ledger, anchor, certificates, point, checkConsensus(consensus));
    }

    private CheckpointCertificate certificate(byte[] bytes) throws SyncException {
        return certificate(bytes, committee, signing, ledgerConfig.networkId());
    }

    /** Decodes a checkpoint certificate and checks that it is this network's and carries 2f+1 valid committee signatures. */
    public static CheckpointCertificate certificate(byte[] bytes, Committee committee, CheckpointSigning signing, int networkId) throws SyncException {
        CheckpointCertificate c;
        try {
            c = CheckpointCertificate.decode(bytes, committee.size());
        } catch (MalformedCheckpointException | IllegalArgumentException e) {
            throw new SyncException(Reason.BAD_CERTIFICATE, "certificate does not decode: " + e.getMessage());
        }
        if (c.checkpoint().networkId() != networkId) {
            throw new SyncException(Reason.WRONG_NETWORK, "certificate of network " + c.checkpoint().networkId());
        }
        if (!signing.verify(c)) {
            throw new SyncException(Reason.BAD_CERTIFICATE, "certificate for sub-DAG " + c.checkpoint().sequence()
                    + " lacks 2f+1 (" + committee.quorum() + ") valid committee signatures");
        }
        return c;
    }

    private Ledger restore(RestartPoint point) throws SyncException {
        if (point.ledgerSnapshot().length == 0) {
            if (point.snapshotSequence() != 0) throw new SyncException(Reason.MALFORMED, "no snapshot bytes for sub-DAG " + point.snapshotSequence());
            return new Ledger(ledgerConfig, signatures);
        }
        return restore(point.ledgerSnapshot(), point.snapshotSequence(), ledgerConfig, signatures);
    }

    /** Restores a ledger snapshot (every root recomputed, the stream's checksum checked) that must be at sub-DAG {@code sequence}. */
    public static Ledger restore(byte[] snapshot, long sequence, LedgerConfig ledgerConfig, SignatureCheck signatures) throws SyncException {
        Ledger ledger;
        try {
            ledger = LedgerSnapshot.read(new ByteArrayInputStream(snapshot), ledgerConfig, signatures);
        } catch (SnapshotException e) {
            throw new SyncException(Reason.ROOT_MISMATCH, "ledger snapshot refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new SyncException(Reason.MALFORMED, "ledger snapshot does not read: " + e);
        }
        if (ledger.sequence() != sequence) {
            throw new SyncException(Reason.MALFORMED, "ledger snapshot is at sub-DAG " + ledger.sequence() + ", announced " + sequence);
        }
        return ledger;
    }

    /** The restored ledger's state root must be the one 2f+1 validators certified. */
    public static void requireRoot(Ledger ledger, CheckpointCertificate c, String what) throws SyncException {
        if (!MessageDigest.isEqual(ledger.stateRoot(), c.checkpoint().stateRoot().toBytes())) {
            throw new SyncException(Reason.ROOT_MISMATCH, "the state root after " + what + " (sub-DAG " + ledger.sequence()
                    + ") is not the root certified by 2f+1 validators");
        }
    }

    /** The consensus part alone: every vertex certified and complete, the output set recomputed from the last leader. */
    public List<Vertex> checkConsensus(RestartPoint.Consensus c) throws SyncException {
        if (c.leaderRound() > 0 && c.leaderRound() <= c.gcRound()) {
            throw new SyncException(Reason.BAD_CONSENSUS_STATE, "leader round " + c.leaderRound() + " is at or below the GC round " + c.gcRound());
        }
        List<Vertex> out = new ArrayList<>(c.vertices().size());
        Set<Digest> digests = new HashSet<>();
        for (byte[] bytes : c.vertices()) {
            Message message;
            try {
                message = MessageCodec.decode(bytes, limits);
            } catch (MalformedMessageException e) {
                throw new SyncException(Reason.BAD_CONSENSUS_STATE, "vertex does not decode: " + e.getMessage());
            }
            if (!(message instanceof Message.SyncResponse r) || r.certificates().size() != 1) {
                throw new SyncException(Reason.BAD_CONSENSUS_STATE, "a vertex is one certificate with its batches");
            }
            Certificate cert = r.certificates().getFirst();
            if (cert.round() <= c.gcRound()) throw new SyncException(Reason.BAD_CONSENSUS_STATE, "vertex of round " + cert.round() + " is below the GC round");
            if (!committee.contains(cert.author()) || cert.signatures().signerCount() < committee.quorum() || !scheme.verify(cert.digest(), cert.signatures())) {
                throw new SyncException(Reason.BAD_CONSENSUS_STATE, cert + " does not carry a valid quorum");
            }
            Set<Digest> held = new HashSet<>();
            for (Batch b : r.batches()) held.add(b.digest());
            if (!held.equals(new HashSet<>(cert.header().batchDigests()))) {
                throw new SyncException(Reason.BAD_CONSENSUS_STATE, cert + " comes without exactly its batches");
            }
            digests.add(cert.digest());
            out.add(new Vertex(cert.round(), cert.digest(), bytes));
        }
        requireCommittedIsTheLeadersHistory(c, out);
        return out;
    }

    /**
     * The output vertices in the window are exactly the causal history of the last committed leader
     * within it: every earlier committed leader is in that history (Bullshark), and each leader outputs
     * its history above its own GC floor, which is at or below this window's. So the peer's claim is
     * recomputed here rather than trusted.
     */
    private void requireCommittedIsTheLeadersHistory(RestartPoint.Consensus c, List<Vertex> window) throws SyncException {
        Set<Digest> claimed = new HashSet<>();
        for (RestartPoint.Committed k : c.committed()) claimed.add(Digest.of(k.digest()));
        java.util.Map<Digest, Certificate> byDigest = new java.util.HashMap<>();
        for (Vertex v : window) byDigest.put(v.digest(), decodeKnown(v.bytes()).certificates().getFirst());
        Set<Digest> history = new HashSet<>();
        if (c.leaderRound() > 0) {
            int leader = io.quantumsafe.consensus.order.LeaderSchedule.roundRobin(committee.size()).leader(c.leaderRound());
            Certificate leaderVertex = null;
            for (Certificate cert : byDigest.values()) {
                if (cert.round() == c.leaderRound() && cert.author() == leader && claimed.contains(cert.digest())) leaderVertex = cert;
            }
            if (leaderVertex == null) throw new SyncException(Reason.BAD_CONSENSUS_STATE, "the committed leader of round " + c.leaderRound() + " is not in the window");
            java.util.ArrayDeque<Certificate> todo = new java.util.ArrayDeque<>(List.of(leaderVertex));
            history.add(leaderVertex.digest());
            while (!todo.isEmpty()) {
                for (Digest parent : todo.poll().header().parents()) {
                    Certificate p = byDigest.get(parent);
                    if (p != null && history.add(parent)) todo.add(p);
                }
            }
        }
        claimed.retainAll(byDigest.keySet()); // records of collected vertices are ignored, as Replica.restore does
        if (!claimed.equals(history)) {
            throw new SyncException(Reason.BAD_CONSENSUS_STATE, "the output vertices (" + claimed.size() + ") are not the committed leader's history in the window ("
                    + history.size() + ")");
        }
    }

    private Message.SyncResponse decodeKnown(byte[] bytes) {
        try {
            return (Message.SyncResponse) MessageCodec.decode(bytes, limits);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("decoded before", e);
        }
    }
}
