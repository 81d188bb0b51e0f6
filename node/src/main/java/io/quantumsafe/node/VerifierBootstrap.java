package io.quantumsafe.node;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.sync.RestartPointCheck;
import io.quantumsafe.node.sync.RestartPointCodec;
import io.quantumsafe.node.sync.SyncException;
import io.quantumsafe.node.verifier.VerifierLink;
import io.quantumsafe.node.verifier.VerifierWire;
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
     * @throws IllegalStateException with what was missing when no validator offers an acceptable snapshot
     */
    static Start fetch(List<VerifierLink> links, CheckpointSigning signing, Committee committee, int networkId,
                       LedgerConfig ledgerConfig, SignatureCheck signatures) {
        int faultTolerance = committee.faultTolerance();
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
                    return download(offering.get(i), offers.get(i), signing, committee, networkId, ledgerConfig, signatures);
                } catch (IOException | SyncException | RuntimeException e) {
                    problems.add(offering.get(i).validator() + "'s snapshot " + sequence + ": " + e.getMessage());
                    log.warn("snapshot {} from {} refused: {}", sequence, offering.get(i).validator(), e.toString());
                }
            }
        }
        throw new IllegalStateException("no validator offers a usable final snapshot: " + (problems.isEmpty() ? "none offered one" : problems));
    }

    /** The same checks as a validator's state sync ({@link RestartPointCheck}): certificate, restored root. */
    private static Start download(VerifierLink link, VerifierWire.SnapshotChunk header, CheckpointSigning signing, Committee committee,
                                  int networkId, LedgerConfig ledgerConfig, SignatureCheck signatures) throws IOException, SyncException {
        long sequence = header.sequence(), total = header.total();
        if (total > snapshotBytesMax) throw new IOException("snapshot of " + total + " bytes exceeds " + snapshotBytesMax);
        CheckpointCertificate certificate = RestartPointCheck.certificate(header.certificate(), committee, signing, networkId);
        if (certificate.checkpoint().sequence() != sequence) {
            throw new IOException("the certificate is for " + certificate.checkpoint() + ", not sub-DAG " + sequence);
        }
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
        Ledger ledger = RestartPointCheck.restore(snapshot, sequence, ledgerConfig, signatures);
        RestartPointCheck.requireRoot(ledger, certificate, "the snapshot");
        return new Start(ledger, certificate, link.validator(), snapshot);
    }
}
