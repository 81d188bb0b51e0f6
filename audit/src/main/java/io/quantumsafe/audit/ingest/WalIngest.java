package io.quantumsafe.audit.ingest;

import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingestion path: an accepted batch is appended to the write-ahead log and fsynced (shared
 * with concurrent batches) before {@link #submit} returns, then it runs through the pipeline in
 * log order, one thread per {@linkplain Pipeline#step step} (the rules; the anomaly stage; the
 * alerts; the store), handing batches on through small bounded queues, so that the
 * steps of consecutive batches overlap on the cores while the rules stay on one thread. The last
 * thread commits the store every {@code commitInterval}, and only then is the log checkpointed,
 * so a crash at any point replays exactly what the store lacks.
 *
 * <p>Back-pressure: at most {@code pendingEventsMax} events are logged but not yet processed;
 * beyond that {@link #submit} answers {@link Busy} at once (HTTP 503 with Retry-After) instead of
 * queueing without bound.
 */
public final class WalIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalIngest.class);

    /**
     * @param pendingEventsMax events accepted but not yet through the pipeline (about 2 KB each in memory)
     * @param processBatchMax events per pipeline batch
     * @param commitInterval how often the store commits and the log is checkpointed
     */
    public record Limits(int pendingEventsMax, int processBatchMax, Duration commitInterval) {
        public static final Limits DEFAULT = new Limits(20_000, 1_000, Duration.ofSeconds(1));
    }

    public sealed interface Admission permits Accepted, Busy {}

    /** Durable: events got sequence numbers {@code firstSeq} .. {@code firstSeq + count - 1}. */
    public record Accepted(long firstSeq, int count) implements Admission {}

    public record Busy(String reason) implements Admission {}

    private record Pending(long firstSeq, List<AuditEvent> events, List<byte[]> payloads, long receivedNanos) {}

    /** A batch on its way between steps; {@code lastSeq} its last log record. */
    private record Batch(List<Envelope> envelopes, long lastSeq) {}

    /**
     * Batches waiting between two steps. Two keep both threads busy; a slower step blocks the one
     * before it here (the events stay counted in {@code permits}, so the HTTP side sees 503s).
     */
    static final int handoffBatchesMax = 2;
    /**
     * Batches waiting for the store, which pauses now and then (a segment flush, a commit, a merge
     * taking a core): enough that the steps before it, alerts included, run on meanwhile. Memory
     * stays bounded by {@code pendingEventsMax} events, which this queue cannot exceed. (With 64,
     * alert latency p99 was about 220 ms at 50,000 events/s; with 1,024, 15-28 ms.)
     */
    static final int storeHandoffBatchesMax = 1024;

    private final WriteAheadLog wal;
    private final Pipeline pipeline;
    private final Limits limits;
    private final Semaphore permits;
    private final ArrayBlockingQueue<Pending> queue;
    /** threads[i] runs step i; threads[0] also drains {@code queue}, the last one commits. */
    private final Thread[] threads;
    /** handoffs[i]: from step i to step i + 1. */
    private final List<ArrayBlockingQueue<Batch>> handoffs = new ArrayList<>();
    private final AtomicBoolean[] stepDone;
    /** How long a step waits for input before looking again: short enough to notice close() promptly, long enough not to spin. */
    private final long waitMillis;
    private final LongAdder processed = new LongAdder();
    private volatile boolean closing;
    private volatile long committedSeq;
    /** Why each step last failed, null once it succeeds again. */
    private final AtomicReferenceArray<String> failures;

    private WalIngest(WriteAheadLog wal, Pipeline pipeline, Limits limits) {
        this.wal = wal;
        this.pipeline = pipeline;
        this.limits = limits;
        this.waitMillis = Math.clamp(limits.commitInterval().toMillis() / 4, 1, 100);
        this.permits = new Semaphore(limits.pendingEventsMax());
        this.queue = new ArrayBlockingQueue<>(limits.pendingEventsMax());
        this.committedSeq = wal.checkpointSeq();
        int steps = pipeline.steps();
        this.threads = new Thread[steps];
        this.stepDone = new AtomicBoolean[steps];
        this.failures = new AtomicReferenceArray<>(steps);
        for (int i = 0; i < steps; i++) {
            int step = i;
            stepDone[i] = new AtomicBoolean();
            if (i < steps - 1) handoffs.add(new ArrayBlockingQueue<>(i == steps - 2 ? storeHandoffBatchesMax : handoffBatchesMax));
            Runnable loop = i == 0 ? this::runFirst : () -> runStep(step);
            threads[i] = Thread.ofPlatform().name("qsafe-audit-" + pipeline.stepName(i)).daemon(true).unstarted(loop);
        }
    }

    /** Replays what the log holds beyond its checkpoint, commits it, then starts accepting. */
    public static WalIngest start(WriteAheadLog wal, Pipeline pipeline, Limits limits) throws IOException {
        WalIngest ingest = new WalIngest(wal, pipeline, limits);
        ingest.replay();
        for (Thread thread : ingest.threads) thread.start();
        return ingest;
    }

    private void replay() throws IOException {
        List<Envelope> batch = new ArrayList<>(limits.processBatchMax());
        long[] last = {wal.checkpointSeq()};
        IOException[] error = new IOException[1];
        wal.replay(wal.checkpointSeq(), record -> {
            if (error[0] != null) return;
            AuditEvent event = EventCodec.decode(record.payload());
            batch.add(new Envelope(Envelope.walId(record.seq()), record.seq(), event, record.payload(), System.nanoTime()));
            last[0] = record.seq();
            if (batch.size() == limits.processBatchMax()) {
                try {
                    pipeline.process(batch);
                } catch (IOException e) {
                    error[0] = e;
                }
                batch.clear();
            }
        });
        if (error[0] != null) throw error[0];
        if (!batch.isEmpty()) pipeline.process(batch);
        if (last[0] > wal.checkpointSeq()) {
            log.info("replayed write-ahead log records {}..{}", wal.checkpointSeq() + 1, last[0]);
            commit(last[0]);
        }
    }

    /** Logs the events durably and queues them; {@link Busy} when the pipeline is behind or the log cannot be written. */
    public Admission submit(List<AuditEvent> events, long receivedNanos) {
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (AuditEvent event : events) payloads.add(EventCodec.encode(event));
        return submit(events, payloads, receivedNanos);
    }

    /**
     * As {@link #submit(List, long)}, with each event's JSON as received ({@code payloads.get(i)}
     * must parse to {@code events.get(i)}): logged and stored as is, not encoded again.
     */
    public Admission submit(List<AuditEvent> events, List<byte[]> payloads, long receivedNanos) {
        if (events.size() != payloads.size()) throw new IllegalArgumentException("one payload per event");
        if (events.isEmpty()) return new Accepted(wal.lastSeq() + 1, 0);
        if (closing) return new Busy("shutting down");
        for (int i = 0; i < failures.length(); i++) {
            String failure = failures.get(i);
            if (failure != null) return new Busy(failure);
        }
        if (!permits.tryAcquire(events.size())) {
            return new Busy("pipeline behind: " + limits.pendingEventsMax() + " events waiting");
        }
        long last;
        try {
            // Queued inside the log's write order, so the processor sees sequence numbers in order.
            last = wal.append(payloads, first -> queue.add(new Pending(first, events, payloads, receivedNanos)));
        } catch (UncheckedIOException e) {
            permits.release(events.size());
            log.error("write-ahead log append failed", e);
            return new Busy("write-ahead log unavailable: " + e.getMessage());
        }
        wal.sync(last);
        return new Accepted(last - events.size() + 1, events.size());
    }

    /** Step 0: drains the queue in batches, runs the first step, hands each batch on. */
    private void runFirst() {
        List<Pending> drained = new ArrayList<>();
        try {
            while (true) {
                try {
                    if (drained.isEmpty()) {
                        Pending first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
                        int events = 0;
                        for (Pending next = first; next != null; next = events < limits.processBatchMax() ? queue.poll() : null) {
                            drained.add(next);
                            events += next.events().size();
                        }
                    }
                    if (!drained.isEmpty()) {
                        Batch batch = batch(drained);
                        // On failure, drained is kept and retried; the steps after this one never saw it.
                        pipeline.step(0, batch.envelopes());
                        failures.set(0, null);
                        drained.clear();
                        handOn(0, batch);
                    }
                    if (closing && queue.isEmpty() && drained.isEmpty()) return;
                } catch (IOException | RuntimeException e) {
                    failed(0, e);
                }
            }
        } catch (InterruptedException e) {
            // abandon(): stop where we are
        } finally {
            stepDone[0].set(true);
        }
    }

    private Batch batch(List<Pending> drained) {
        int size = 0;
        for (Pending pending : drained) size += pending.events().size();
        List<Envelope> envelopes = new ArrayList<>(size);
        long last = 0;
        for (Pending pending : drained) {
            for (int i = 0; i < pending.events().size(); i++) {
                long seq = pending.firstSeq() + i;
                envelopes.add(new Envelope(Envelope.walId(seq), seq, pending.events().get(i), pending.payloads().get(i),
                        pending.receivedNanos()));
                last = seq;
            }
        }
        wal.sync(last); // processed implies durable, even if the submitter has not synced yet
        return new Batch(envelopes, last);
    }

    /** Steps after the first: each batch from the step before, in order; the last step also commits. */
    private void runStep(int step) {
        boolean last = step == threads.length - 1;
        ArrayBlockingQueue<Batch> input = handoffs.get(step - 1);
        long lastCommitNanos = System.nanoTime();
        long processedSeq = committedSeq;
        Batch current = null;
        try {
            while (true) {
                try {
                    if (current == null) current = input.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (current != null) {
                        // On failure, current is kept and retried: the steps before it do not run twice.
                        pipeline.step(step, current.envelopes());
                        failures.set(step, null);
                        if (last) {
                            permits.release(current.envelopes().size());
                            processed.add(current.envelopes().size());
                            processedSeq = current.lastSeq();
                        } else {
                            handOn(step, current);
                        }
                        current = null;
                    }
                    boolean drained = stepDone[step - 1].get() && input.isEmpty();
                    if (last) {
                        boolean due = System.nanoTime() - lastCommitNanos >= limits.commitInterval().toNanos();
                        if (processedSeq > committedSeq && (due || (closing && drained))) {
                            commit(processedSeq);
                            lastCommitNanos = System.nanoTime();
                        }
                        if (closing && drained && processedSeq == committedSeq) return;
                    } else if (closing && drained) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    failed(step, e);
                }
            }
        } catch (InterruptedException e) {
            // abandon(): stop where we are
        } finally {
            stepDone[step].set(true);
        }
    }

    private void handOn(int step, Batch batch) throws InterruptedException {
        handoffs.get(step).put(batch);
    }

    private void failed(int step, Exception e) throws InterruptedException {
        // The events are in the log: keep them queued-by-permit and retry rather than lose them.
        failures.set(step, pipeline.stepName(step) + " unavailable: " + e.getMessage());
        log.error("pipeline step '{}' failed; retrying in 1 s (events are safe in the write-ahead log)", pipeline.stepName(step), e);
        Thread.sleep(1000);
    }

    private void commit(long seq) throws IOException {
        pipeline.commit(seq);
        wal.checkpoint(seq);
        committedSeq = seq;
    }

    public long processed() { return processed.sum(); }

    public long committedSeq() { return committedSeq; }

    public int pendingEvents() { return limits.pendingEventsMax() - permits.availablePermits(); }

    /**
     * Whether {@code events} more would fit in the pending bound now, asking for at most half of it
     * (so that with requests as large as the bound one is still taken while another waits). The
     * HTTP side asks this, for as many events as a body's length allows, before it parses the body.
     */
    public boolean roomFor(int events) {
        return limits.pendingEventsMax() - pendingEvents() >= Math.min(events, limits.pendingEventsMax() / 2);
    }

    /**
     * Stops like a killed process would: no drain, no commit, no final fsync beyond what
     * acknowledged requests already had (crash tests use it).
     */
    public void abandon() throws IOException {
        closing = true;
        for (Thread thread : threads) thread.interrupt();
        try {
            for (Thread thread : threads) thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wal.abandon();
    }

    /** Stops accepting, processes and commits what is queued, then closes the log. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            // In step order: each ends once the one before it has ended and its input is empty.
            for (Thread thread : threads) thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Thread thread : threads) thread.interrupt();
        wal.close();
    }
}
