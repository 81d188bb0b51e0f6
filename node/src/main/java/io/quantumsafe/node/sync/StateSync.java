package io.quantumsafe.node.sync;

import io.quantumsafe.node.store.SyncStore.Position;
import io.quantumsafe.node.sync.SyncException.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State sync by snapshot over the peer link, both roles.
 *
 * <p>Serving: answers a peer's status request with this node's commit position, and a fetch with its
 * restart point ({@link Source#prepare}), in chunks of {@link SyncWire#chunkBytes}, one per request.
 * At most {@link #sessionsMax} restart points are held at once; idle ones expire.
 *
 * <p>Requesting ({@link #catchUp}, at start, before consensus runs): asks every peer for its position;
 * if a peer has garbage-collected rounds at or above this node's last committed leader round, the
 * certificates this node is missing are gone and fetching cannot bring it back: it downloads a restart
 * point from the most advanced such peer, checks it ({@link RestartPointCheck}: the certificate is the
 * trust anchor, not the peer), and returns it for installing. A refused restart point is reported and
 * the next peer is tried, until the deadline.
 */
public final class StateSync {
    private static final Logger log = LoggerFactory.getLogger(StateSync.class);

    static final int sessionsMax = 2;
    static final long sessionIdleMillis = 60_000;
    /** Preparing includes waiting for the certificate of the peer's position, which forms within a second or so. */
    static final Duration firstChunkTimeout = Duration.ofSeconds(30);
    static final Duration chunkTimeout = Duration.ofSeconds(10);
    static final int answersQueued = 256;
    static final long resendMillis = 500;
    /** A chunk request is repeated this many times before the peer is given up on (frames can be dropped on a full queue). */
    static final int chunkAttempts = 3;

    /** This node's state, for peers. */
    public interface Source {
        Position position();

        /** A restart point at this node's current position; may wait briefly for its certificate. */
        RestartPoint prepare() throws SyncException;
    }

    public interface Sender {
        void send(int peer, byte[] frame);
    }

    /** What happened, for logs, audit and metrics. */
    public interface Reports {
        void refused(int peer, SyncException e);

        void served(int peer, long sequence, int bytes);
    }

    /** A checked restart point and the peer that served it. */
    public record Restored(int peer, RestartPointCheck.Verified verified) {}

    private final int self;
    private final int committeeSize;
    private final Sender sender;
    private final Source source;
    private final Reports reports;
    private final SecureRandom random = new SecureRandom();
    private final BlockingQueue<Answer> answers = new ArrayBlockingQueue<>(answersQueued);
    private final Map<SessionKey, Session> sessions = new HashMap<>();
    private volatile boolean syncing;

    private record SessionKey(int peer, long nonce) {}

    private record Answer(int from, SyncWire.Frame frame) {}

    private record Candidate(int peer, SyncWire.Status status) {}

    private static final class Session {
        volatile byte[] payload;
        volatile String failure;
        volatile long lastUsed = System.currentTimeMillis();
    }

    public StateSync(int self, int committeeSize, Sender sender, Source source, Reports reports) {
        this.self = self;
        this.committeeSize = committeeSize;
        this.sender = sender;
        this.source = source;
        this.reports = reports;
    }

    /** A SYNC frame from an authenticated peer (any thread; never blocks for long). */
    public void onFrame(int from, byte[] frame) {
        SyncWire.Frame f = SyncWire.decode(frame);
        if (f == null || from == self || from < 0 || from >= committeeSize) return;
        switch (f) {
            case SyncWire.StatusRequest r -> {
                Position p = source.position();
                sender.send(from, SyncWire.encode(new SyncWire.Status(r.nonce(), p.sequence(), p.leaderRound(), p.gcRound())));
            }
            case SyncWire.Fetch fetch -> serve(from, fetch);
            case SyncWire.Status s -> answers.offer(new Answer(from, s));
            case SyncWire.Chunk c -> answers.offer(new Answer(from, c));
            case SyncWire.Refused r -> answers.offer(new Answer(from, r));
        }
    }

    // ---------------------------------------------------------------- serving

    private void serve(int from, SyncWire.Fetch fetch) {
        SessionKey key = new SessionKey(from, fetch.nonce());
        Session session;
        boolean prepare = false;
        synchronized (sessions) {
            long now = System.currentTimeMillis();
            sessions.values().removeIf(s -> now - s.lastUsed > sessionIdleMillis);
            session = sessions.get(key);
            if (session == null && fetch.offset() == 0) {
                if (syncing) {
                    refuse(from, fetch.nonce(), "this validator is restoring from a snapshot itself");
                    return;
                }
                if (sessions.size() >= sessionsMax) {
                    refuse(from, fetch.nonce(), "busy: " + sessionsMax + " restart points are being served");
                    return;
                }
                session = new Session();
                sessions.put(key, session);
                prepare = true;
            }
        }
        if (session == null) {
            refuse(from, fetch.nonce(), "no transfer " + fetch.nonce() + " in progress");
            return;
        }
        session.lastUsed = System.currentTimeMillis();
        if (prepare) {
            Session s = session;
            Thread.ofVirtual().name("sync-serve-" + from).start(() -> {
                try {
                    RestartPoint point = source.prepare();
                    s.payload = RestartPointCodec.encode(point);
                    reports.served(from, point.consensus().sequence(), s.payload.length);
                } catch (SyncException | RuntimeException e) {
                    s.failure = e.getMessage();
                }
                sendChunk(from, key, s, 0);
            });
        } else if (session.payload != null) {
            sendChunk(from, key, session, fetch.offset());
        }
    }

    private void sendChunk(int to, SessionKey key, Session session, long offset) {
        byte[] payload = session.payload;
        if (payload == null || offset < 0 || offset > payload.length) {
            synchronized (sessions) {
                sessions.remove(key);
            }
            refuse(to, key.nonce(), session.failure != null ? session.failure : "offset " + offset + " outside the restart point");
            return;
        }
        int length = (int) Math.min(SyncWire.chunkBytes, payload.length - offset);
        byte[] bytes = java.util.Arrays.copyOfRange(payload, (int) offset, (int) offset + length);
        sender.send(to, SyncWire.encode(new SyncWire.Chunk(key.nonce(), payload.length, offset, bytes)));
        if (offset + length == payload.length) {
            synchronized (sessions) {
                sessions.remove(key);
            }
        }
    }

    private void refuse(int to, long nonce, String reason) {
        sender.send(to, SyncWire.encode(new SyncWire.Refused(nonce, reason)));
    }

    // ---------------------------------------------------------------- requesting

    /**
     * Restores from a peer if this node fell behind its peers' GC window; empty if it did not (or no
     * peer answered within {@code probe}: a cluster starting together).
     *
     * @throws SyncException if it is behind but no peer served a valid restart point before the deadline
     */
    public java.util.Optional<Restored> catchUp(Position mine, RestartPointCheck check, Duration probe, Duration deadline)
            throws SyncException, InterruptedException {
        syncing = true;
        try {
            List<Candidate> ahead = probe(mine, probe);
            if (ahead.isEmpty()) return java.util.Optional.empty();
            log.info("behind the peers' GC window (our last committed leader round {}, peers' GC rounds {}): restoring from a snapshot",
                    mine.leaderRound(), ahead.stream().map(c -> c.status().gcRound()).toList());
            long end = System.nanoTime() + deadline.toNanos();
            SyncException last = null;
            while (System.nanoTime() < end) {
                for (Candidate candidate : ahead) {
                    int peer = candidate.peer();
                    try {
                        byte[] bytes = fetch(peer, end);
                        RestartPoint point = RestartPointCodec.decode(bytes);
                        return java.util.Optional.of(new Restored(peer, check.check(point)));
                    } catch (SyncException e) {
                        last = e;
                        reports.refused(peer, e);
                    }
                    if (System.nanoTime() >= end) break;
                }
                Thread.sleep(500); // between passes over the peers: let them commit and certify further
            }
            throw last != null ? last : new SyncException(Reason.TIMEOUT, "no peer served a restart point within " + deadline);
        } finally {
            syncing = false;
        }
    }

    /**
     * For a running validator: true if a peer has already collected rounds this node has not output, so
     * fetching certificates cannot bring it back (a restart restores a snapshot). Not while catching up.
     */
    public boolean behindPeers(Position mine, Duration probe) throws InterruptedException {
        return !probe(mine, probe).isEmpty();
    }

    /**
     * Asks every peer for its position, re-asking every {@link #resendMillis} (a peer's link to us may
     * still be reconnecting, or its queue full of consensus frames from while we were down). Stops when
     * every peer answered, or at the deadline, or as soon as enough for a quorum with us say we are
     * within their window.
     */
    private List<Candidate> probe(Position mine, Duration probe) throws InterruptedException {
        answers.clear();
        Map<Long, Integer> nonces = new HashMap<>();
        for (int peer = 0; peer < committeeSize; peer++) if (peer != self) nonces.put(random.nextLong(), peer);
        int enough = Math.min(committeeSize - 1, quorum(committeeSize) - 1);
        List<Candidate> ahead = new ArrayList<>();
        int answered = 0;
        long end = System.nanoTime() + probe.toNanos(), nextSend = 0;
        // Early out only when enough peers say we are within their window; if one says we are not, hear every peer (more to choose from).
        while (!nonces.isEmpty() && !(answered >= enough && ahead.isEmpty())) {
            long now = System.nanoTime();
            if (now >= end) break;
            if (now >= nextSend) {
                nonces.forEach((nonce, peer) -> sender.send(peer, SyncWire.encode(new SyncWire.StatusRequest(nonce))));
                nextSend = now + resendMillis * 1_000_000L;
            }
            Answer a = answers.poll(Math.min(end, nextSend) - now, TimeUnit.NANOSECONDS);
            if (a == null || !(a.frame() instanceof SyncWire.Status s)) continue;
            Integer peer = nonces.get(s.nonce());
            if (peer == null || peer != a.from()) continue;
            nonces.remove(s.nonce());
            answered++;
            // The peer dropped rounds we have not output: the certificates we miss are gone from it.
            if (s.sequence() > mine.sequence() && s.gcRound() > 0 && s.gcRound() >= mine.leaderRound()) ahead.add(new Candidate(peer, s));
        }
        ahead.sort(Comparator.comparingLong((Candidate c) -> c.status().sequence()).reversed());
        return ahead;
    }

    private static int quorum(int n) {
        int f = (n - 1) / 3;
        return (n + f) / 2 + 1;
    }

    private byte[] fetch(int peer, long endNanos) throws SyncException, InterruptedException {
        long nonce = random.nextLong();
        answers.clear();
        sender.send(peer, SyncWire.encode(new SyncWire.Fetch(nonce, 0)));
        byte[] payload = null;
        long offset = 0;
        int attempts = 0;
        while (payload == null || offset < payload.length) {
            Duration timeout = payload == null ? firstChunkTimeout : chunkTimeout;
            long wait = Math.min(timeout.toNanos(), endNanos - System.nanoTime());
            SyncWire.Frame f = next(peer, nonce, wait);
            if (f == null) {
                if (++attempts >= chunkAttempts || System.nanoTime() >= endNanos) {
                    throw new SyncException(Reason.TIMEOUT, "validator " + peer + " sent no chunk at offset " + offset + " in " + attempts + " attempts");
                }
                sender.send(peer, SyncWire.encode(new SyncWire.Fetch(nonce, offset)));
                continue;
            }
            attempts = 0;
            if (f instanceof SyncWire.Refused r) throw new SyncException(Reason.PEER_REFUSED, "validator " + peer + ": " + r.reason());
            if (!(f instanceof SyncWire.Chunk c)) continue;
            if (payload != null && c.offset() < offset) continue; // a repeat of a chunk we asked for twice
            if (payload == null) {
                long limit = payloadLimit();
                if (c.total() > limit || c.total() < 1) {
                    throw new SyncException(Reason.TOO_LARGE, "validator " + peer + " announces " + c.total() + " bytes, the limit here is " + limit);
                }
                payload = new byte[(int) c.total()];
            }
            if (c.total() != payload.length || c.offset() != offset || offset + c.bytes().length > payload.length || c.bytes().length == 0) {
                throw new SyncException(Reason.MALFORMED, "validator " + peer + " sent a chunk at " + c.offset() + " of " + c.bytes().length
                        + " bytes (total " + c.total() + "), expected offset " + offset);
            }
            System.arraycopy(c.bytes(), 0, payload, (int) offset, c.bytes().length);
            offset += c.bytes().length;
            if (offset < payload.length) sender.send(peer, SyncWire.encode(new SyncWire.Fetch(nonce, offset)));
        }
        return payload;
    }

    /** The codec's bound, or a quarter of this JVM's heap if that is less: a peer's announcement must not exhaust memory. */
    static long payloadLimit() {
        return Math.min(RestartPointCodec.bytesMax, Runtime.getRuntime().maxMemory() / 4);
    }

    private SyncWire.Frame next(int peer, long nonce, long waitNanos) throws InterruptedException {
        long end = System.nanoTime() + waitNanos;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) return null;
            Answer a = answers.poll(left, TimeUnit.NANOSECONDS);
            if (a != null && a.from() == peer && a.frame().nonce() == nonce) return a.frame();
        }
    }
}
