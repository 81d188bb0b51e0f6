package io.quantumsafe.node;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.audit.client.AuditSinks;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.CommitteeFile;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.node.config.BindPolicy;
import io.quantumsafe.node.config.ClientsFile;
import io.quantumsafe.node.config.ConfigException;
import io.quantumsafe.node.config.NodeConfig;
import io.quantumsafe.node.store.NodeStore;
import io.quantumsafe.node.store.SyncStore;
import io.quantumsafe.node.sync.SnapshotFiles;
import io.quantumsafe.node.sync.StateSync;
import io.quantumsafe.node.sync.SyncException;
import io.quantumsafe.node.sync.SyncWire;
import io.quantumsafe.node.transport.PeerTransport;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.tls.ca.Certificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running validator ({@code qsafe node --config F}): loads its keys, committee, clients and
 * store, recovers, then starts the peer transport, the consensus thread and the client API.
 */
public final class ValidatorNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ValidatorNode.class);

    private final NodeConfig config;
    private final NodeStore store;
    private final Node node;
    private final PeerTransport transport;
    private final ClientApi api;
    private final VerifierPort verifierPort;
    private final AuditSink audit;
    private final NodeEvents events;
    private final SnapshotFiles snapshots;
    private final Thread watch;

    private ValidatorNode(NodeConfig config, NodeStore store, Node node, PeerTransport transport, ClientApi api, VerifierPort verifierPort,
                          AuditSink audit, NodeEvents events, SnapshotFiles snapshots, Thread watch) {
        this.verifierPort = verifierPort;
        this.snapshots = snapshots;
        this.watch = watch;
        this.config = config;
        this.store = store;
        this.node = node;
        this.transport = transport;
        this.api = api;
        this.audit = audit;
        this.events = events;
    }

    public static ValidatorNode start(NodeConfig config, char[] password) throws IOException {
        return start(config, password, () -> {});
    }

    /**
     * @param onBehindGcWindow called (on the watch thread) when the validator finds its peers past its GC
     *                         window while running: only a start, restoring a peer's snapshot, brings it back
     */
    public static ValidatorNode start(NodeConfig config, char[] password, Runnable onBehindGcWindow) throws IOException {
        BindPolicy.check(config.peerListen(), "peer_listen", config.allowPublicBind());
        BindPolicy.check(config.apiListen(), "api_listen", config.allowPublicBind());
        PqcEngine engine = PqcEngine.create();
        Committee committee = CommitteeFile.parse(read(config.committee(), CommitteeFile.fileCharsMax));
        if (committee.size() != config.peers().size()) {
            throw new ConfigException("the committee has " + committee.size() + " validators but peers lists " + config.peers().size());
        }
        if (!committee.validator(config.index()).name().equals(config.name())) {
            throw new ConfigException("committee entry " + config.index() + " is " + committee.validator(config.index()).name() + ", not " + config.name());
        }
        List<ClientKey> clients = ClientsFile.parse(read(config.clients(), ClientsFile.fileCharsMax));
        PrivateKey consensusKey = loadKey(config.consensusKey(), engine, password);
        PrivateKey tlsKey = loadKey(config.tlsKey(), engine, password);
        List<X509Certificate> chain = Certificates.fromPem(read(config.tlsCertificate(), Certificates.pemCharsMax));
        List<X509Certificate> ca = Certificates.fromPem(read(config.caCertificate(), Certificates.pemCharsMax));

        MlDsaCertificateScheme scheme = new MlDsaCertificateScheme(committee, engine);
        int n = committee.size();
        long timeout = config.leaderTimeoutMillis();
        // Loopback and LAN sizing: 16 batches of up to 2 MiB per header keeps a frame under the transport's bound.
        // GC 300 rounds behind the commit point: at the paced 10 rounds/s about 30 s that a restarted
        // validator can fetch its way back through (beyond that it restores a peer's snapshot: NodeSync).
        // A restarted validator's GC round is gcDepth behind its last commit, and it refuses certificates
        // more than dagRounds above that: dagRounds = 2 x gcDepth + 100 lets it accept what its peers
        // built in up to 400 rounds of absence, and the buffers hold a whole catch-up's certificates.
        int gcDepth = config.gcDepthRounds(), dagRounds = 2 * gcDepth + 100, catchUpCertificates = n * 400 + 256;
        ReplicaConfig replicaConfig = new ReplicaConfig(committee, config.index(), timeout, timeout, Math.max(50, timeout / 2), gcDepth, dagRounds, 4,
                catchUpCertificates, catchUpCertificates, 16 * n * (dagRounds + 5), 10_000, 16, Node.batchBytesMax, 16, false);
        AuditSink audit = config.audit().equals("none") ? null : AuditSinks.parse(config.audit());
        NodeEvents events = new NodeEvents(config.name(), audit, Clock.systemUTC());
        NodeStore store = NodeStore.open(config.dataDir(), n, replicaConfig.codecLimits(scheme.voteSignatureBytes()));
        Outcomes outcomes = new Outcomes();
        LedgerConfig ledgerConfig = new LedgerConfig(config.networkId(), clients, config.accountsMax(), config.transfersMax());
        Checkpoints checkpoints = new Checkpoints(config.networkId(), committee, config.index(), engine.signer(consensusKey), engine);
        boolean trustSignatures = NodeConfig.Finality.TRUST_SIGNATURES.equals(config.finality().testFault());
        boolean alterServedBatches = NodeConfig.Finality.ALTER_SERVED_BATCHES.equals(config.finality().testFault());
        if (alterServedBatches) log.error("TEST FAULT {}: this validator serves verifiers altered batches", config.finality().testFault());
        if (trustSignatures) log.error("TEST FAULT {}: this validator admits and executes requests without checking signatures", config.finality().testFault());
        Node node = new Node(config.index(), committee, replicaConfig, ledgerConfig, engine, store, outcomes, events, config.batchRequestsMax(),
                checkpoints, trustSignatures ? (client, message, signature) -> true : new io.quantumsafe.ledger.EngineSignatureCheck(engine));
        node.finality(finality(config, committee, engine, store, events));
        PreverifyingScheme preverifying = new PreverifyingScheme(scheme);
        node.preverifyWith(preverifying, replicaConfig.codecLimits(scheme.voteSignatureBytes()));
        SnapshotFiles snapshots = new SnapshotFiles(config.dataDir().resolve("snapshots"), config.snapshotsKept(),
                oldest -> SyncStore.truncateBelow(store, oldest));
        node.useSnapshots(snapshots, config.snapshotInterval());
        snapshots.protectAtOrBelow(() -> node.finality().lastFinalSequence());

        // The peer link comes up before recovery, for state sync; consensus frames are dropped until the node runs.
        java.util.concurrent.atomic.AtomicReference<PeerTransport> link = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        StateSync sync = new StateSync(config.index(), n, (peer, frame) -> link.get().send(peer, frame),
                NodeSync.source(node, store, snapshots, config.networkId()), new StateSync.Reports() {
                    @Override public void refused(int peer, SyncException e) { events.stateSyncRefused(peer, e); }

                    @Override public void served(int peer, long sequence, int bytes) {
                        log.info("served a restart point at sub-DAG {} ({} bytes) to validator {}", sequence, bytes, peer);
                    }
                });
        Set<String> names = new HashSet<>();
        committee.validators().forEach(v -> names.add(v.name()));
        TlsIdentity identity = new TlsIdentity(chain, tlsKey);
        TlsTrust trust = new TlsTrust(ca, names);
        TlsSettings settings = TlsSettings.defaults(ClientAuth.REQUIRED).withHostnameVerification(false);
        PeerTransport transport = new PeerTransport(config.index(), committee.validators().stream().map(v -> v.name()).toList(), config.peers(),
                PqTlsContext.forServer(identity, trust, settings), PqTlsContext.forClient(identity, trust, settings), (from, frame) -> {
                    if (frame.length > 0 && frame[0] == SyncWire.CHANNEL) sync.onFrame(from, frame);
                    else if (running.get()) node.deliver(from, frame);
                },
                new PeerTransport.Events() {
                    @Override public void connected(int peer, String direction, HandshakeInfo info) { events.peerConnected(peer, direction, info); }

                    @Override public void disconnected(int peer, String direction, String reason) { events.peerDisconnected(peer, direction, reason); }

                    @Override public void refused(String remote, String reason) { events.peerRefused(remote, reason); }
                });
        link.set(transport);
        transport.start(config.peerListen());
        long restoredAt = 0;
        try {
            var restored = sync.catchUp(SyncStore.position(store),
                    NodeSync.check(committee, new io.quantumsafe.node.checkpoint.CheckpointSigning(committee, engine), scheme,
                            replicaConfig.codecLimits(scheme.voteSignatureBytes()), ledgerConfig, new io.quantumsafe.ledger.EngineSignatureCheck(engine)),
                    syncProbe, syncDeadline);
            if (restored.isPresent()) {
                NodeSync.install(store, snapshots, restored.get().verified(), n);
                restoredAt = restored.get().verified().sequence();
                events.stateSyncRestored(restored.get().peer(), restoredAt);
            }
        } catch (io.quantumsafe.node.sync.SyncException e) {
            // Start anyway on what we have: the node serves reads and a later restart retries.
            log.error("state sync failed: {}; continuing from the local store, which is behind the peers' GC window", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during state sync", e);
        }
        node.recover(preverifying, scheme.signer(config.index(), consensusKey));
        node.start(transport);
        running.set(true);
        long restoredSequence = restoredAt;
        // State sync runs only at start; a validator that falls out of the window while running says so.
        java.util.concurrent.atomic.AtomicBoolean behind = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watch = Thread.ofVirtual().name("gc-window-watch").start(() -> watchGcWindow(sync, store, events, behind, onBehindGcWindow));
        ClientApi api = new ClientApi(config.apiListen(), node, store, outcomes, events, config.networkId(), clients, engine,
                config.operatorTokenSha256(), () -> health(config, node, transport, events, restoredSequence, behind.get()));
        if (trustSignatures) api.trustSignatures();
        VerifierPort verifierPort = null;
        if (config.finality().verifierListen() != null) {
            BindPolicy.check(config.finality().verifierListen(), "verifier_listen", config.allowPublicBind());
            Set<String> verifierNames = new HashSet<>();
            for (int v = 0; v < node.finality().verifiers().size(); v++) verifierNames.add(node.finality().verifiers().member(v).name());
            verifierPort = new VerifierPort(config.finality().verifierListen(),
                    PqTlsContext.forServer(identity, new TlsTrust(ca, verifierNames), settings), node, events, alterServedBatches);
        }
        log.info("validator {} (index {}, {}) up: peers on {}, API on {}", config.name(), config.index(), config.datacenter(),
                NodeConfig.format(config.peerListen()), NodeConfig.format(config.apiListen()));
        return new ValidatorNode(config, store, node, transport, api, verifierPort, audit, events, snapshots, watch);
    }

    private static NodeFinality finality(NodeConfig config, Committee committee, PqcEngine engine, NodeStore store, NodeEvents events) {
        var verifiers = config.finality().verifiers() == null
                ? new io.quantumsafe.node.finality.VerifierSet(List.of(), engine)
                : io.quantumsafe.node.config.VerifiersFile.load(read(config.finality().verifiers(), io.quantumsafe.node.config.VerifiersFile.fileCharsMax), engine);
        var signing = new io.quantumsafe.node.checkpoint.CheckpointSigning(committee, engine);
        long lastFinal = store.lastFinal();
        io.quantumsafe.node.checkpoint.Checkpoint lastFinalCheckpoint = null;
        if (lastFinal > 0) {
            byte[] stored = store.checkpoint(lastFinal);
            if (stored == null) throw new ConfigException("the store records checkpoint " + lastFinal + " as final but does not hold it: the data directory is damaged");
            lastFinalCheckpoint = new io.quantumsafe.node.checkpoint.Checkpoint(config.networkId(), lastFinal,
                    io.quantumsafe.consensus.Digest.of(Checkpoints.decode(stored).stateRoot()));
        }
        return new NodeFinality(config.finality().config(), verifiers, signing, store, events, config.networkId(), lastFinalCheckpoint);
    }

    /** How long a starting validator waits for its peers' positions (a cluster starting together answers nothing). */
    static final java.time.Duration syncProbe = java.time.Duration.ofSeconds(5);
    static final java.time.Duration syncDeadline = java.time.Duration.ofSeconds(120);

    /** Every {@link #watchMillis}: are peers past our GC window? Logged and alarmed once per episode, shown in /health. */
    private static void watchGcWindow(StateSync sync, NodeStore store, NodeEvents events, java.util.concurrent.atomic.AtomicBoolean behind,
                                      Runnable onBehind) {
        try {
            while (true) {
                Thread.sleep(watchMillis); // a period, not a wait for a condition
                boolean now = sync.behindPeers(SyncStore.position(store), syncProbe);
                if (now && !behind.get()) {
                    events.alarm("behind the peers' GC window: the certificates this validator misses are collected; it restarts in place to restore a peer's snapshot");
                    onBehind.run();
                }
                behind.set(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("GC-window watch stopped: {}", e.toString()); // the store closed under it at shutdown
        }
    }

    static final long watchMillis = 15_000;

    private static ObjectNode health(NodeConfig config, Node node, PeerTransport transport, NodeEvents events, long restoredSequence,
                                     boolean behindGcWindow) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", events.fatal() == null ? "ok" : "failed");
        o.put("name", config.name());
        o.put("peers_connected", transport.connectedPeers());
        o.put("sequence", (long) node.withLedger(l -> l.sequence()));
        o.put("mempool", node.pendingRequests());
        o.put("last_final", node.finality().lastFinalSequence());
        if (config.finality().verifierListen() != null) o.put("verifier_port", config.finality().verifierListen().getPort());
        o.put("restored_from_snapshot", restoredSequence);
        o.put("history_floor", node.historyFloor());
        o.put("behind_gc_window", behindGcWindow);
        if (events.fatal() != null) o.put("error", events.fatal().toString());
        return o;
    }

    static PrivateKey loadKey(Path file, PqcEngine engine, char[] password) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".key")) throw new ConfigException(file + ": a key file name ends in .key");
        return KeyStore.open(file.toAbsolutePath().getParent(), engine).load(name.substring(0, name.length() - 4), password);
    }

    static String read(Path file, int charsMax) {
        try {
            if (Files.size(file) > charsMax) throw new ConfigException(file + " is larger than " + charsMax + " bytes");
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public int apiPort() { return api.port(); }

    public NodeConfig config() { return config; }

    @Override
    public void close() {
        if (verifierPort != null) verifierPort.close();
        watch.interrupt();
        try {
            watch.join(5_000); // it reads the store: done before the store closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        transport.close();
        node.stop();
        snapshots.close();
        store.close();
        if (audit != null) audit.close();
    }
}
