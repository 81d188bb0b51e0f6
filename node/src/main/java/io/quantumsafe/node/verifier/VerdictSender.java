package io.quantumsafe.node.verifier;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a verifier's attestations and fraud proofs to one validator, in order, on a connection of
 * its own and a thread of its own. Each validator gets one, so a validator that is slow, paused or
 * faulty (up to f may be) delays only its own verdicts, never another validator's or the verifier's
 * re-execution. A verdict the validator could not take (unreachable, or busy) is retried until it is
 * delivered; at most {@link #queuedMax} wait, and when more come the oldest is dropped: an
 * attestation that old concerns a checkpoint the validator has long finalised by its window.
 */
public final class VerdictSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VerdictSender.class);
    public static final int queuedMax = 1024;
    static final Duration retryPause = Duration.ofMillis(200);

    private record Verdict(byte type, byte[] body) {}

    private final VerifierLink link;
    private final BlockingQueue<Verdict> queue = new ArrayBlockingQueue<>(queuedMax);
    private final AtomicLong delivered = new AtomicLong(), dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public VerdictSender(VerifierLink link) {
        this.link = link;
        this.thread = Thread.ofVirtual().name("verdicts-" + link.validator()).start(this::run);
    }

    public String validator() { return link.validator(); }

    /** Queues a verdict (a {@link VerifierWire} type and body); never blocks. */
    public void send(byte type, byte[] body) {
        Verdict verdict = new Verdict(type, body);
        while (!queue.offer(verdict)) {
            if (queue.poll() != null && dropped.incrementAndGet() % 100 == 1) {
                log.warn("validator {} has taken none of the last {} verdicts: dropping the oldest ({} dropped so far)",
                        link.validator(), queuedMax, dropped.get());
            }
        }
    }

    public long delivered() { return delivered.get(); }

    public long dropped() { return dropped.get(); }

    /** Verdicts waiting for this validator. */
    public int queued() { return queue.size(); }

    private void run() {
        try {
            while (running) {
                Verdict verdict = queue.take();
                deliver(verdict);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Verdict verdict) throws InterruptedException {
        boolean failing = false;
        while (running) {
            try {
                VerifierWire.Frame answer = link.call(verdict.type(), verdict.body());
                if (failing) log.info("validator {} takes verdicts again", link.validator());
                failing = false;
                if (answer.type() == VerifierWire.ACK) {
                    delivered.incrementAndGet();
                    return;
                }
                if (!answer.text().startsWith(VerifierWire.BUSY)) {
                    log.warn("validator {} refused a verdict: {}", link.validator(), answer.text());
                    return;
                }
                // Its finality queue is full: the verdict is good, only early.
            } catch (IOException e) {
                if (!failing) log.warn("validator {} unreachable for a verdict (retrying): {}", link.validator(), e.getMessage());
                failing = true;
            }
            Thread.sleep(retryPause);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        link.close();
    }
}
