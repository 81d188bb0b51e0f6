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

    /** A connected socket whose input stream is buffered; everything else is the plain socket's. */
    static final class BufferedInputSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) input = new BufferedInputStream(super.getInputStream(), bufferBytes);
            return input;
        }
    }
}
