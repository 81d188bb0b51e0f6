package io.quantumsafe.tls.sidecar;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.tls.HalfClose;
import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: TLS handshake (with an absolute deadline, so a slow-loris client cannot
 * hold a slot by trickling bytes), upstream connect, then bytes passed through unchanged in both
 * directions, honouring half-close, until both directions end or a timeout (idle, close, lifetime)
 * cuts it. Ends with exactly one audit event.
 */
final class ProxyConnection {
    private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);
    /** One TLS record's plaintext. */
    static final int bufferBytes = 16 * 1024;

    private final Sidecar sidecar;
    private final SidecarConfig config;
    private final Socket plain;
    private final long acceptedNanos = System.nanoTime();
    private final AtomicLong toUpstream = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private volatile long lastActivityNanos = acceptedNanos;
    private volatile SSLSocket tls;
    private volatile Socket upstream;
    private volatile String abortReason;
    private volatile ScheduledFuture<?> closeDeadline;
    /** Set when the upstream finished and the TLS side was closed on purpose (see pump). */
    private volatile boolean tlsClosedAfterUpstream;
    /** Set when the client half-closed with close_notify (TLS 1.3): its direction ended normally. */
    private volatile boolean clientHalfClosed;
    /** TLS 1.3 on the sidecar's own buffered socket: half-close both ways (see pump). */
    private volatile boolean halfClosing;
    private boolean clientDirectionEnded, upstreamDirectionEnded;

    ProxyConnection(Sidecar sidecar, Socket plain) {
        this.sidecar = sidecar;
        this.config = sidecar.config();
        this.plain = plain;
    }

    /** Runs the connection to its end and returns its audit event (the caller emits it once it has released the slot). */
    ObjectNode run() {
        HandshakeInfo info = null;
        String status = "OK";
        String error = null;
        String group = "none";
        ScheduledFuture<?> lifetime = null;
        ScheduledFuture<?> handshakeDeadline = schedule(() -> abort("handshake timeout"), config.handshakeTimeout());
        try {
            PqTlsContext context = sidecar.tls().context();
            tls = context.wrapAccepted(plain);
            try {
                info = context.handshake(tls, config.handshakeTimeout());
            } finally {
                handshakeDeadline.cancel(false);
            }
            group = info.namedGroup();
            sidecar.metrics().handshake(group, "ok", Duration.ofNanos(info.durationNanos()));
            if (!config.maxLifetime().isZero()) lifetime = schedule(() -> abort("max lifetime"), config.maxLifetime());
            upstream = connectUpstream();
            pump(info);
        } catch (TlsRefusedException e) {
            status = "REFUSED";
            error = e.getMessage();
            group = e.namedGroup();
            sidecar.metrics().handshake(group, "refused", null);
            log.warn("refused {}: {}", plain.getRemoteSocketAddress(), e.getMessage());
        } catch (UpstreamUnavailableException e) {
            status = "FAILED";
            error = e.getMessage();
            sidecar.metrics().upstreamError();
            log.warn("{}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            status = "FAILED";
            boolean inHandshake = info == null;
            error = (inHandshake ? "handshake failed: " : "") + (abortReason != null ? abortReason : describe(e));
            if (inHandshake) sidecar.metrics().handshake("unknown", abortReason != null ? "timeout" : "failed", null);
        } finally {
            if (lifetime != null) lifetime.cancel(false);
            ScheduledFuture<?> pendingClose = closeDeadline;
            if (pendingClose != null) pendingClose.cancel(false);
            closeAll();
            sidecar.metrics().bytes(toUpstream.get(), toClient.get());
        }
        return event(info, group, status, error);
    }

    private Socket connectUpstream() throws UpstreamUnavailableException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(config.upstream(), (int) config.connectTimeout().toMillis());
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already failing; the connect error is the one to report.
            }
            throw new UpstreamUnavailableException("upstream " + config.upstream() + " unreachable: " + describe(e));
        }
    }

    /**
     * Client-to-upstream on this thread, upstream-to-client on a second virtual thread. Under TLS 1.3
     * either side may half-close ({@link HalfClose}): the client's close_notify becomes a TCP FIN to
     * the upstream after every byte it sent, and the upstream may go on answering (the client's
     * socket input is held from then on); the upstream's FIN becomes a close_notify to the client,
     * which may go on sending. When both directions have ended the sockets are closed. Under TLS 1.2
     * (if configured) BCJSSE closes both directions on either close_notify.
     */
    private void pump(HandshakeInfo info) throws IOException {
        tls.setTcpNoDelay(true);
        RecordBufferingServerSocket.BufferedInputSocket holdable =
                plain instanceof RecordBufferingServerSocket.BufferedInputSocket b && "TLSv1.3".equals(info.protocol()) ? b : null;
        halfClosing = holdable != null;
        long tick = config.tick().toNanos();
        ScheduledFuture<?> idleCheck = sidecar.scheduler().scheduleWithFixedDelay(this::checkIdle, tick, tick, TimeUnit.NANOSECONDS);
        try {
            Thread back = Thread.ofVirtual().name("sidecar-to-client").start(() -> {
                if (!copy(upstream, tls, toClient)) {
                    abort("upstream connection lost");
                } else if (halfClosing) {
                    try {
                        HalfClose.sendCloseNotify(tls.getOutputStream());
                    } catch (IOException e) {
                        abort("client connection lost");
                    }
                } else {
                    tlsClosedAfterUpstream = true;
                    closeQuietly(tls);
                }
                directionEnded(false);
            });
            boolean ended = halfClosing
                    ? HalfClose.whileReading(() -> clientHalfClosed(holdable), () -> copy(tls, upstream, toUpstream))
                    : copy(tls, upstream, toUpstream);
            if (ended) halfClose(upstream);
            else if (!tlsClosedAfterUpstream && !clientHalfClosed) abort("client connection lost");
            directionEnded(true);
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            idleCheck.cancel(false);
        }
    }

    /** The client's close_notify (on the reading thread, inside its TLS read): its direction ends here. */
    private void clientHalfClosed(RecordBufferingServerSocket.BufferedInputSocket client) {
        clientHalfClosed = true;
        client.holdInput();
        halfClose(upstream);
        directionEnded(true);
    }

    /**
     * The idle timeout is watched from the timer thread rather than by a read timeout in the pumps:
     * a timed read on a virtual thread arms and cancels a timer on every read that parks, which cost
     * about a fifth of the sidecar's CPU per request (Performance, goal 1). Aborting closes the
     * sockets, which ends the blocked reads.
     */
    private void checkIdle() {
        if (System.nanoTime() - lastActivityNanos >= config.idleTimeout().toNanos()) abort("idle timeout");
    }

    /** Copies until end of stream (true) or an error or abort (false). */
    private boolean copy(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[bufferBytes];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buffer);
                if (n < 0) return true;
                out.write(buffer, 0, n);
                counter.addAndGet(n);
                lastActivityNanos = System.nanoTime();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * When one direction ends, the other has the close timeout to finish (ghostunnel's default 60 s).
     * When both have ended after TLS 1.3 half-closes, the client's socket is closed underneath the TLS
     * one: both close_notify have been exchanged, and Bouncy Castle would send a second one.
     */
    private synchronized void directionEnded(boolean clientToUpstream) {
        if (clientToUpstream) clientDirectionEnded = true;
        else upstreamDirectionEnded = true;
        if (clientDirectionEnded && upstreamDirectionEnded) {
            if (halfClosing) closeQuietly(plain); // also ends the held read
        } else if (closeDeadline == null) {
            closeDeadline = schedule(() -> abort("close timeout"), config.closeTimeout());
        }
    }

    private static void halfClose(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // The peer has gone; the other direction ends on its own.
        }
    }

    private void abort(String reason) {
        if (abortReason == null) abortReason = reason;
        closeAll();
    }

    private void closeAll() {
        for (Socket socket : new Socket[] {tls, plain, upstream}) closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException | RuntimeException e) {
            // Closing is best effort; nothing else holds these sockets.
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return sidecar.scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private ObjectNode event(HandshakeInfo info, String group, String status, String error) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("timestamp", sidecar.clock().instant().toString());
        event.put("component", "pqc-sidecar");
        event.put("operation", "handshake");
        event.put("algorithm", group);
        event.put("tls_group", group);
        event.put("pq", info != null && info.postQuantum());
        event.put("duration_ms", info != null ? info.durationMillis() : (System.nanoTime() - acceptedNanos) / 1e6);
        event.put("status", status);
        String peerName = info == null || info.peerNames().isEmpty() ? "anonymous" : info.peerNames().getFirst();
        event.put("client_id", peerName);
        event.put("peer", info == null ? "" : info.peerSubject());
        event.put("remote_address", String.valueOf(plain.getRemoteSocketAddress()));
        event.put("payload_size", toUpstream.get() + toClient.get());
        event.put("bytes_in", toUpstream.get());
        event.put("bytes_out", toClient.get());
        event.put("connection_ms", (System.nanoTime() - acceptedNanos) / 1e6);
        if (info != null) {
            event.put("protocol", info.protocol());
            event.put("cipher_suite", info.cipherSuite());
        }
        if (abortReason != null) event.put("close_reason", abortReason);
        if (error != null) event.put("error", error);
        event.put("node", sidecar.nodeName());
        return event;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** The upstream could not be reached: the client's connection is closed and the event says why. */
    static final class UpstreamUnavailableException extends Exception {
        UpstreamUnavailableException(String message) {
            super(message);
        }
    }
}
