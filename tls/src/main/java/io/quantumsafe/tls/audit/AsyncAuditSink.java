package io.quantumsafe.tls.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The queue in front of every sink: bounded, drained in batches by one thread, so writers never
 * wait; a full queue drops and counts. Subclasses write a batch and report how many were delivered.
 */
abstract class AsyncAuditSink implements AuditSink {
    /** About ten seconds of a busy sidecar's events (1,000 connections per second). */
    static final int queueCapacityDefault = 10_000;
    static final int batchMax = 500;

    private final ArrayBlockingQueue<ObjectNode> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final Thread worker;
    private volatile boolean closing;

    AsyncAuditSink(String name, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().daemon(true).name("qsafe-audit-" + name).start(this::run);
    }

    /** Writes the batch; returns how many of its events were delivered (the rest count as dropped). */
    abstract int write(List<ObjectNode> batch);

    @Override
    public final boolean offer(ObjectNode event) {
        if (closing || !queue.offer(event)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    @Override
    public final long dropped() { return dropped.sum(); }

    @Override
    public final long delivered() { return delivered.sum(); }

    @Override
    public void close() {
        closing = true;
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        dropped.add(queue.size());
        queue.clear();
    }

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
                queue.drainTo(batch, batchMax - 1);
                int written;
                try {
                    written = write(batch);
                } catch (RuntimeException e) {
                    written = 0;
                }
                delivered.add(written);
                dropped.add(batch.size() - written);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
