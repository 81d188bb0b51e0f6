package io.quantumsafe.node;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.audit.client.AuditSinks;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.CommitteeFile;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.sync.SnapshotFiles;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.config.ClientsFile;
import io.quantumsafe.node.config.ConfigException;
import io.quantumsafe.node.config.VerifierConfig;
import io.quantumsafe.node.config.VerifiersFile;
import io.quantumsafe.node.finality.FinalityCodec;
import io.quantumsafe.node.finality.VerifierSet;
import io.quantumsafe.node.verifier.EntryFetcher;
import io.quantumsafe.node.verifier.PrecheckedSignatures;
import io.quantumsafe.node.verifier.VerdictSender;
import io.quantumsafe.node.verifier.VerifierCore;
import io.quantumsafe.node.verifier.VerifierLink;
import io.quantumsafe.node.verifier.VerifierWire;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.tls.ca.Certificates;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running verifier ({@code qsafe verifier --config F}): follows the committed sequence from the
 * validators' verifier ports (PQ mutual TLS), re-executes every batch with every request signature
 * checked ({@link VerifierCore}), and sends each certified checkpoint's attestation or fraud proof to
 * every validator. A fraud proof also goes to the audit pipeline as a critical event. After a fraud
 * proof it waits at the same checkpoint until the validators certify a corrected one.
 *
 * <p>Every {@code snapshot_interval} sub-DAGs it writes its ledger at the checkpoint it just attested
 * to {@code data_dir}; a restarted verifier resumes from its newest readable snapshot instead of
 * re-executing from genesis, which also matters because validators delete history below their own
 * snapshots. If every validator has truncated what it needs next, it starts from a validator's
 * snapshot at a final checkpoint ({@link VerifierBootstrap}); if none is to be had after three tries,
 * it stops with a message saying what to do.
 */
public final class VerifierNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VerifierNode.class);
    /** Pause before asking again for what is not committed or certified yet. */
    static final long pollMillis = 50;
    /** A committed entry no validator certified while this many later ones were: it will not be, so move on. */
    static final int skipBehind = 8;
    static final int refusedKept = 1024;
    /** A progress line in the log this often. */
    static final long reportNanos = 30_000_000_000L;
    /** Polls (about 5 s) in which every reachable validator has committed the next entry but none holds it: truncated. */
    static final int truncatedPollsMax = 100;

    private final VerifierConfig config;
    private volatile VerifierCore core;
    /** A new core at a restored ledger and its checkpoint (after {@link VerifierBootstrap}). */
    private final java.util.function.BiFunction<Ledger, Checkpoint, VerifierCore> newCore;
    private final java.util.function.Supplier<VerifierBootstrap.Start> bootstrap;
    private int bootstrapFailures;
    static final int bootstrapFailuresMax = 3;
    private final PrecheckedSignatures signatures;
    private final ExecutorService signatureThreads;
    /** Where entries and snapshots are fetched; verdicts go on connections of their own ({@link #senders}). */
    private final List<VerifierLink> links;
    private final EntryFetcher fetcher;
    private final List<VerdictSender> senders;
    private final int committeeSize;
    private final AuditSink audit;
    private final Set<Digest> refused = new HashSet<>();
    private final SnapshotFiles snapshots;
    private long lastSnapshot;
    private int truncatedPolls;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long attested, frauds, lastAttested;
    private volatile Throwable failure;

    private VerifierNode(VerifierConfig config, VerifierCore core, PrecheckedSignatures signatures, ExecutorService signatureThreads,
                         List<VerifierLink> links, List<VerdictSender> senders, int committeeSize, AuditSink audit, SnapshotFiles snapshots,
                         java.util.function.BiFunction<Ledger, Checkpoint, VerifierCore> newCore,
                         java.util.function.Supplier<VerifierBootstrap.Start> bootstrap) {
        this.config = config;
        this.newCore = newCore;
        this.bootstrap = bootstrap;
        this.snapshots = snapshots;
        this.lastSnapshot = core.sequence();
        this.core = core;
        this.signatures = signatures;
        this.signatureThreads = signatureThreads;
        this.links = links;
        this.fetcher = new EntryFetcher(links, committeeSize);
        this.senders = senders;
        this.committeeSize = committeeSize;
        this.audit = audit;
        this.thread = Thread.ofPlatform().name("verifier").start(this::loop);
    }

    public static VerifierNode start(VerifierConfig config, char[] password) throws IOException {
        PqcEngine engine = PqcEngine.create();
        Committee committee = CommitteeFile.parse(ValidatorNode.read(config.committee(), CommitteeFile.fileCharsMax));
        if (committee.size() != config.validators().size()) {
            throw new ConfigException("the committee has " + committee.size() + " validators but validators lists " + config.validators().size());
        }
        VerifierSet verifiers = VerifiersFile.load(ValidatorNode.read(config.verifiers(), VerifiersFile.fileCharsMax), engine);
        if (!verifiers.contains(config.index()) || !verifiers.member(config.index()).name().equals(config.name())) {
            throw new ConfigException("verifiers file entry " + config.index() + " is not " + config.name());
        }
        PrivateKey attestationKey = ValidatorNode.loadKey(config.attestationKey(), engine, password);
        PrivateKey tlsKey = ValidatorNode.loadKey(config.tlsKey(), engine, password);
        List<X509Certificate> chain = Certificates.fromPem(ValidatorNode.read(config.tlsCertificate(), Certificates.pemCharsMax));
        List<X509Certificate> ca = Certificates.fromPem(ValidatorNode.read(config.caCertificate(), Certificates.pemCharsMax));
        LedgerConfig ledgerConfig = new LedgerConfig(config.networkId(),
                ClientsFile.parse(ValidatorNode.read(config.clients(), ClientsFile.fileCharsMax)), config.accountsMax(), config.transfersMax());
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService signatureThreads = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("verifier-sig-", 0).daemon().factory());
        PrecheckedSignatures signatures = new PrecheckedSignatures(new EngineSignatureCheck(engine), ledgerConfig, signatureThreads, threads);
        SnapshotFiles snapshots = new SnapshotFiles(config.dataDir().resolve("snapshots"), 2, below -> {});
        Ledger ledger = resume(snapshots, ledgerConfig, signatures);
        Checkpoint resumedAt = ledger.sequence() == 0 ? null : new Checkpoint(config.networkId(), ledger.sequence(), Digest.of(ledger.stateRoot()));
        CheckpointSigning signing = new CheckpointSigning(committee, engine);
        java.util.function.BiFunction<Ledger, Checkpoint, VerifierCore> newCore =
                (at, checkpoint) -> new VerifierCore(config.index(), attestationKey, verifiers, signing, at, checkpoint);
        VerifierCore core = newCore.apply(ledger, resumedAt);
        Set<String> names = new HashSet<>();
        committee.validators().forEach(v -> names.add(v.name()));
        PqTlsContext tls = PqTlsContext.forClient(new TlsIdentity(chain, tlsKey), new TlsTrust(ca, names),
                TlsSettings.defaults(ClientAuth.REQUIRED).withHostnameVerification(false));
        List<VerifierLink> links = new ArrayList<>();
        List<VerdictSender> senders = new ArrayList<>();
        for (int i = 0; i < committee.size(); i++) {
            links.add(new VerifierLink(committee.validator(i).name(), config.validators().get(i), tls));
            senders.add(new VerdictSender(new VerifierLink(committee.validator(i).name(), config.validators().get(i), tls)));
        }
        AuditSink audit = config.audit().equals("none") ? null : AuditSinks.parse(config.audit());
        log.info("verifier {} (index {}) following {} validators from sub-DAG {}", config.name(), config.index(), links.size(), ledger.sequence() + 1);
        java.util.function.Supplier<VerifierBootstrap.Start> bootstrap = () -> VerifierBootstrap.fetch(links, signing, committee,
                config.networkId(), ledgerConfig, signatures);
        return new VerifierNode(config, core, signatures, signatureThreads, links, senders, committee.size(), audit, snapshots, newCore, bootstrap);
    }

    /**
     * The ledger from the newest snapshot that reads back (every root recomputed and equal to the
     * recorded state root, the stream's SHA-256 intact), or a new ledger at genesis if there is none.
     * Snapshots are taken only at checkpoints this verifier attested, so resuming trusts nothing but
     * its own earlier work.
     */
    static Ledger resume(SnapshotFiles snapshots, LedgerConfig ledgerConfig, io.quantumsafe.ledger.SignatureCheck signatures) {
        Ledger ledger = snapshots.newestUsable(Long.MAX_VALUE, ledgerConfig, signatures);
        if (ledger == null) return new Ledger(ledgerConfig, signatures);
        log.info("resumed from its own snapshot at sub-DAG {} (state root {})", ledger.sequence(), Digest.of(ledger.stateRoot()));
        return ledger;
    }

    /** Blocks until the verifier's loop ends (closed, or failed: see {@link Status#failure()}). */
    public void join() throws InterruptedException { thread.join(); }

    /** Sub-DAGs re-executed, checkpoints attested, fraud proofs sent, the last attested checkpoint. */
    public record Status(long executed, long attested, long frauds, long lastAttested, String failure) {}

    public Status status() {
        return new Status(core.sequence(), attested, frauds, lastAttested, failure == null ? null : failure.toString());
    }

    private void loop() {
        try {
            long lastReport = System.nanoTime();
            while (running) {
                if (!step()) Thread.sleep(pollMillis); // nothing new anywhere: poll, the validators push nothing
                if (System.nanoTime() - lastReport > reportNanos) {
                    lastReport = System.nanoTime();
                    Status s = status();
                    Set<String> unreachable = fetcher.unreachable();
                    log.info("verifier {}: re-executed {} sub-DAGs, attested {} checkpoints (last {}), {} fraud proofs{}{}", config.name(),
                            s.executed(), s.attested(), s.lastAttested(), s.frauds(), unreachable.isEmpty() ? "" : "; unreachable: " + unreachable,
                            verdictBacklog());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            log.error("verifier stopped: {}", e.toString(), e);
        }
    }

    /** Validators with verdicts still waiting to be delivered, for the progress line. */
    private String verdictBacklog() {
        StringBuilder out = new StringBuilder();
        for (VerdictSender s : senders) {
            if (s.queued() > 0 || s.dropped() > 0) out.append(out.isEmpty() ? "; verdicts waiting: " : ", ")
                    .append(s.validator()).append(' ').append(s.queued()).append(s.dropped() > 0 ? " (" + s.dropped() + " dropped)" : "");
        }
        return out.toString();
    }

    /** The sequence of the last executed batch while it awaits a checkpoint verdict; 0 if none does. */
    private long awaiting;
    private final Set<Long> refusedSequences = new HashSet<>();

    /** One step forward: the next batch, or the awaited checkpoint's verdict. False if there is nothing new yet. */
    private boolean step() throws InterruptedException {
        if (awaiting == 0) {
            long next = core.sequence() + 1;
            EntryFetcher.Fetched fetched = fetcher.fetch(next, refused::contains, true);
            if (fetched.batch() == null) {
                startOverIfTruncated(fetched, next);
                return false;
            }
            truncatedPolls = 0;
            if (fetched.batch().sequence() != next) throw new IllegalStateException("a validator served batch " + fetched.batch().sequence() + " for " + next);
            signatures.prepare(fetched.batch());
            core.batch(fetched.batch());
            awaiting = next;
            if (fetched.certificate() != null) verdict(fetched.certificate());
            return true;
        }
        EntryFetcher.Fetched fetched = fetcher.fetch(awaiting, refused::contains, false);
        if (fetched.certificate() != null) {
            verdict(fetched.certificate());
            return true;
        }
        if (!refusedSequences.contains(awaiting) && fetched.certifiedAnywhere() >= awaiting + skipBehind) {
            awaiting = 0; // never certified while later ones were: the next checkpoint covers this batch too
            return true;
        }
        return false;
    }

    /**
     * When every validator that answered has committed {@code next} but none holds it any more (their
     * history was truncated below it, so waiting cannot help), starts again from a validator's final
     * snapshot ({@link VerifierBootstrap}); fails after {@link #bootstrapFailuresMax} tries.
     */
    private void startOverIfTruncated(EntryFetcher.Fetched fetched, long next) {
        if (fetched.answered() == 0 || fetched.truncated() < fetched.answered()) {
            truncatedPolls = 0;
            return;
        }
        if (++truncatedPolls < truncatedPollsMax) return;
        truncatedPolls = 0;
        log.warn("every reachable validator has committed sub-DAG {} but none holds it any more (history truncated): "
                + "starting from a validator's final snapshot", next);
        VerifierBootstrap.Start start;
        try {
            start = bootstrap.get();
        } catch (IllegalStateException e) {
            if (++bootstrapFailures < bootstrapFailuresMax) {
                log.warn("final snapshot not obtained ({} of {} tries): {}", bootstrapFailures, bootstrapFailuresMax, e.getMessage());
                return;
            }
            throw new IllegalStateException("every reachable validator has committed sub-DAG " + next + " but none holds it any more, "
                    + "and no final snapshot could be obtained (" + e.getMessage() + "). This verifier's own snapshots in "
                    + config.dataDir() + " end at sub-DAG " + core.sequence() + ": restore a more recent copy of that directory, "
                    + "or raise the validators' snapshots_kept so verifiers can be down longer", e);
        }
        long from = core.sequence() + 1, at = start.certificate().checkpoint().sequence();
        log.warn("started from validator {}'s snapshot at final sub-DAG {} (2f+1 certified, final at f+1 validators, root {} recomputed); "
                + "sub-DAGs {}..{} became final before this verifier could re-execute them", start.validator(), at,
                start.certificate().checkpoint().stateRoot(), from, at);
        core = newCore.apply(start.ledger(), start.certificate().checkpoint());
        bootstrapFailures = 0;
        snapshots.writeInBackground(at, start.snapshot());
        lastSnapshot = at;
    }

    private void verdict(CheckpointCertificate certificate) {
        switch (core.checkpoint(certificate)) {
            case VerifierCore.Attest a -> {
                byte[] bytes = FinalityCodec.encode(a.attestation());
                sendAll(VerifierWire.ATTESTATION, bytes);
                if (attested++ == 0) log.info("first attestation: checkpoint after sub-DAG {}", certificate.checkpoint().sequence());
                lastAttested = certificate.checkpoint().sequence();
                refusedSequences.remove(certificate.checkpoint().sequence());
                awaiting = 0;
                if (lastAttested - lastSnapshot >= config.snapshotInterval()) {
                    // Serialised here, where the ledger is exactly at the attested checkpoint; written in the background.
                    snapshots.writeInBackground(lastAttested, core.snapshotAtLastVerified());
                    lastSnapshot = lastAttested;
                }
            }
            case VerifierCore.Fraud f -> {
                remember(certificate);
                frauds++;
                String detail = "checkpoint after sub-DAG " + certificate.checkpoint().sequence() + " certifies state root "
                        + certificate.checkpoint().stateRoot() + " but re-execution gives " + f.proof().recomputedRoot()
                        + (f.proof().offence() == null ? "" : "; request " + f.proof().offence().requestNumber() + " of client "
                        + f.proof().offence().clientId() + " breaks " + f.proof().offence().rule().wireName());
                log.error("FRAUD: {}", detail);
                auditFraud(certificate.checkpoint().sequence(), detail);
                sendAll(VerifierWire.FRAUD_PROOF, FinalityCodec.encode(f.proof(), committeeSize));
            }
            case VerifierCore.Refused r -> {
                log.warn("certificate refused: {}", r.reason());
                remember(certificate);
            }
        }
    }

    private void remember(CheckpointCertificate certificate) {
        if (refused.size() >= refusedKept) refused.clear(); // bounded; a refused certificate met again is judged again
        if (refusedSequences.size() >= refusedKept) refusedSequences.clear();
        refused.add(certificate.checkpoint().digest());
        refusedSequences.add(certificate.checkpoint().sequence());
    }

    /** To every validator, each on its own connection and thread ({@link VerdictSender}). */
    private void sendAll(byte type, byte[] body) {
        for (VerdictSender sender : senders) sender.send(type, body);
    }

    private void auditFraud(long sequence, String detail) {
        if (audit == null) return;
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("timestamp", Clock.systemUTC().instant().toString());
        e.put("component", "settlement-verifier");
        e.put("operation", "settlement_fraud");
        e.put("algorithm", "ML-DSA-65");
        e.put("duration_ms", 0.0);
        e.put("status", "FAILED");
        e.put("client_id", config.name());
        e.put("payload_size", 0);
        e.put("node", config.name());
        e.put("severity", "critical");
        e.put("sequence", sequence);
        e.put("error", detail);
        audit.offer(e);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetcher.close();
        links.forEach(VerifierLink::close);
        senders.forEach(VerdictSender::close);
        snapshots.close();
        signatureThreads.shutdownNow();
        if (audit != null) audit.close();
    }
}
