package io.quantumsafe.audit.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers alerts to one sink on its own thread: earliest-due first, rate-limited by a token
 * bucket, retried with exponential back-off, dead-lettered after the last attempt or when its
 * bounded queue is full. The outbox records each outcome before the next alert is taken.
 */
final class SinkDispatcher implements AutoCloseable {
    /** Alerts waiting for one sink; beyond this an alert goes straight to the dead letters. */
    static final int queueCapacity = 10_000;

    private record Attempt(Alert alert, int attempts, long dueNanos) {}

    private final AlertSink sink;
    private final AlertOutbox outbox;
    private final Backoff backoff;
    private final TokenBucket bucket;
    private final Clock clock;
    private final PriorityQueue<Attempt> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread worker;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private volatile boolean closing;

    SinkDispatcher(AlertSink sink, AlertOutbox outbox, Backoff backoff, int perMinute, int burst, Clock clock) {
        this.sink = sink;
        this.outbox = outbox;
        this.backoff = backoff;
        this.clock = clock;
        this.bucket = new TokenBucket(perMinute, burst, System.nanoTime() / 1_000_000);
        this.worker = Thread.ofPlatform().daemon(true).name("qsafe-alert-" + sink.name()).start(this::run);
    }

    String name() { return sink.name(); }

    void enqueue(Alert alert) {
        lock.lock();
        try {
            if (queue.size() >= queueCapacity) {
                deadLetter(alert, 0, "queue full (" + queueCapacity + " alerts waiting for this sink)");
                return;
            }
            queue.add(new Attempt(alert, 0, System.nanoTime()));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closing) {
            Attempt attempt;
            try {
                attempt = nextDue();
            } catch (InterruptedException e) {
                return;
            }
            if (attempt == null) continue;
            deliver(attempt);
        }
    }

    /** Waits for the earliest attempt to be due and a token to be free; null when closing or woken early. */
    private Attempt nextDue() throws InterruptedException {
        lock.lock();
        try {
            Attempt head = queue.peek();
            if (head == null) {
                changed.awaitNanos(Duration.ofMillis(200).toNanos());
                return null;
            }
            long wait = head.dueNanos - System.nanoTime();
            if (wait > 0) {
                changed.awaitNanos(wait);
                return null;
            }
            long tokenWaitMillis = bucket.tryTake(System.nanoTime() / 1_000_000);
            if (tokenWaitMillis > 0) {
                changed.awaitNanos(Duration.ofMillis(tokenWaitMillis).toNanos());
                return null;
            }
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    private void deliver(Attempt attempt) {
        if (outbox.isDelivered(attempt.alert().id(), sink.name())) return;
        try {
            sink.send(attempt.alert());
            outbox.delivered(attempt.alert().id(), sink.name());
            sent.increment();
        } catch (Exception e) {
            failures.increment();
            int attempts = attempt.attempts() + 1;
            if (attempts >= backoff.attemptsMax()) {
                deadLetter(attempt.alert(), attempts, e.getClass().getSimpleName() + ": " + e.getMessage());
                return;
            }
            lock.lock();
            try {
                queue.add(new Attempt(attempt.alert(), attempts, System.nanoTime() + backoff.delayAfter(attempts).toNanos()));
            } finally {
                lock.unlock();
            }
        }
    }

    private void deadLetter(Alert alert, int attempts, String reason) {
        outbox.dead(new AlertOutbox.DeadLetter(alert.id(), sink.name(), attempts, reason, clock.instant()));
        deadLettered.increment();
    }

    long sent() { return sent.sum(); }

    long failures() { return failures.sum(); }

    long deadLettered() { return deadLettered.sum(); }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops; alerts still queued stay pending in the outbox and are sent after the next start. */
    @Override
    public void close() {
        closing = true;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
