package io.quantumsafe.node.transport;

import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links between validators: mutual TLS 1.3 with X25519MLKEM768 and ML-DSA certificates from the
 * network's CA, carrying length-prefixed frames. Each validator dials every peer for what it sends
 * and accepts the peers' dials for what it receives, so a link is one-directional and a broken
 * one is redialled with back-off by its sender alone.
 *
 * <p>A peer is the committee entry whose name its certificate carries (CN or SAN), never what
 * it claims in a message. Send queues are bounded per peer: when a peer is down or slow, frames
 * beyond {@link #sendQueueFramesMax} are dropped and counted; consensus re-sends what matters.
 */
public final class PeerTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerTransport.class);

    /** Largest frame accepted or sent: a header with 16 batches of 256 KiB, or a sync response, fits. */
    public static final int frameBytesMax = 16 * 1024 * 1024;
    public static final int sendQueueFramesMax = 4096;
    public static final Duration handshakeTimeout = Duration.ofSeconds(10);
    public static final Duration connectTimeout = Duration.ofSeconds(3);
    static final long backoffMillisMin = 50, backoffMillisMax = 3_000;

    /** Receives authenticated frames; may block (back-pressure onto the peer's socket). */
    public interface Inbound {
        void deliver(int from, byte[] frame) throws InterruptedException;
    }

    /** Connection events, for audit and metrics. */
    public interface Events {
        void connected(int peer, String direction, HandshakeInfo info);

        void disconnected(int peer, String direction, String reason);

        void refused(String remote, String reason);
    }

    private final int self;
    private final List<String> names;
    private final List<InetSocketAddress> addresses;
    private final PqTlsContext serverContext;
    private final PqTlsContext clientContext;
    private final Inbound inbound;
    private final Events events;
    private final Outbound[] outbound;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong framesDropped = new AtomicLong();
    private volatile boolean running = true;
    private ServerSocket listener;

    public PeerTransport(int self, List<String> names, List<InetSocketAddress> addresses, PqTlsContext serverContext,
                         PqTlsContext clientContext, Inbound inbound, Events events) {
        this.self = self;
        this.names = List.copyOf(names);
        this.addresses = List.copyOf(addresses);
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.inbound = inbound;
        this.events = events;
        this.outbound = new Outbound[names.size()];
    }

    /** Binds the peer port and starts dialling every other validator. */
    public void start(InetSocketAddress listen) throws IOException {
        listener = serverContext.bind(listen, 64);
        Thread.ofVirtual().name("peer-accept").start(this::acceptLoop);
        for (int peer = 0; peer < names.size(); peer++) {
            if (peer == self) continue;
            outbound[peer] = new Outbound(peer);
            Thread.ofVirtual().name("peer-send-" + peer).start(outbound[peer]::run);
        }
    }

    public int port() { return listener.getLocalPort(); }

    /** Queues a frame for {@code peer}; false if its queue is full (the frame is dropped and counted). */
    public boolean send(int peer, byte[] frame) {
        if (frame.length > frameBytesMax) throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds " + frameBytesMax);
        boolean queued = outbound[peer].queue.offer(frame);
        if (!queued) framesDropped.incrementAndGet();
        return queued;
    }

    public long framesDropped() { return framesDropped.get(); }

    /** Peers this validator currently has an established sending link to. */
    public int connectedPeers() {
        int count = 0;
        for (Outbound o : outbound) if (o != null && o.connected) count++;
        return count;
    }

    public boolean connected(int peer) { return outbound[peer] != null && outbound[peer].connected; }

    public int queuedFrames(int peer) { return outbound[peer] == null ? 0 : outbound[peer].queue.size(); }

    // ---------------------------------------------------------------- receiving

    private void acceptLoop() {
        while (running) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().name("peer-recv").start(() -> receive(socket));
            } catch (IOException e) {
                if (running) log.warn("peer listener failed: {}", e.toString());
            }
        }
    }

    private void receive(Socket accepted) {
        String remote = String.valueOf(accepted.getRemoteSocketAddress());
        SSLSocket socket = serverContext.configureAccepted(accepted);
        open.add(socket);
        int peer = -1;
        try (socket) {
            HandshakeInfo info = serverContext.handshake(socket, handshakeTimeout);
            peer = peerOf(info);
            if (peer < 0) {
                events.refused(remote, "certificate names " + info.peerNames() + " match no other committee member");
                return;
            }
            events.connected(peer, "in", info);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            while (running) {
                int length = in.readInt();
                if (length < 0 || length > frameBytesMax) {
                    throw new IOException("frame length " + length + " outside 0.." + frameBytesMax + "; closing the link");
                }
                byte[] frame = new byte[length];
                in.readFully(frame);
                inbound.deliver(peer, frame);
            }
        } catch (EOFException e) {
            if (peer >= 0) events.disconnected(peer, "in", "closed by peer");
        } catch (IOException e) {
            if (peer >= 0) events.disconnected(peer, "in", e.toString());
            else if (running) events.refused(remote, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private int peerOf(HandshakeInfo info) {
        for (int i = 0; i < names.size(); i++) {
            if (i != self && info.peerNames().contains(names.get(i))) return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- sending

    private final class Outbound {
        final int peer;
        final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(sendQueueFramesMax);
        volatile boolean connected;

        Outbound(int peer) { this.peer = peer; }

        void run() {
            long backoff = backoffMillisMin;
            while (running) {
                try {
                    SSLSocket socket = dial();
                    backoff = backoffMillisMin;
                    try {
                        pump(socket);
                    } finally {
                        connected = false;
                        open.remove(socket);
                        socket.close();
                    }
                } catch (IOException e) {
                    if (connected) events.disconnected(peer, "out", e.toString());
                    connected = false;
                    if (!running) return;
                    log.debug("link to {} failed: {}; retrying in {} ms", names.get(peer), e.toString(), backoff);
                    try {
                        Thread.sleep(backoff); // back-off between redials, not a race
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = Math.min(backoffMillisMax, backoff * 2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private SSLSocket dial() throws IOException {
            InetSocketAddress address = addresses.get(peer);
            SSLSocket socket = clientContext.connect(address.getHostString(), address.getPort(), connectTimeout);
            open.add(socket);
            try {
                HandshakeInfo info = clientContext.handshake(socket, handshakeTimeout);
                if (!info.peerNames().contains(names.get(peer))) {
                    throw new IOException(address + " presented " + info.peerNames() + ", not " + names.get(peer));
                }
                connected = true;
                events.connected(peer, "out", info);
                return socket;
            } catch (IOException | RuntimeException e) {
                open.remove(socket);
                socket.close();
                throw e;
            }
        }

        private void pump(SSLSocket socket) throws IOException, InterruptedException {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            while (running) {
                byte[] frame = queue.poll(1, TimeUnit.SECONDS);
                if (frame == null) continue;
                out.writeInt(frame.length);
                out.write(frame);
                if (queue.isEmpty()) out.flush();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (listener != null) listener.close();
        } catch (IOException e) {
            log.debug("closing the peer listener: {}", e.toString());
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing a peer link: {}", e.toString());
            }
        }
    }
}
