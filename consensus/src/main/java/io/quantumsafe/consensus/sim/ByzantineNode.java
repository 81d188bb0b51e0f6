package io.quantumsafe.consensus.sim;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.consensus.message.Certificate;
import io.quantumsafe.consensus.message.CodecLimits;
import io.quantumsafe.consensus.message.Header;
import io.quantumsafe.consensus.message.MalformedMessageException;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.Message.CertificateMessage;
import io.quantumsafe.consensus.message.Message.HeaderMessage;
import io.quantumsafe.consensus.message.Message.SyncResponse;
import io.quantumsafe.consensus.message.Message.VoteMessage;
import io.quantumsafe.consensus.message.MessageCodec;
import io.quantumsafe.consensus.message.Vote;
import io.quantumsafe.consensus.replica.Effect;
import io.quantumsafe.consensus.replica.Replica;
import io.quantumsafe.consensus.replica.ReplicaConfig;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A Byzantine validator: an honest {@link Replica} under its key whose outputs it distorts (withholds,
 * forks, corrupts, sends to a subset) and to which it adds attacks of its own (double votes, replays,
 * floods, undecodable bytes). With {@link Behaviour#TWINS} it is instead two honest replicas with the
 * same key, each talking to its half of the network (Bano et al., "Twins", 2020).
 */
final class ByzantineNode {
    /** A message to send; {@code to < 0} means every other validator. The payload is a Message or raw bytes. */
    record Out(int to, Object payload) {}

    private record Fork(Header header, List<Batch> batches, TreeMap<Integer, byte[]> votes) {}

    private static final int REPLAY_POOL_MAX = 64;
    private static final int FORKS_MAX = 8;

    private final int self;
    private final int n;
    private final Set<Behaviour> behaviours;
    private final Replica[] copies;
    private final BitSet secondHalf = new BitSet();
    private final ReplicaConfig config;
    private final CertificateScheme scheme;
    private final VoteSigner signer;
    private final VoteSigner wrongSigner;
    private final CodecLimits limits;
    private final SplittableRandom random;
    private final BiConsumer<Batch, Integer> registerBatch;
    private final LinkedHashMap<Digest, Fork> forks = new LinkedHashMap<>();
    private final List<Object> replayPool = new ArrayList<>();
    private final List<Out> delayed = new ArrayList<>();
    private long forkCounter;

    ByzantineNode(int self, Set<Behaviour> behaviours, ReplicaConfig config, CertificateScheme scheme, VoteSigner signer, Simulation.Keys keys,
                  SplittableRandom random, BiConsumer<Batch, Integer> registerBatch) {
        this.self = self;
        this.n = config.committee().size();
        this.behaviours = Set.copyOf(behaviours);
        this.config = config;
        this.scheme = scheme;
        this.signer = signer;
        this.wrongSigner = keys.wrongKeySigner(scheme, self, random.nextLong());
        this.limits = config.codecLimits(scheme.voteSignatureBytes());
        this.random = random;
        this.registerBatch = registerBatch;
        boolean twins = behaviours.contains(Behaviour.TWINS);
        this.copies = twins ? new Replica[]{Replica.create(config, scheme, signer), Replica.create(config, scheme, signer)}
                : new Replica[]{Replica.create(config, scheme, signer)};
        if (twins) for (int i = 0; i < n; i++) if (random.nextBoolean()) secondHalf.set(i);
    }

    Set<Behaviour> behaviours() { return behaviours; }

    private boolean has(Behaviour b) { return behaviours.contains(b); }

    private int copyFor(int peer) { return copies.length == 2 && secondHalf.get(peer) ? 1 : 0; }

    // ---------------------------------------------------------------- inputs

    List<Out> onPropose(Batch batch, long now) {
        return distort(0, copies[0].propose(batch));
    }

    List<Out> onTick(long now) {
        List<Out> out = new ArrayList<>();
        for (int c = 0; c < copies.length; c++) out.addAll(distort(c, copies[c].tick(now)));
        out.addAll(delayed);
        delayed.clear();
        if (has(Behaviour.REPLAY) && !replayPool.isEmpty() && random.nextInt(4) == 0) {
            out.add(new Out(random.nextInt(n), replayPool.get(random.nextInt(replayPool.size()))));
        }
        if (has(Behaviour.FLOOD) && random.nextInt(4) == 0) flood(out);
        return out;
    }

    List<Out> onMessage(int from, Object payload, long now) {
        List<Out> out = new ArrayList<>();
        if (has(Behaviour.REPLAY)) {
            if (replayPool.size() < REPLAY_POOL_MAX) replayPool.add(payload);
            else replayPool.set(random.nextInt(REPLAY_POOL_MAX), payload);
        }
        Message message = decode(payload);
        if (message instanceof HeaderMessage h && has(Behaviour.DOUBLE_VOTE) && h.header().author() == from) {
            out.add(new Out(from, new VoteMessage(new Vote(h.header().digest(), from, h.header().round(), self, signer.sign(h.header().digest())))));
        }
        if (message instanceof VoteMessage v && forks.containsKey(v.vote().headerDigest())) collectForkVote(v.vote(), out);
        int c = copyFor(from);
        List<Effect> effects = payload instanceof byte[] raw ? copies[c].receive(from, raw) : copies[c].step(from, (Message) payload);
        out.addAll(distort(c, effects));
        return out;
    }

    private Message decode(Object payload) {
        if (payload instanceof Message m) return m;
        try {
            return MessageCodec.decode((byte[]) payload, limits);
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- distortions of the honest replica's output

    private List<Out> distort(int copy, List<Effect> effects) {
        List<Out> out = new ArrayList<>();
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.Send s -> send(copy, s.to(), s.message(), out);
                case Effect.Broadcast b -> broadcast(copy, b.message(), out);
                default -> { }
            }
        }
        return out;
    }

    private void send(int copy, int to, Message message, List<Out> out) {
        if (copies.length == 2) {
            if (copyFor(to) == copy) out.add(new Out(to, message));
            return;
        }
        switch (message) {
            case VoteMessage v -> {
                if (has(Behaviour.WITHHOLD_VOTES)) return;
                out.add(new Out(to, new VoteMessage(corruptVote(v.vote()))));
            }
            case SyncResponse r when has(Behaviour.WITHHOLD_CERTIFICATES) -> { }
            default -> out.add(new Out(to, message));
        }
    }

    private void broadcast(int copy, Message message, List<Out> out) {
        if (copies.length == 2) {
            for (int to = 0; to < n; to++) if (to != self && copyFor(to) == copy) out.add(new Out(to, message));
            return;
        }
        switch (message) {
            case HeaderMessage h when has(Behaviour.EQUIVOCATE) -> equivocate(h, out);
            case HeaderMessage h when has(Behaviour.BAD_PARENTS) && random.nextBoolean() -> badParents(h, out);
            case CertificateMessage c when has(Behaviour.WITHHOLD_CERTIFICATES) -> { }
            case CertificateMessage c when has(Behaviour.BAD_SIGNATURE) && random.nextBoolean() -> {
                out.add(new Out(-1, new CertificateMessage(new Certificate(c.certificate().header(), flip(c.certificate().signatures())))));
                out.add(new Out(-1, c));
            }
            default -> {
                if (has(Behaviour.PARTIAL_SEND)) {
                    for (int to = 0; to < n; to++) if (to != self && random.nextBoolean()) out.add(new Out(to, message));
                } else {
                    out.add(new Out(-1, message));
                }
            }
        }
    }

    private Vote corruptVote(Vote v) {
        if (has(Behaviour.WRONG_KEY) && random.nextBoolean()) {
            return new Vote(v.headerDigest(), v.author(), v.round(), self, wrongSigner.sign(v.headerDigest()));
        }
        if (has(Behaviour.BAD_SIGNATURE) && random.nextBoolean()) {
            byte[] signature = v.signature();
            signature[random.nextInt(signature.length)] ^= (byte) (1 << random.nextInt(8));
            return new Vote(v.headerDigest(), v.author(), v.round(), self, signature);
        }
        return v;
    }

    private static QuorumSignature flip(QuorumSignature q) {
        byte[] proof = q.proof();
        if (proof.length > 0) proof[proof.length / 2] ^= 1;
        return new QuorumSignature(q.signers(), proof);
    }

    /** A second header for the same round: each half gets one version now and the other one a tick later. */
    private void equivocate(HeaderMessage original, List<Out> out) {
        Header h = original.header();
        Batch fake = Batch.of(("fork " + self + "/" + (++forkCounter) + "/" + random.nextLong()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        registerBatch.accept(fake, self);
        Header fork = new Header(self, h.round(), List.of(fake.digest()), h.parents());
        HeaderMessage forked = new HeaderMessage(fork, List.of(fake));
        TreeMap<Integer, byte[]> votes = new TreeMap<>();
        votes.put(self, signer.sign(fork.digest()));
        forks.put(fork.digest(), new Fork(fork, List.of(fake), votes));
        while (forks.size() > FORKS_MAX) forks.remove(forks.keySet().iterator().next());
        for (int to = 0; to < n; to++) {
            if (to == self) continue;
            boolean firstHalf = random.nextBoolean();
            out.add(new Out(to, firstHalf ? original : forked));
            delayed.add(new Out(to, firstHalf ? forked : original));
        }
    }

    private void collectForkVote(Vote vote, List<Out> out) {
        Fork fork = forks.get(vote.headerDigest());
        if (fork.votes().containsKey(vote.voter()) || !scheme.verifyVote(vote.voter(), vote.headerDigest(), vote.signature())) return;
        fork.votes().put(vote.voter(), vote.signature());
        if (fork.votes().size() == config.committee().quorum()) {
            out.add(new Out(-1, new CertificateMessage(new Certificate(fork.header(), scheme.aggregate(fork.header().digest(), fork.votes())))));
        }
    }

    private void badParents(HeaderMessage h, List<Out> out) {
        Header header = h.header();
        List<Digest> parents = new ArrayList<>(header.parents());
        switch (random.nextInt(3)) {
            case 0 -> { if (!parents.isEmpty()) parents.removeLast(); }           // fewer than a quorum (when it had exactly one)
            case 1 -> parents.replaceAll(p -> Digest.sha256(p.toBytes(), new byte[]{1})); // made-up parents nobody holds
            default -> { if (!parents.isEmpty()) parents.add(parents.getFirst()); }      // a repeated parent
        }
        out.add(new Out(-1, new HeaderMessage(new Header(self, header.round(), header.batchDigests(), parents), h.batches())));
    }

    private void flood(List<Out> out) {
        long round = copies[0].round() + 10 + random.nextInt(1000);
        List<Digest> parents = new ArrayList<>();
        for (int i = 0; i < config.committee().quorum(); i++) parents.add(Digest.sha256(new byte[]{(byte) i}, Long.toString(round).getBytes()));
        Header future = new Header(self, round, List.of(), parents);
        out.add(new Out(-1, new HeaderMessage(future, List.of())));
        BitSet everyone = new BitSet();
        everyone.set(0, n);
        out.add(new Out(random.nextInt(n), new CertificateMessage(new Certificate(future, new QuorumSignature(everyone, new byte[scheme.proofBytes(n)])))));
        byte[] garbage = new byte[random.nextInt(200)];
        random.nextBytes(garbage);
        out.add(new Out(random.nextInt(n), garbage));
    }
}
