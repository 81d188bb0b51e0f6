package io.quantumsafe.node;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import io.quantumsafe.node.sync.RestartPointCodec;
import io.quantumsafe.node.verifier.VerifierLink;
import io.quantumsafe.node.verifier.VerifierWire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a verifier whose next entry the validators no longer hold starts again: from a validator's
 * ledger snapshot at a checkpoint that is already final. Final means no fraud proof can change it
 * any more, so starting there gives up nothing a verifier could still have done; everything after
 * it is re-executed as usual. It is accepted only if at least f + 1 validators (so one honest at
 * least) report a last final checkpoint at or past it, its certificate carries 2f+1 committee
 * signatures, and the restored ledger (every root recomputed) has exactly the certified state root.
 */
final class VerifierBootstrap {
    private static final Logger log = LoggerFactory.getLogger(VerifierBootstrap.class);
    /** The largest snapshot taken in, the same bound as state sync's restart points. */
    static final long snapshotBytesMax = RestartPointCodec.bytesMax;

    /** The restored ledger, its certificate and the validator it came from. */
    record Start(Ledger ledger, CheckpointCertificate certificate, String validator, byte[] snapshot) {}

    private VerifierBootstrap() {}

    /**
     * @param faultTolerance f of the committee
     * @throws IllegalStateException with what was missing when no validator offers an acceptable snapshot
     */
    static Start fetch(List<VerifierLink> links, CheckpointSigning signing, int committeeSize, int faultTolerance, int networkId,
                       LedgerConfig ledgerConfig, SignatureCheck signatures) {
        List<VerifierWire.SnapshotChunk> offers = new ArrayList<>();
        List<VerifierLink> offering = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (VerifierLink link : links) {
            try {
                offers.add(VerifierWire.snapshotChunk(link.call(VerifierWire.SNAPSHOT, VerifierWire.snapshotRequest(0, 0, 0))));
                offering.add(link);
            } catch (IOException e) {
                problems.add(link.validator() + ": " + e.getMessage());
            }
        }
        // The newest offered snapshot that f + 1 validators hold final; then every validator offering it, in turn.
        List<Long> candidates = offers.stream().map(VerifierWire.SnapshotChunk::sequence).distinct().sorted((a, b) -> Long.compare(b, a)).toList();
        for (long sequence : candidates) {
            long finalAt = offers.stream().filter(o -> o.lastFinal() >= sequence).count();
            if (finalAt < faultTolerance + 1) {
                problems.add("snapshot " + sequence + " is final at only " + finalAt + " validators, " + (faultTolerance + 1) + " needed");
                continue;
            }
            for (int i = 0; i < offers.size(); i++) {
                if (offers.get(i).sequence() != sequence) continue;
                try {
                    return download(offering.get(i), offers.get(i), signing, committeeSize, networkId, ledgerConfig, signatures);
                } catch (IOException | RuntimeException e) {
                    problems.add(offering.get(i).validator() + "'s snapshot " + sequence + ": " + e.getMessage());
                    log.warn("snapshot {} from {} refused: {}", sequence, offering.get(i).validator(), e.toString());
                }
            }
        }
        throw new IllegalStateException("no validator offers a usable final snapshot: " + (problems.isEmpty() ? "none offered one" : problems));
    }

    private static Start download(VerifierLink link, VerifierWire.SnapshotChunk header, CheckpointSigning signing, int committeeSize,
                                  int networkId, LedgerConfig ledgerConfig, SignatureCheck signatures) throws IOException {
        long sequence = header.sequence(), total = header.total();
        if (total > snapshotBytesMax) throw new IOException("snapshot of " + total + " bytes exceeds " + snapshotBytesMax);
        CheckpointCertificate certificate;
        try {
            certificate = CheckpointCertificate.decode(header.certificate(), committeeSize);
        } catch (MalformedCheckpointException e) {
            throw new IOException("malformed certificate: " + e.getMessage());
        }
        if (certificate.checkpoint().sequence() != sequence || certificate.checkpoint().networkId() != networkId) {
            throw new IOException("the certificate is for " + certificate.checkpoint() + ", not sub-DAG " + sequence + " of network " + networkId);
        }
        if (!signing.verify(certificate)) throw new IOException("the certificate is not signed by a quorum of the committee");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) total);
        while (bytes.size() < total) {
            VerifierWire.SnapshotChunk chunk = VerifierWire.snapshotChunk(link.call(VerifierWire.SNAPSHOT,
                    VerifierWire.snapshotRequest(sequence, bytes.size(), VerifierWire.snapshotChunkMax)));
            if (chunk.sequence() != sequence || chunk.total() != total || chunk.bytes().length == 0) {
                throw new IOException("the snapshot changed or stopped while being read (" + bytes.size() + " of " + total + " bytes)");
            }
            bytes.write(chunk.bytes());
        }
        byte[] snapshot = bytes.toByteArray();
        Ledger ledger = LedgerSnapshot.read(new ByteArrayInputStream(snapshot), ledgerConfig, signatures);
        if (ledger.sequence() != sequence) throw new IOException("the snapshot holds sub-DAG " + ledger.sequence() + ", not " + sequence);
        if (!Digest.of(ledger.stateRoot()).equals(certificate.checkpoint().stateRoot())) {
            throw new IOException("the restored state root " + Digest.of(ledger.stateRoot()) + " is not the certified " + certificate.checkpoint().stateRoot());
        }
        return new Start(ledger, certificate, link.validator(), snapshot);
    }
}
