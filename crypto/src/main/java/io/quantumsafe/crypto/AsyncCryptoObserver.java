package io.quantumsafe.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands events to a slow observer (one that writes to a network or disk) on its own thread, so the
 * crypto operation never waits: the queue is bounded, a full queue drops the event and counts it.
 * {@link #close()} delivers what is queued, within a time bound, then stops.
 */
public final class AsyncCryptoObserver implements CryptoObserver, AutoCloseable {
    /** Room for about a second of events at the engine's signing rate on one core. */
    public static final int queueCapacityDefault = 8192;
    /** Events handed to the delegate per wake-up, so that a batching delegate sees batches. */
    static final int drainBatchMax = 256;

    private final CryptoObserver delegate;
    private final ArrayBlockingQueue<CryptoEvent> queue;
    private final Thread worker;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder delegateFailures = new LongAdder();
    private volatile boolean closing;

    public AsyncCryptoObserver(CryptoObserver delegate) {
        this(delegate, queueCapacityDefault);
    }

    public AsyncCryptoObserver(CryptoObserver delegate, int queueCapacity) {
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
        this.delegate = delegate;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.worker = Thread.ofPlatform().name("qsafe-crypto-observer").daemon(true).start(this::run);
    }

    @Override
    public void onOperation(CryptoEvent event) {
        if (closing || !queue.offer(event)) dropped.increment();
    }

    /** Events not delivered because the queue was full or the observer was closing. */
    public long dropped() { return dropped.sum(); }

    public long delivered() { return delivered.sum(); }

    /** Events whose delivery threw in the delegate. */
    public long delegateFailures() { return delegateFailures.sum(); }

    public int queued() { return queue.size(); }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Stops accepting events, delivers the queued ones for at most {@code drainTimeout}, and stops. */
    public void close(Duration drainTimeout) {
        closing = true;
        try {
            worker.join(drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
        }
        dropped.add(queue.size());
        queue.clear();
    }

    private void run() {
        List<CryptoEvent> batch = new ArrayList<>(drainBatchMax);
        while (true) {
            try {
                CryptoEvent first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, drainBatchMax - 1);
                for (CryptoEvent event : batch) deliver(event);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(CryptoEvent event) {
        try {
            delegate.onOperation(event);
            delivered.increment();
        } catch (RuntimeException e) {
            delegateFailures.increment();
        }
    }
}
