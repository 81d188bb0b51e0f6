package io.quantumsafe.node;

import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import io.quantumsafe.node.finality.Attestation;
import io.quantumsafe.node.finality.FinalityCodec;
import io.quantumsafe.node.finality.FraudProof;
import io.quantumsafe.node.verifier.VerifierWire;
import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where verifiers connect: PQ mutual TLS (X25519MLKEM768, ML-DSA certificates from the network CA,
 * only verifier names admitted), one request and one answer at a time per connection. Verifiers
 * read committed entries with their certificates and hand in attestations and fraud proofs, which go
 * to the consensus thread's finality; a malformed one is answered with ERROR and reported.
 */
final class VerifierPort implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VerifierPort.class);
    static final int connectionsMax = 32;
    static final Duration handshakeTimeout = Duration.ofSeconds(10);
    /** A verifier that says nothing for this long is disconnected; it reconnects when it needs to. */
    static final Duration idleTimeout = Duration.ofMinutes(5);

    private final ServerSocket listener;
    private final PqTlsContext context;
    private final Node node;
    private final NodeEvents events;
    private final Semaphore connections = new Semaphore(connectionsMax);
    private volatile boolean open = true;
    private final java.util.Set<Socket> active = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Test fault {@code alter-served-batches}: a faulty validator lying to verifiers about what was committed. */
    private final boolean alterServedBatches;

    VerifierPort(InetSocketAddress listen, PqTlsContext context, Node node, NodeEvents events, boolean alterServedBatches) throws IOException {
        this.alterServedBatches = alterServedBatches;
        this.context = context;
        this.node = node;
        this.events = events;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen, 64);
        Thread.ofVirtual().name("verifier-accept").start(this::acceptLoop);
    }

    int port() { return listener.getLocalPort(); }

    /** A part of the newest ledger snapshot at or below the last final checkpoint (or of the one named), with its certificate. */
    private void snapshot(VerifierWire.Frame request, DataOutputStream out) throws IOException {
        if (request.body().length != 20) {
            error(out, "SNAPSHOT takes u64 sequence, u64 offset, u32 max bytes");
            return;
        }
        java.nio.ByteBuffer body = request.buffer();
        long wanted = body.getLong(), offset = body.getLong();
        int max = body.getInt();
        io.quantumsafe.node.sync.SnapshotFiles files = node.snapshotFiles();
        long lastFinal = node.finality().lastFinalSequence();
        if (files == null || max < 0 || offset < 0) {
            error(out, files == null ? "this validator keeps no ledger snapshots" : "negative offset or size");
            return;
        }
        Checkpoints.Certificate certificate = wanted != 0 ? node.checkpoint(wanted)
                : files.sequences().stream().filter(s -> s <= lastFinal).map(node::checkpoint).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        long sequence = wanted != 0 ? wanted : certificate == null ? 0 : certificate.sequence();
        long total = sequence == 0 ? -1 : files.size(sequence);
        if (sequence == 0 || sequence > lastFinal || certificate == null || total < 0) {
            error(out, "no certified snapshot " + (wanted == 0 ? "" : wanted + " ") + "at or below the last final checkpoint " + lastFinal + " is kept here");
            return;
        }
        if (offset > total) {
            error(out, "offset " + offset + " is past the snapshot's " + total + " bytes");
            return;
        }
        byte[] bytes = files.readRange(sequence, offset, Math.min(max, VerifierWire.snapshotChunkMax));
        if (bytes == null) {
            error(out, "snapshot " + sequence + " was pruned meanwhile");
            return;
        }
        byte[] encoded = node.checkpointCertificate(certificate).encode(node.committeeSize());
        VerifierWire.write(out, VerifierWire.SNAPSHOT_OK, VerifierWire.snapshotOk(new VerifierWire.SnapshotChunk(sequence, total, lastFinal, encoded, bytes)));
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket plain = listener.accept();
                if (!connections.tryAcquire()) {
                    events.peerRefused(String.valueOf(plain.getRemoteSocketAddress()), connectionsMax + " verifier connections already open");
                    plain.close();
                    continue;
                }
                Thread.ofVirtual().name("verifier-conn").start(() -> {
                    try {
                        serve(plain);
                    } finally {
                        connections.release();
                    }
                });
            } catch (IOException e) {
                if (open) log.warn("verifier port accept failed: {}", e.toString());
            }
        }
    }

    private void serve(Socket plain) {
        String remote = String.valueOf(plain.getRemoteSocketAddress());
        active.add(plain);
        try (plain; SSLSocket socket = context.wrapAccepted(plain)) {
            if (!open) return; // closed meanwhile: close() may have walked the active set already
            HandshakeInfo info = context.handshake(socket, handshakeTimeout);
            String verifier = info.peerNames().isEmpty() ? info.peerSubject() : info.peerNames().getFirst();
            socket.setSoTimeout((int) idleTimeout.toMillis());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            for (VerifierWire.Frame request; (request = VerifierWire.read(in)) != null; ) {
                answer(verifier, request, out);
            }
        } catch (IOException | RuntimeException e) {
            if (open) events.peerRefused(remote, "verifier link: " + e.getMessage());
        } finally {
            active.remove(plain);
        }
    }

    private void answer(String verifier, VerifierWire.Frame request, DataOutputStream out) throws IOException {
        switch (request.type()) {
            case VerifierWire.ENTRY -> {
                if (request.body().length != 8) {
                    error(out, "ENTRY takes a u64 sequence");
                    return;
                }
                long sequence = request.buffer().getLong();
                long committed = node.committedSequence();
                Checkpoints.Certificate latest = node.latestCheckpoint();
                long certified = latest == null ? 0 : latest.sequence();
                io.quantumsafe.ledger.Batch batch = sequence < 1 ? null : node.committedBatch(sequence);
                if (batch != null && alterServedBatches && !batch.requests().isEmpty()) {
                    batch = new io.quantumsafe.ledger.Batch(batch.sequence(), batch.timestamp(), batch.requests().subList(0, batch.requests().size() - 1));
                }
                if (batch == null) {
                    VerifierWire.write(out, VerifierWire.NOT_YET, VerifierWire.notYet(committed, certified));
                    return;
                }
                Checkpoints.Certificate c = node.checkpoint(sequence);
                byte[] certificate = c == null ? null : node.checkpointCertificate(c).encode(node.committeeSize());
                VerifierWire.write(out, VerifierWire.ENTRY_OK, VerifierWire.entryOk(committed, certified, FinalityCodec.encode(batch), certificate));
            }
            case VerifierWire.ATTESTATION -> {
                Attestation attestation;
                try {
                    attestation = FinalityCodec.decodeAttestation(request.body());
                } catch (MalformedCheckpointException e) {
                    events.signatureFailure(-1, "malformed attestation from " + verifier + ": " + e.getMessage());
                    error(out, "malformed attestation: " + e.getMessage());
                    return;
                }
                acknowledge(out, node.offerFinalityInput(new Node.Input.VerifierAttestation(verifier, attestation)));
            }
            case VerifierWire.FRAUD_PROOF -> {
                FraudProof proof;
                try {
                    proof = FinalityCodec.decodeFraudProof(request.body(), node.committeeSize());
                } catch (MalformedCheckpointException e) {
                    events.signatureFailure(-1, "malformed fraud proof from " + verifier + ": " + e.getMessage());
                    error(out, "malformed fraud proof: " + e.getMessage());
                    return;
                }
                acknowledge(out, node.offerFinalityInput(new Node.Input.VerifierFraudProof(verifier, proof)));
            }
            case VerifierWire.SNAPSHOT -> snapshot(request, out);
            default -> error(out, "unknown request type " + request.type());
        }
    }

    private static void acknowledge(DataOutputStream out, boolean queued) throws IOException {
        if (queued) VerifierWire.write(out, VerifierWire.ACK, new byte[0]);
        else error(out, VerifierWire.BUSY + ": retry");
    }

    private static void error(DataOutputStream out, String message) throws IOException {
        VerifierWire.write(out, VerifierWire.ERROR, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    /** Stops accepting, closes every verifier connection and waits (up to 5 s) for their threads to end. */
    public void close() {
        open = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the verifier port: {}", e.toString());
        }
        for (Socket s : active) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing a verifier connection: {}", e.toString());
            }
        }
        try {
            if (connections.tryAcquire(connectionsMax, 5, java.util.concurrent.TimeUnit.SECONDS)) connections.release(connectionsMax);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
