package io.quantumsafe.node.verifier;

import io.quantumsafe.ledger.Batch;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import io.quantumsafe.node.finality.FinalityCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The verifier's I/O shell: follows one validator's committed sequence over its API (each entry's
 * ledger batch, then its checkpoint certificate), feeds both to the pure {@link VerifierCore} and
 * hands every answer to {@code out}. The batches are trusted for nothing: a validator that serves
 * other batches than it executed makes the verifier's root differ from the certified one, and the
 * fraud proof it provokes is refused by honest validators (their batches differ), exposing it.
 * Loopback HTTP today; over the network it belongs behind the PQ TLS sidecar.
 */
public final class VerifierFollower {
    /** How long one request may take, and the pause before asking again for what is not committed yet. */
    static final Duration requestTimeout = Duration.ofSeconds(10);
    static final Duration pollInterval = Duration.ofMillis(100);

    private final URI validator;
    private final VerifierCore core;
    private final int committeeSize;
    private final Consumer<VerifierCore.Output> out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    private long next = 1;

    public VerifierFollower(URI validator, VerifierCore core, int committeeSize, Consumer<VerifierCore.Output> out) {
        this.validator = validator;
        this.core = core;
        this.committeeSize = committeeSize;
        this.out = out;
    }

    /** The next committed entry to verify. */
    public long next() { return next; }

    /** Verifies committed entries until {@code lastSequence} (inclusive) or the deadline; returns the next one to verify. */
    public long followUntil(long lastSequence, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (next <= lastSequence && System.nanoTime() < end) {
            byte[] batchBytes = fetch("/v1/batches/" + next);
            if (batchBytes == null) {
                Thread.sleep(pollInterval); // not committed yet: poll, bounded by the deadline
                continue;
            }
            byte[] certificateBytes = fetch("/v1/certificates/" + next);
            if (certificateBytes == null) {
                Thread.sleep(pollInterval); // committed, checkpoint not certified yet
                continue;
            }
            Batch batch;
            CheckpointCertificate certificate;
            try {
                batch = FinalityCodec.decodeBatch(batchBytes);
                certificate = CheckpointCertificate.decode(certificateBytes, committeeSize);
            } catch (MalformedCheckpointException e) {
                throw new IOException("validator " + validator + " served a malformed entry " + next + ": " + e.getMessage(), e);
            }
            if (batch.sequence() != next) throw new IOException("validator " + validator + " served batch " + batch.sequence() + " for " + next);
            core.batch(batch);
            out.accept(core.checkpoint(certificate));
            next++;
        }
        return next;
    }

    private byte[] fetch(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(validator.resolve(path)).timeout(requestTimeout).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) return null;
        if (response.statusCode() != 200) throw new IOException("validator " + validator + " answered " + response.statusCode() + " for " + path);
        return response.body();
    }
}
