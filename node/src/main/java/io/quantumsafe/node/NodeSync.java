package io.quantumsafe.node;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.message.CodecLimits;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.store.NodeStore;
import io.quantumsafe.node.store.SyncStore;
import io.quantumsafe.node.sync.RestartPoint;
import io.quantumsafe.node.sync.RestartPointCheck;
import io.quantumsafe.node.sync.SnapshotFiles;
import io.quantumsafe.node.sync.StateSync;
import io.quantumsafe.node.sync.SyncException;
import io.quantumsafe.node.sync.SyncException.Reason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the validator meets {@code node.sync}: its restart point for peers (snapshot files plus the
 * store), the ledger input derivation for checking a peer's, loading the newest usable snapshot at
 * recovery, and installing a checked restart point before recovery.
 */
final class NodeSync {
    private static final Logger log = LoggerFactory.getLogger(NodeSync.class);
    /** How long a peer's request waits for the certificate of this node's position. */
    static final Duration certificateWait = Duration.ofSeconds(10);

    private NodeSync() {}

    /** This validator's restart point, for a peer that asks. */
    static StateSync.Source source(Node node, NodeStore store, SnapshotFiles files, int networkId) {
        return new StateSync.Source() {
            @Override
            public SyncStore.Position position() { return SyncStore.position(store); }

            @Override
            public RestartPoint prepare() throws SyncException {
                SyncStore.Position p = SyncStore.position(store);
                long snapshotSequence = 0;
                byte[] snapshot = new byte[0];
                for (long s : files.sequences()) {
                    if (s > p.sequence()) continue;
                    byte[] bytes = files.read(s);
                    if (bytes != null) {
                        snapshotSequence = s;
                        snapshot = bytes;
                        break;
                    }
                }
                List<RestartPoint.Entry> entries = new ArrayList<>();
                RestartPoint.Consensus consensus = SyncStore.readConsensus(store, snapshotSequence, entries);
                long end = consensus.sequence();
                if (end < snapshotSequence || entries.size() != end - snapshotSequence
                        || (!entries.isEmpty() && entries.getFirst().sequence() != snapshotSequence + 1)) {
                    throw new SyncException(Reason.PEER_REFUSED, "history after snapshot " + snapshotSequence + " is incomplete here; ask again");
                }
                long deadline = System.nanoTime() + certificateWait.toNanos();
                Checkpoints.Certificate anchor;
                while ((anchor = node.checkpoint(end)) == null) {
                    if (System.nanoTime() > deadline) throw new SyncException(Reason.TIMEOUT, "sub-DAG " + end + " not certified within " + certificateWait);
                    try {
                        Thread.sleep(50); // polling for the certificate the peers are forming
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SyncException(Reason.TIMEOUT, "interrupted");
                    }
                }
                List<byte[]> certificates = new ArrayList<>();
                certificates.add(node.checkpointCertificate(anchor).encode(node.committeeSize()));
                Checkpoints.Certificate atSnapshot = snapshotSequence > 0 && snapshotSequence != end ? node.checkpoint(snapshotSequence) : null;
                if (atSnapshot != null) certificates.add(node.checkpointCertificate(atSnapshot).encode(node.committeeSize()));
                return new RestartPoint(networkId, snapshotSequence, snapshot, certificates, entries, consensus);
            }
        };
    }

    /** Checks a peer's restart point the way this validator executes: same ledger input, every request signature checked. */
    static RestartPointCheck check(Committee committee, CheckpointSigning signing, CertificateScheme scheme, CodecLimits limits, LedgerConfig config,
                                   SignatureCheck signatures) {
        return new RestartPointCheck(committee, signing, scheme, limits, config, signatures,
                (sequence, entry) -> Node.ledgerBatch(sequence, decodeEntry(entry), null));
    }

    /** {@link EntryCodec#decode} for bytes from a peer: every length checked before anything is allocated. */
    static List<byte[]> decodeEntry(byte[] bytes) throws SyncException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.remaining() < 4) throw new SyncException(Reason.MALFORMED, "committed entry of " + bytes.length + " bytes");
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) throw new SyncException(Reason.MALFORMED, "committed entry claims " + count + " batches");
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 4) throw new SyncException(Reason.MALFORMED, "committed entry truncated");
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) throw new SyncException(Reason.MALFORMED, "batch of " + length + " bytes, " + in.remaining() + " left");
            byte[] b = new byte[length];
            in.get(b);
            out.add(b);
        }
        if (in.hasRemaining()) throw new SyncException(Reason.MALFORMED, "committed entry has trailing bytes");
        return out;
    }

    /**
     * Installs a checked restart point: the restored ledger as a snapshot file first (durable), then the
     * consensus window, position, entries and certificates in one synced store write. A crash in between
     * leaves the old store, whose position is below the new file, so recovery ignores the file.
     */
    static void install(NodeStore store, SnapshotFiles files, RestartPointCheck.Verified verified, int committeeSize) {
        files.write(verified.sequence(), LedgerSnapshot.toBytes(verified.ledger()));
        Map<Long, byte[]> certificates = new TreeMap<>();
        for (CheckpointCertificate c : verified.certificates()) {
            Checkpoints.Certificate stored = fromCheckpointCertificate(c);
            if (stored != null) certificates.put(stored.sequence(), Checkpoints.encode(stored));
        }
        SyncStore.install(store, verified, certificates);
    }

    /** The node's stored form (signatures by signer); null if the proof does not split into equal signatures. */
    static Checkpoints.Certificate fromCheckpointCertificate(CheckpointCertificate c) {
        int[] signers = c.signatures().signerIndices();
        byte[] proof = c.signatures().proof();
        if (signers.length == 0 || proof.length % signers.length != 0) return null;
        int each = proof.length / signers.length;
        TreeMap<Integer, byte[]> signatures = new TreeMap<>();
        for (int i = 0; i < signers.length; i++) signatures.put(signers[i], Arrays.copyOfRange(proof, i * each, (i + 1) * each));
        return new Checkpoints.Certificate(c.checkpoint().sequence(), c.checkpoint().stateRoot().toBytes(), signatures);
    }

    /**
     * Loads the newest snapshot at or below the store's commit position that reads back with its own
     * root (a damaged one is skipped with a warning); returns its sequence, or 0 if there is none.
     */
    static long loadSnapshot(SnapshotFiles files, NodeStore store, LedgerConfig config, SignatureCheck signatures, Consumer<Ledger> loaded) {
        Ledger ledger = files.newestUsable(SyncStore.position(store).sequence(), config, signatures);
        if (ledger == null) return 0;
        loaded.accept(ledger);
        log.info("ledger restored from snapshot at sub-DAG {}", ledger.sequence());
        return ledger.sequence();
    }
}
