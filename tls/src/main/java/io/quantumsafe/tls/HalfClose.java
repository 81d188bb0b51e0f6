package io.quantumsafe.tls;

/**
 * TLS 1.3 half-close for connections read on a given thread. RFC 8446 (section 6.1) lets a peer
 * that sent close_notify keep reading; BCJSSE instead answers a received close_notify with its own
 * and closes both directions (TLS 1.2's rule), so nothing can be written after the peer stopped
 * writing. Inside {@link #whileReading}, a close_notify decrypted on the calling thread of a TLS 1.3
 * connection made by a {@link PqTlsContext} is not passed to Bouncy Castle: the reader's callback
 * runs instead, and the connection stays open for writing. The callback must make sure the reading
 * thread gets no further records (anything after close_notify is to be ignored anyway); the sidecar
 * stops its buffered socket input, so Bouncy Castle never sees the client's end of stream either.
 * Only the record's type and the alert's two bytes are looked at, after the record's AEAD tag was
 * verified, so a forged close_notify is impossible. The other way round, {@link #sendCloseNotify}
 * ends the writing direction only.
 */
public final class HalfClose {
    private static final ThreadLocal<Runnable> onPeerClosed = new ThreadLocal<>();

    private HalfClose() {}

    /** Something read on this thread, throwing {@code E}. */
    @FunctionalInterface
    public interface Reading<T, E extends Exception> {
        T read() throws E;
    }

    /**
     * Runs {@code reading} with half-close: a close_notify read meanwhile on this thread runs
     * {@code onCloseNotify} (on this thread, inside the TLS read) instead of closing the connection.
     */
    public static <T, E extends Exception> T whileReading(Runnable onCloseNotify, Reading<T, E> reading) throws E {
        onPeerClosed.set(onCloseNotify);
        try {
            return reading.read();
        } finally {
            onPeerClosed.remove();
        }
    }

    /** The callback registered for the current thread, or null. */
    static Runnable current() { return onPeerClosed.get(); }

    private static final ThreadLocal<Boolean> sendingCloseNotify = new ThreadLocal<>();
    private static final byte[] closeNotifyAlert = {org.bouncycastle.tls.AlertLevel.warning, org.bouncycastle.tls.AlertDescription.close_notify};

    /**
     * Sends close_notify on a TLS 1.3 connection made by a {@link PqTlsContext} without closing it,
     * so that the peer may go on writing (RFC 8446 section 6.1); Bouncy Castle has no way to, since
     * it closes both directions when it sends one. The alert's two bytes go through the connection's
     * own record layer (its keys and sequence numbers) as one record whose inner type is alert.
     * Nothing may be written on the connection afterwards; closing it later sends a second
     * close_notify unless the socket underneath is closed first.
     *
     * @param tlsOutput the connection's output stream
     */
    public static void sendCloseNotify(java.io.OutputStream tlsOutput) throws java.io.IOException {
        sendingCloseNotify.set(Boolean.TRUE);
        try {
            tlsOutput.write(closeNotifyAlert);
            tlsOutput.flush();
        } finally {
            sendingCloseNotify.remove();
        }
    }

    /** True while {@link #sendCloseNotify} writes on this thread. */
    static boolean sendingCloseNotify() { return sendingCloseNotify.get() != null; }

    static boolean isCloseNotify(byte[] bytes, int offset, int length) {
        return length == 2 && bytes[offset] == closeNotifyAlert[0] && bytes[offset + 1] == closeNotifyAlert[1];
    }
}
