package io.quantumsafe.node.verifier;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import io.quantumsafe.node.finality.FinalityCodec;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches committed entries for a verifier from the validators' verifier ports. One validator is
 * asked at a time (first the one whose answer last completed what was needed), but the next is asked
 * as soon as one has not answered within {@link #hedgeMillis}, and one still busy with an earlier call
 * is not asked again: a slow, paused or faulty validator (up to f may be) costs the verifier at most
 * that pause, never a call timeout per entry. A batch is taken only once f+1 validators served the
 * same bytes, so at least one honest validator vouches for it: a faulty one serving something else
 * cannot make the verifier re-execute a batch that was never committed (and then send a fraud proof
 * every honest validator refuses). Called from one thread; the calls run on virtual threads.
 */
public final class EntryFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EntryFetcher.class);
    /** A validator that has not answered within this is not waited for before asking the next. */
    static final long hedgeMillis = 500;
    /** Once every validator is asked, how long to wait for the slower ones. */
    static final long answerWaitMillis = 2_000;

    /**
     * What the validators said about one entry: its batch (from the first that has it), a certificate
     * not refused yet, the highest certified sequence any reported, how many answered, and how many of
     * those have committed the entry but no longer hold it (history truncated).
     */
    public record Fetched(Batch batch, CheckpointCertificate certificate, long certifiedAnywhere, int answered, int truncated) {}

    private record Answer(VerifierLink link, VerifierWire.Entry entry) {}

    private final List<VerifierLink> links;
    private final int committeeSize;
    /** f+1 of the committee: identical batches from this many validators include an honest one. */
    private final int confirmations;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    /** A link stays here until its call returns, answered or not. */
    private final Set<VerifierLink> busy = ConcurrentHashMap.newKeySet();
    /** Validators whose last call failed, so an outage is logged when it starts and when it ends, not at every poll. */
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private int preferred;

    public EntryFetcher(List<VerifierLink> links, int committeeSize) {
        this.links = List.copyOf(links);
        this.committeeSize = committeeSize;
        this.confirmations = (links.size() - 1) / 3 + 1;
        links.forEach(l -> unreachable.add(l.validator())); // until the first answer
    }

    /** Validators whose last call failed. */
    public Set<String> unreachable() { return Set.copyOf(unreachable); }

    /**
     * Entry {@code sequence}, with a certificate whose checkpoint digest {@code refused} does not reject;
     * its batch only if {@code needBatch} and f+1 validators served it identically.
     */
    public Fetched fetch(long sequence, Predicate<Digest> refused, boolean needBatch) throws InterruptedException {
        Collected collected = new Collected(sequence, refused, needBatch);
        CompletionService<Answer> answers = new ExecutorCompletionService<>(calls);
        int asked = 0, received = 0;
        for (int k = 0; k < links.size(); k++) {
            VerifierLink link = links.get((preferred + k) % links.size());
            if (!busy.add(link)) continue;
            answers.submit(() -> {
                try {
                    return new Answer(link, entry(link, sequence));
                } finally {
                    busy.remove(link);
                }
            });
            asked++;
            for (Future<Answer> done = answers.poll(hedgeMillis, TimeUnit.MILLISECONDS); done != null; done = answers.poll()) {
                received++;
                if (collected.take(result(done))) return collected.fetched();
            }
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(answerWaitMillis);
        while (received < asked) {
            Future<Answer> done = answers.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (done == null) break; // the rest answer into the void; they are asked again once their calls return
            received++;
            if (collected.take(result(done))) return collected.fetched();
        }
        return collected.fetched();
    }

    private final class Collected {
        final long sequence;
        final Predicate<Digest> refused;
        final boolean needBatch;
        Batch batch;
        CheckpointCertificate certificate;
        long certifiedAnywhere;
        int answered, truncated;
        /** How many validators served each distinct batch encoding, and who served the first of each. */
        final java.util.Map<Digest, Integer> servedBy = new java.util.HashMap<>();
        final java.util.Map<Digest, String> firstServer = new java.util.HashMap<>();

        Collected(long sequence, Predicate<Digest> refused, boolean needBatch) {
            this.sequence = sequence;
            this.refused = refused;
            this.needBatch = needBatch;
        }

        Fetched fetched() {
            if (servedBy.size() > 1) disagreed(sequence, firstServer.values());
            return new Fetched(needBatch ? batch : null, certificate, certifiedAnywhere, answered, truncated);
        }

        /** Adds one validator's answer; true once it has what was asked: a certificate, and a confirmed batch if needed. */
        boolean take(Answer answer) {
            VerifierWire.Entry entry = answer.entry();
            if (entry == null) return false;
            answered++;
            certifiedAnywhere = Math.max(certifiedAnywhere, entry.certified());
            if (!entry.present()) {
                if (entry.committed() >= sequence) truncated++;
                return false;
            }
            try {
                if (needBatch && batch == null) {
                    Digest served = Digest.sha256(entry.batch());
                    firstServer.putIfAbsent(served, answer.link().validator());
                    if (servedBy.merge(served, 1, Integer::sum) >= confirmations) {
                        batch = FinalityCodec.decodeBatch(entry.batch());
                        preferred = links.indexOf(answer.link()); // it told the truth this time: ask it first next time
                    }
                }
                if (certificate == null && entry.certificate() != null) {
                    CheckpointCertificate c = CheckpointCertificate.decode(entry.certificate(), committeeSize);
                    if (!refused.test(c.checkpoint().digest())) {
                        certificate = c;
                        if (!needBatch) preferred = links.indexOf(answer.link());
                    }
                }
            } catch (MalformedCheckpointException e) {
                log.warn("validator {} served a malformed entry {}: {}", answer.link().validator(), sequence, e.getMessage());
            }
            return certificate != null && (!needBatch || batch != null);
        }
    }

    private long disagreements, lastDisagreementLogNanos = System.nanoTime() - disagreementLogNanos;
    static final long disagreementLogNanos = 30_000_000_000L;

    /** Validators served different bytes for one committed batch: at least one of them is faulty. Logged at most every 30 s. */
    private void disagreed(long sequence, java.util.Collection<String> servers) {
        disagreements++;
        if (System.nanoTime() - lastDisagreementLogNanos < disagreementLogNanos) return;
        lastDisagreementLogNanos = System.nanoTime();
        log.warn("validators {} served different batches for committed sub-DAG {} ({} fetches with disagreeing answers so far): at least one of them is "
                + "faulty; only a batch served identically by {} validators is executed", servers, sequence, disagreements, confirmations);
    }

    private static Answer result(Future<Answer> done) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("asking a validator failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private VerifierWire.Entry entry(VerifierLink link, long sequence) {
        try {
            VerifierWire.Entry entry = VerifierWire.entry(link.call(VerifierWire.ENTRY, VerifierWire.entryRequest(sequence)));
            if (unreachable.remove(link.validator())) {
                log.info("validator {} reachable (committed {}, certified {})", link.validator(), entry.committed(), entry.certified());
            }
            return entry;
        } catch (IOException e) {
            if (unreachable.add(link.validator())) log.warn("validator {} unreachable: {}", link.validator(), e.getMessage());
            return null;
        }
    }

    /** Stops calls in flight; the links themselves belong to the caller. */
    @Override
    public void close() { calls.shutdownNow(); }
}
