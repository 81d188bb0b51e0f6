package io.quantumsafe.node.verifier;

import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * A verifier's connection to one validator's verifier port over PQ mutual TLS, opened on first use
 * and again after any failure; the server must present the validator's own name. One call at a time.
 */
public final class VerifierLink implements AutoCloseable {
    static final Duration connectTimeout = Duration.ofSeconds(5);
    static final Duration callTimeout = Duration.ofSeconds(30);

    private final String validator;
    private final InetSocketAddress address;
    private final PqTlsContext context;
    private SSLSocket socket;
    private DataInputStream in;
    private DataOutputStream out;

    public VerifierLink(String validator, InetSocketAddress address, PqTlsContext context) {
        this.validator = validator;
        this.address = address;
        this.context = context;
    }

    public String validator() { return validator; }

    public synchronized VerifierWire.Frame call(byte type, byte[] body) throws IOException {
        try {
            if (socket == null) open();
            VerifierWire.write(out, type, body);
            VerifierWire.Frame answer = VerifierWire.read(in);
            if (answer == null) throw new IOException(validator + " closed the verifier link");
            return answer;
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        SSLSocket s = context.connect(address.getHostString(), address.getPort(), connectTimeout);
        try {
            HandshakeInfo info = context.handshake(s, connectTimeout);
            if (!info.peerNames().contains(validator)) throw new IOException(address + " presented " + info.peerNames() + ", not " + validator);
            s.setSoTimeout((int) callTimeout.toMillis());
            in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
            out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 64 * 1024));
            socket = s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken; the next call reconnects
            }
        }
        socket = null;
    }
}
