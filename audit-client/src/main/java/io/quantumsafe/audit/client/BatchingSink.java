package io.quantumsafe.audit.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded queue in front of a transport: producers offer without waiting, one thread drains
 * batches of up to {@code batchMax} (waiting at most {@code lingerMillis} to fill one) and hands
 * them to {@link #send}, which reports how many were delivered; the rest count as dropped.
 */
abstract class BatchingSink implements AuditSink {
    private final ArrayBlockingQueue<ObjectNode> queue;
    private final int batchMax;
    private final long lingerMillis;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Thread worker;
    private volatile boolean closing;

    BatchingSink(String name, int queueCapacity, int batchMax, long lingerMillis) {
        if (queueCapacity < 1 || batchMax < 1) throw new IllegalArgumentException("queue capacity and batch size must be positive");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchMax = batchMax;
        this.lingerMillis = lingerMillis;
        this.worker = Thread.ofPlatform().daemon(true).name("qsafe-audit-client-" + name).start(this::run);
    }

    /** Sends one batch; returns how many of its events the service accepted. Must not throw. */
    abstract int send(List<ObjectNode> batch);

    /** Releases the transport after the last batch. */
    void closeTransport() {}

    @Override
    public final boolean offer(ObjectNode event) {
        if (closing || event == null || !queue.offer(event)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    @Override
    public final long delivered() { return delivered.sum(); }

    @Override
    public final long dropped() { return dropped.sum(); }

    public final int queued() { return queue.size(); }

    private void run() {
        List<ObjectNode> batch = new ArrayList<>(batchMax);
        while (true) {
            try {
                ObjectNode first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) return;
                    continue;
                }
                batch.add(first);
                long lingerUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                while (batch.size() < batchMax) {
                    if (queue.drainTo(batch, batchMax - batch.size()) > 0) continue;
                    long left = lingerUntil - System.nanoTime();
                    if (left <= 0 || closing) break;
                    ObjectNode next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    batch.add(next);
                }
                int sent;
                try {
                    sent = send(batch);
                } catch (RuntimeException e) {
                    sent = 0;
                }
                delivered.add(sent);
                dropped.add(batch.size() - sent);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration drainTimeout) {
        closing = true;
        try {
            worker.join(drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        dropped.add(queue.size());
        queue.clear();
        closeTransport();
    }
}
