package io.quantumsafe.consensus.sim;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.crypto.MlDsaCertificateScheme;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.MessageCodec;
import io.quantumsafe.consensus.replica.Effect;
import io.quantumsafe.consensus.replica.PersistedState;
import io.quantumsafe.consensus.replica.Rejection;
import io.quantumsafe.consensus.replica.Replica;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic discrete-event simulation of a committee: one thread, one event queue ordered by
 * (time, sequence number), one {@link SplittableRandom} seeded from the configuration, so a seed
 * replays a run exactly. Honest validators are real {@link Replica}s whose {@link Effect}s the
 * simulator performs in order: persists go to a {@link PersistedState} per validator (its "disk",
 * which survives a crash), messages go through the {@link Network}, commits go to the {@link Checks}.
 */
public final class Simulation {
    static final long TICK_MILLIS = 20;
    private static final String[] REGIONS = {"eu-west", "eu-central", "us-east", "ap-south", "us-west", "sa-east", "af-south", "me-central"};

    private enum Kind { DELIVER, TICK, PROPOSE, CRASH, RESTART, CHECK }

    private record Event(long time, long sequence, Kind kind, int node, int from, Object payload) {}

    private final SimConfig config;
    private final SplittableRandom random;
    private final Committee committee;
    private final CertificateScheme scheme;
    private final VoteSigner[] signers;
    private final ReplicaConfig[] replicaConfigs;
    private final Network network;
    private final Checks checks;
    private final boolean[] honest;
    private final boolean[] up;
    private final Replica[] replicas;
    private final ByzantineNode[] byzantine;
    private final PersistedState[] disks;
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence));
    private final Map<String, Long> rejections = new TreeMap<>();
    private long sequence;
    private long now;
    private long messages;
    private long bytes;
    private long batchCounter;
    private long stopProposalsAt = -1;

    private Simulation(SimConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        int n = config.validators();
        Keys keys = config.mlDsa() ? Keys.mlDsa(n) : Keys.insecure(n);
        List<Validator> validators = new ArrayList<>();
        int regions = Math.min(config.regions(), REGIONS.length);
        for (int i = 0; i < n; i++) validators.add(new Validator(i, "v" + i, REGIONS[i % regions], keys.publicKey(i)));
        this.committee = Committee.of(validators);
        this.scheme = keys.scheme(committee);
        this.signers = new VoteSigner[n];
        this.replicaConfigs = new ReplicaConfig[n];
        ReplicaConfig base = ReplicaConfig.defaults(committee, 0)
                .withTimeouts(config.leaderTimeoutMillis(), config.leaderTimeoutMillis(), 2 * config.deltaMillis() + TICK_MILLIS);
        if (config.brokenVoteRule()) base = base.withBrokenVoteRuleForTestsOnly();
        for (int i = 0; i < n; i++) {
            signers[i] = keys.signer(scheme, i);
            replicaConfigs[i] = base.withSelf(i);
        }
        this.network = new Network(config, random, committee);
        this.checks = new Checks(n, config);
        this.honest = new boolean[n];
        this.up = new boolean[n];
        this.replicas = new Replica[n];
        this.byzantine = new ByzantineNode[n];
        this.disks = new PersistedState[n];
        int[] order = shuffled(n);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            up[i] = true;
            if (k < config.byzantine()) {
                byzantine[i] = new ByzantineNode(i, drawBehaviours(), replicaConfigs[i], scheme, signers[i], keys, random, this::registerBatch);
            } else {
                honest[i] = true;
                disks[i] = new PersistedState();
                replicas[i] = Replica.create(replicaConfigs[i], scheme, signers[i]);
            }
        }
    }

    /** Runs one simulation to its end and checks it. */
    public static RunResult run(SimConfig config) {
        long start = System.nanoTime();
        Simulation sim = new Simulation(config);
        sim.schedule();
        sim.loop();
        return sim.result((System.nanoTime() - start) / 1_000_000);
    }

    // ---------------------------------------------------------------- setup

    private int[] shuffled(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private EnumSet<Behaviour> drawBehaviours() {
        List<Behaviour> enabled = new ArrayList<>(config.behaviours());
        if (enabled.contains(Behaviour.TWINS) && (enabled.size() == 1 || random.nextInt(3) == 0)) return EnumSet.of(Behaviour.TWINS);
        enabled.remove(Behaviour.TWINS);
        EnumSet<Behaviour> chosen = EnumSet.noneOf(Behaviour.class);
        int count = 1 + random.nextInt(Math.min(4, enabled.size()));
        while (chosen.size() < count) chosen.add(enabled.get(random.nextInt(enabled.size())));
        return chosen;
    }

    private void schedule() {
        int n = config.validators();
        for (int i = 0; i < n; i++) {
            push(random.nextLong(TICK_MILLIS), Kind.TICK, i, -1, null);
            push(random.nextLong(config.batchIntervalMillis()), Kind.PROPOSE, i, -1, null);
        }
        for (int c = 0; c < config.crashes() && config.gstMillis() > 0; c++) {
            int victim = randomHonest();
            if (victim < 0) break;
            long at = random.nextLong(config.gstMillis());
            long restartAt = at + 1 + random.nextLong(Math.max(1, config.gstMillis() - at));
            push(at, Kind.CRASH, victim, -1, null);
            push(restartAt, Kind.RESTART, victim, -1, null);
        }
        push(config.leaderTimeoutMillis(), Kind.CHECK, -1, -1, null);
    }

    private int randomHonest() {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < honest.length; i++) if (honest[i]) candidates.add(i);
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    private void push(long time, Kind kind, int node, int from, Object payload) {
        queue.add(new Event(time, sequence++, kind, node, from, payload));
    }

    // ---------------------------------------------------------------- the loop

    private long hardStopMillis() {
        long round = config.leaderTimeoutMillis() + 3 * config.deltaMillis();
        return config.gstMillis() + 4L * config.rounds() * round + config.livenessBoundMillis();
    }

    private void loop() {
        long hardStop = hardStopMillis();
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            now = e.time();
            if (now > hardStop) break;
            switch (e.kind()) {
                case DELIVER -> deliver(e);
                case TICK -> tick(e.node());
                case PROPOSE -> proposeBatch(e.node());
                case CRASH -> crash(e.node());
                case RESTART -> restart(e.node());
                case CHECK -> {
                    if (finished()) return;
                    push(now + config.leaderTimeoutMillis(), Kind.CHECK, -1, -1, null);
                }
            }
        }
    }

    private boolean finished() {
        if (stopProposalsAt < 0) return false;
        if (now > Math.max(stopProposalsAt, config.gstMillis()) + config.livenessBoundMillis()) return true;
        return now >= config.gstMillis() && checks.allHonestOutput(honest, up);
    }

    private void deliver(Event e) {
        int to = e.node();
        if (!up[to]) return;
        if (byzantine[to] != null) {
            sendAll(to, byzantine[to].onMessage(e.from(), e.payload(), now));
            return;
        }
        List<Effect> effects = e.payload() instanceof byte[] raw ? replicas[to].receive(e.from(), raw) : replicas[to].step(e.from(), (Message) e.payload());
        perform(to, effects);
    }

    private void tick(int node) {
        push(now + TICK_MILLIS, Kind.TICK, node, -1, null);
        if (!up[node]) return;
        if (byzantine[node] != null) {
            sendAll(node, byzantine[node].onTick(now));
            return;
        }
        perform(node, replicas[node].tick(now));
        checks.memory(node, replicas[node].memory(), replicaConfigs[node]);
        if (stopProposalsAt < 0 && replicas[node].round() >= config.rounds()) stopProposalsAt = now;
    }

    private void proposeBatch(int node) {
        if (stopProposalsAt >= 0) return;
        long jitter = random.nextLong(config.batchIntervalMillis() / 2 + 1);
        push(now + config.batchIntervalMillis() / 2 + jitter + config.batchIntervalMillis() / 4, Kind.PROPOSE, node, -1, null);
        if (!up[node]) return;
        Batch batch = newBatch(node);
        if (byzantine[node] != null) {
            registerBatch(batch, node);
            sendAll(node, byzantine[node].onPropose(batch, now));
            return;
        }
        checks.proposed(batch, node, true, now, replicas[node].round());
        perform(node, replicas[node].propose(batch));
    }

    private Batch newBatch(int node) {
        byte[] bytes = new byte[config.batchBytes()];
        byte[] label = ("batch " + node + "/" + (++batchCounter) + " seed " + config.seed()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, bytes, 0, Math.min(label.length, bytes.length));
        return Batch.of(bytes);
    }

    private void registerBatch(Batch batch, int node) {
        checks.proposed(batch, node, false, now, 0);
    }

    private void crash(int node) {
        if (!up[node] || !honest[node]) return;
        up[node] = false;
        for (Batch b : replicas[node].queuedBatches()) checks.lostInCrash(b);
        replicas[node] = null;
    }

    private void restart(int node) {
        if (up[node] || !honest[node]) return;
        up[node] = true;
        replicas[node] = Replica.restore(replicaConfigs[node], scheme, signers[node], disks[node]);
    }

    // ---------------------------------------------------------------- effects

    private void perform(int node, List<Effect> effects) {
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.Persist p -> disks[node].apply(p.record());
                case Effect.Send s -> {
                    checks.honestSent(node, s.message());
                    send(node, s.to(), s.message());
                }
                case Effect.Broadcast b -> {
                    checks.honestSent(node, b.message());
                    Object payload = encode(b.message());
                    for (int to = 0; to < config.validators(); to++) if (to != node) transmit(node, to, payload, b.message());
                }
                case Effect.Commit c -> checks.output(node, c.subDag(), now);
                case Effect.Rejected r -> rejections.merge(r.reason().name(), 1L, Long::sum);
                case Effect.Alarm a -> rejections.merge("ALARM", 1L, Long::sum);
            }
        }
    }

    /** Sends from a Byzantine node: {@code to < 0} means everyone else. */
    private void sendAll(int node, List<ByzantineNode.Out> outs) {
        for (ByzantineNode.Out out : outs) {
            Object payload = out.payload() instanceof Message m ? encode(m) : out.payload();
            if (out.to() >= 0) transmit(node, out.to(), payload, out.payload());
            else for (int to = 0; to < config.validators(); to++) if (to != node) transmit(node, to, payload, out.payload());
        }
    }

    private void send(int from, int to, Message message) {
        transmit(from, to, encode(message), message);
    }

    private Object encode(Message message) {
        return config.wire() ? MessageCodec.encode(message, config.validators()) : message;
    }

    private void transmit(int from, int to, Object payload, Object original) {
        if (to == from || to < 0 || to >= config.validators()) return;
        messages++;
        bytes += payload instanceof byte[] raw ? raw.length : MessageCodec.encodedBytes((Message) original, config.validators());
        for (long at : network.deliveries(from, to, now)) push(at, Kind.DELIVER, to, from, payload);
    }

    // ---------------------------------------------------------------- result

    private RunResult result(long wallMillis) {
        checks.finish(honest, up);
        long subDags = 0, highestRound = 0;
        int finalDag = 0;
        for (int i = 0; i < honest.length; i++) {
            if (!honest[i]) continue;
            subDags = Math.max(subDags, checks.chainLength(i));
            if (replicas[i] != null) {
                highestRound = Math.max(highestRound, replicas[i].round());
                finalDag = Math.max(finalDag, replicas[i].memory().dagVertices());
            }
        }
        if (stopProposalsAt < 0) checks.violation("liveness: no honest replica reached round " + config.rounds() + " by " + now + " ms (highest " + highestRound + ")");
        return new RunResult(config.seed(), subDags, checks.outputEverywhere(honest, up), checks.proposedHonest(), checks.latencyMean(),
                checks.latencyP99(), checks.latencyRoundsMean(), messages, bytes, highestRound, now, checks.maxDagVertices, finalDag,
                Map.copyOf(rejections), List.copyOf(checks.violations()), wallMillis, checks.fingerprint(honest));
    }

    static Rejection[] rejectionKinds() { return Rejection.values(); }

    // ---------------------------------------------------------------- keys

    /** The committee's keys: real ML-DSA-65 keys, or the insecure scheme's deterministic ones. */
    static final class Keys {
        private final KeyPair[] mlDsa;

        private Keys(KeyPair[] mlDsa) { this.mlDsa = mlDsa; }

        static Keys insecure(int n) { return new Keys(null); }

        static Keys mlDsa(int n) {
            PqcEngine engine = PqcEngine.create();
            KeyPair[] pairs = new KeyPair[n];
            for (int i = 0; i < n; i++) pairs[i] = engine.generateKeyPair(MlDsaCertificateScheme.ALGORITHM);
            return new Keys(pairs);
        }

        byte[] publicKey(int i) { return mlDsa == null ? InsecureSimulationScheme.keyOf(i) : mlDsa[i].publicKey().encoded(); }

        CertificateScheme scheme(Committee committee) {
            return mlDsa == null ? new InsecureSimulationScheme(committee) : new MlDsaCertificateScheme(committee, PqcEngine.create());
        }

        VoteSigner signer(CertificateScheme scheme, int i) {
            return switch (scheme) {
                case InsecureSimulationScheme s -> s.signer(i);
                case MlDsaCertificateScheme s -> s.signer(i, mlDsa[i].privateKey());
                default -> throw new IllegalStateException("unknown scheme " + scheme.name());
            };
        }

        /** A signer for {@code i} with a key that is not in the committee (for wrong-key votes). */
        VoteSigner wrongKeySigner(CertificateScheme scheme, int i, long salt) {
            if (scheme instanceof InsecureSimulationScheme s) return s.signer(i, InsecureSimulationScheme.mix(salt) | 1);
            PqcEngine engine = PqcEngine.create();
            var signer = engine.signer(engine.generateKeyPair(MlDsaCertificateScheme.ALGORITHM).privateKey());
            return new VoteSigner() {
                @Override public int validator() { return i; }
                @Override public byte[] sign(io.quantumsafe.consensus.Digest d) { return signer.sign(CertificateScheme.voteMessage(d)); }
            };
        }
    }
}
