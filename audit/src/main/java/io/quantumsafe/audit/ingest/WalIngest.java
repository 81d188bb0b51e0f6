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
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingestion path: an accepted batch is appended to the write-ahead log and fsynced (shared
 * with concurrent batches) before {@link #submit} returns, then a single processor thread runs it
 * through the pipeline. The store is committed every {@code commitInterval}, and only then is the
 * log checkpointed, so a crash at any point replays exactly what the store lacks.
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

    private final WriteAheadLog wal;
    private final Pipeline pipeline;
    private final Limits limits;
    private final Semaphore permits;
    private final ArrayBlockingQueue<Pending> queue;
    private final Thread processor;
    private final LongAdder processed = new LongAdder();
    private volatile boolean closing;
    private volatile long committedSeq;
    private volatile String failure;

    private WalIngest(WriteAheadLog wal, Pipeline pipeline, Limits limits) {
        this.wal = wal;
        this.pipeline = pipeline;
        this.limits = limits;
        this.permits = new Semaphore(limits.pendingEventsMax());
        this.queue = new ArrayBlockingQueue<>(limits.pendingEventsMax());
        this.committedSeq = wal.checkpointSeq();
        this.processor = Thread.ofPlatform().name("qsafe-audit-processor").daemon(true).unstarted(this::run);
    }

    /** Replays what the log holds beyond its checkpoint, commits it, then starts accepting. */
    public static WalIngest start(WriteAheadLog wal, Pipeline pipeline, Limits limits) throws IOException {
        WalIngest ingest = new WalIngest(wal, pipeline, limits);
        ingest.replay();
        ingest.processor.start();
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
        if (events.isEmpty()) return new Accepted(wal.lastSeq() + 1, 0);
        if (closing) return new Busy("shutting down");
        if (failure != null) return new Busy(failure);
        if (!permits.tryAcquire(events.size())) {
            return new Busy("pipeline behind: " + limits.pendingEventsMax() + " events waiting");
        }
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (AuditEvent event : events) payloads.add(EventCodec.encode(event));
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

    private void run() {
        List<Pending> drained = new ArrayList<>();
        List<Envelope> batch = new ArrayList<>(limits.processBatchMax());
        long lastCommitNanos = System.nanoTime();
        long processedSeq = committedSeq;
        // Short enough to notice close() and a due commit promptly; long enough not to spin.
        long waitMillis = Math.clamp(limits.commitInterval().toMillis() / 4, 1, 100);
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
                    processedSeq = process(drained, batch); // on failure, drained is kept and retried
                    drained.clear();
                }
                boolean due = System.nanoTime() - lastCommitNanos >= limits.commitInterval().toNanos();
                if (processedSeq > committedSeq && (due || (closing && queue.isEmpty()))) {
                    commit(processedSeq);
                    lastCommitNanos = System.nanoTime();
                }
                if (closing && queue.isEmpty() && processedSeq == committedSeq) return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // The events are in the log: keep them queued-by-permit and retry rather than lose them.
                failure = "store unavailable: " + e.getMessage();
                log.error("pipeline failed; retrying in 1 s (events are safe in the write-ahead log)", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private long process(List<Pending> drained, List<Envelope> batch) throws IOException {
        batch.clear();
        long last = 0;
        for (Pending pending : drained) {
            for (int i = 0; i < pending.events().size(); i++) {
                long seq = pending.firstSeq() + i;
                batch.add(new Envelope(Envelope.walId(seq), seq, pending.events().get(i), pending.payloads().get(i),
                        pending.receivedNanos()));
                last = seq;
            }
        }
        wal.sync(last); // processed implies durable, even if the submitter has not synced yet
        pipeline.process(batch);
        failure = null;
        permits.release(batch.size());
        processed.add(batch.size());
        return last;
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
     * Stops like a killed process would: no drain, no commit, no final fsync beyond what
     * acknowledged requests already had (crash tests use it).
     */
    public void abandon() throws IOException {
        closing = true;
        processor.interrupt();
        try {
            processor.join(Duration.ofSeconds(10));
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
            processor.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processor.interrupt();
        wal.close();
    }
}
