package io.quantumsafe.tls.sidecar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * A listener whose accepted sockets buffer their input. BCJSSE reads every TLS record in two calls
 * on the socket's stream, the 5-byte header and then the body; on a bare socket each is a system
 * call, and on a virtual thread the first one usually parks and wakes again. Below a buffer, one
 * read takes the header, the body and whatever follows. The buffer holds a whole TLS record at its
 * largest (RFC 8446 section 5.2: 2^14 + 256 bytes of ciphertext after a 5-byte header).
 */
final class RecordBufferingServerSocket extends ServerSocket {
    static final int bufferBytes = 5 + (1 << 14) + 256;

    RecordBufferingServerSocket() throws IOException {
        super();
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) throw new SocketException("Socket is closed");
        Socket socket = new BufferedInputSocket();
        implAccept(socket);
        return socket;
    }

    /**
     * A connected socket whose input stream is buffered, and can be held: after {@link #holdInput()}
     * a read waits until the socket is closed and then reports end of stream, whatever the peer sends
     * meanwhile. That is how a TLS 1.3 half-close ({@link io.quantumsafe.tls.HalfClose}) keeps Bouncy
     * Castle from reading past the client's close_notify: its end of stream would close both
     * directions. Everything else is the plain socket's.
     */
    static final class BufferedInputSocket extends Socket {
        private InputStream input;
        private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean held;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) input = new HoldableInput(super.getInputStream());
            return input;
        }

        /** From now on reads return nothing until the socket is closed. */
        void holdInput() { held = true; }

        @Override
        public void close() throws IOException {
            closed.countDown();
            super.close();
        }

        private final class HoldableInput extends BufferedInputStream {
            HoldableInput(InputStream in) {
                super(in, bufferBytes);
            }

            @Override
            public int read() throws IOException {
                return held ? waitForClose() : super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return held ? waitForClose() : super.read(buffer, offset, length);
            }

            private int waitForClose() throws java.io.InterruptedIOException {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while the input is held");
                }
                return -1;
            }
        }
    }
}
